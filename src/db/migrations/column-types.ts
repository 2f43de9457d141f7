// Column types that differ between the two databases. Migrations may import only kysely and
// this file, never db/schema or domain: a migration is frozen once merged.
import { type ColumnDataType, type Kysely, PostgresAdapter, sql } from "kysely";

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Timestamps: timestamptz on PostgreSQL, ISO-8601 text on SQLite (sorts the same). */
export function timestamp(db: Kysely<unknown>): ColumnDataType {
  return isPostgres(db) ? "timestamptz" : "text";
}

/** JSON documents: jsonb on PostgreSQL; on SQLite the declared type `json` tells our adapter to parse. */
export function json(db: Kysely<unknown>): ColumnDataType {
  return isPostgres(db) ? "jsonb" : "json";
}

export const emptyJsonArray = sql`'[]'`;
