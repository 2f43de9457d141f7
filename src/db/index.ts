// Opens the configured database. The rest of the code sees only Kysely<Database> and `dialect`.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, sql } from "kysely";
import type { Config } from "../config.ts";
import { createPostgresDialect, createPostgresPool } from "./dialects/postgres.ts";
import { createSqliteDialect, openSqlite } from "./dialects/sqlite.ts";
import { DatabaseUnavailableError } from "./errors.ts";
import type { Database } from "./schema/index.ts";

export type Db = Kysely<Database>;
export type Dialect = "sqlite" | "postgres";

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: the schema to use (tests give each file its own). */
  schema?: string;
}

export function openDatabase(
  database: Config["database"],
  options: OpenOptions = {},
): DatabaseHandle {
  if (database.kind === "sqlite") {
    if (database.path !== ":memory:") mkdirSync(path.dirname(database.path), { recursive: true });
    const db = new Kysely<Database>({ dialect: createSqliteDialect(openSqlite(database.path)) });
    return handle(db, "sqlite");
  }
  const pool = createPostgresPool({ url: database.url, schema: options.schema });
  return handle(new Kysely<Database>({ dialect: createPostgresDialect(pool) }), "postgres");
}

function handle(db: Db, dialect: Dialect): DatabaseHandle {
  let closed = false;
  return {
    db,
    dialect,
    async ping() {
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        if (error instanceof DatabaseUnavailableError) throw error;
        throw new DatabaseUnavailableError((error as Error).message, { cause: error });
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
