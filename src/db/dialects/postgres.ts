// Kysely over `pg`. Values are made to look like the SQLite adapter's: 64-bit ids stay decimal
// strings (pg's default for int8), timestamps come back as ISO-8601 strings, and driver errors
// become our own errors.
import { PostgresDialect } from "kysely";
import pg from "pg";
import {
  DatabaseBusyError,
  DatabaseUnavailableError,
  ForeignKeyViolationError,
  UniqueViolationError,
} from "../errors.ts";

const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;

const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMPTZ_OID) return (value: string) => new Date(value).toISOString();
    if (oid === TIMESTAMP_OID) return (value: string) => new Date(`${value}Z`).toISOString();
    return pg.types.getTypeParser(oid, format ?? "text");
  },
};

export function translatePostgresError(error: unknown): unknown {
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "string")
    return error;
  switch (error.code) {
    case "23505":
      return new UniqueViolationError(error.message, { cause: error });
    case "23503":
      return new ForeignKeyViolationError(error.message, { cause: error });
    case "40P01":
    case "55P03":
      return new DatabaseBusyError(error.message, { cause: error });
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "3D000":
    case "28P01":
    case "28000":
      return new DatabaseUnavailableError(error.message, { cause: error });
    default:
      return error;
  }
}

export interface PostgresOptions {
  url: string;
  /** Sets `search_path`, so each test file can have its own schema. */
  schema?: string;
  max?: number;
}

export function createPostgresPool(options: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    types,
    connectionTimeoutMillis: 5000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process.
  pool.on("error", () => {});
  return pool;
}

/** Wraps the pool so every query error is translated before Kysely sees it. */
export function createPostgresDialect(pool: pg.Pool): PostgresDialect {
  const wrapped = new WeakSet<pg.PoolClient>();
  const wrapClient = (client: pg.PoolClient): pg.PoolClient => {
    if (wrapped.has(client)) return client;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as { query: unknown }).query = (...args: unknown[]) =>
      query(...args).catch((error: unknown) => {
        throw translatePostgresError(error);
      });
    return client;
  };
  return new PostgresDialect({
    pool: {
      connect: async () => {
        try {
          return wrapClient(await pool.connect());
        } catch (error) {
          throw translatePostgresError(error);
        }
      },
      end: () => pool.end(),
    },
  });
}
