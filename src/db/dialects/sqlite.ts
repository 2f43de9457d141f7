// Kysely over the built-in `node:sqlite` (no native addon to compile, see docs/adr/0001-stack.md).
// This adapter gives Kysely the small better-sqlite3-like surface it expects, sets the pragmas
// we rely on, and makes values look the same as on PostgreSQL:
//   - columns declared `bigint` (our 64-bit ids) come back as decimal strings, as `pg` does;
//   - columns declared `boolean` come back as true/false;
//   - columns declared `json` come back parsed;
//   - booleans and Dates are bound as 0/1 and ISO strings.
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { type SqliteDatabase, SqliteDialect, type SqliteStatement } from "kysely";
import {
  DatabaseBusyError,
  DatabaseUnavailableError,
  ForeignKeyViolationError,
  UniqueViolationError,
} from "../errors.ts";

// SQLite extended result codes (https://sqlite.org/rescode.html).
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_CONSTRAINT_FOREIGNKEY = 787;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

export function translateSqliteError(error: unknown): unknown {
  if (!(error instanceof Error) || !("errcode" in error)) return error;
  const code = Number(error.errcode);
  const message = error.message;
  if (code === SQLITE_CONSTRAINT_UNIQUE || code === SQLITE_CONSTRAINT_PRIMARYKEY) {
    return new UniqueViolationError(message, { cause: error });
  }
  if (code === SQLITE_CONSTRAINT_FOREIGNKEY)
    return new ForeignKeyViolationError(message, { cause: error });
  if ((code & 0xff) === SQLITE_BUSY || (code & 0xff) === SQLITE_LOCKED) {
    return new DatabaseBusyError(message, { cause: error });
  }
  return error;
}

function bindValue(value: unknown): SQLInputValue {
  if (value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as SQLInputValue;
}

type Converter = (value: unknown) => unknown;

function converterFor(declaredType: string | null): Converter {
  const type = declaredType?.toLowerCase() ?? "";
  if (type === "bigint") return (v) => (typeof v === "bigint" ? v.toString() : v);
  if (type === "boolean") return (v) => (v === null ? null : Number(v) !== 0);
  if (type === "json" || type === "jsonb") {
    return (v) => (typeof v === "string" ? JSON.parse(v) : v);
  }
  // Anything else: integers that fit are numbers (counts, sizes); larger ones stay exact as text.
  return (v) => {
    if (typeof v !== "bigint") return v;
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : v.toString();
  };
}

function adaptStatement(statement: StatementSync): SqliteStatement {
  const columns = statement.columns();
  const converters = columns.map((c) => [c.name, converterFor(c.type)] as const);
  // Read 64-bit integers exactly; converters turn them into numbers or strings.
  statement.setReadBigInts(true);
  const convertRow = (row: unknown): unknown => {
    const record = row as Record<string, unknown>;
    for (const [name, convert] of converters) record[name] = convert(record[name]);
    return record;
  };
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw translateSqliteError(error);
    }
  };
  return {
    reader: columns.length > 0,
    all: (params) => guard(() => statement.all(...params.map(bindValue)).map(convertRow)),
    run: (params) => guard(() => statement.run(...params.map(bindValue))),
    iterate: (params) =>
      guard(() => {
        const inner = statement.iterate(...params.map(bindValue));
        return (function* () {
          for (const row of inner) yield convertRow(row);
        })();
      }),
  };
}

/** Opens (creating if needed) a SQLite file, or `:memory:`, with our pragmas. */
export function openSqlite(file: string): DatabaseSync {
  let database: DatabaseSync;
  try {
    database = new DatabaseSync(file, { timeout: 5000 });
  } catch (error) {
    throw new DatabaseUnavailableError(
      `cannot open SQLite database ${file}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  database.exec("PRAGMA journal_mode = WAL");
  database.exec("PRAGMA synchronous = NORMAL");
  database.exec("PRAGMA foreign_keys = ON");
  database.exec("PRAGMA busy_timeout = 5000");
  return database;
}

/** Prepared statements kept per SQL text: preparing took a tenth of a simple request's time. */
const STATEMENT_CACHE_SIZE = 500;

export function createSqliteDialect(database: DatabaseSync): SqliteDialect {
  const statements = new Map<string, SqliteStatement>();
  const adapter: SqliteDatabase = {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql) => {
      const cached = statements.get(sql);
      if (cached !== undefined) return cached;
      let statement: SqliteStatement;
      try {
        statement = adaptStatement(database.prepare(sql));
      } catch (error) {
        throw translateSqliteError(error);
      }
      // Evict the oldest entry: queries are built from a fixed set of shapes, so a full cache
      // means a query with a varying shape (an IN list), which is cheap to prepare again.
      if (statements.size >= STATEMENT_CACHE_SIZE)
        statements.delete(statements.keys().next().value as string);
      statements.set(sql, statement);
      return statement;
    },
  };
  return new SqliteDialect({ database: adapter });
}
