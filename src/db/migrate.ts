// Applies or rolls back the migration set in migrations/index.ts.
import { type MigrationResult, Migrator, PostgresAdapter, sql } from "kysely";
import type { Db } from "./index.ts";
import { migrations } from "./migrations/index.ts";

export interface MigrationReport {
  applied: string[];
  error?: unknown;
}

async function migrator(db: Db): Promise<Migrator> {
  // On PostgreSQL, Kysely finds its bookkeeping tables in *any* schema of the database unless
  // told which one: name the current schema, so two schemas (tests, or another app using
  // Kysely) never share migration state.
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  return new Migrator({
    // Migrations are typed Kysely<unknown>; the table names are ours, so keep Kysely's defaults.
    db: db as never,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
}

function report(results: MigrationResult[] | undefined, error: unknown): MigrationReport {
  const applied = (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  if (error !== undefined) return { applied, error };
  const failed = (results ?? []).find((r) => r.status === "Error");
  return failed
    ? { applied, error: new Error(`migration ${failed.migrationName} failed`) }
    : { applied };
}

/** Brings the schema to the newest migration; throws if one fails. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { results, error } = await (await migrator(db)).migrateToLatest();
  const result = report(results, error);
  if (result.error !== undefined) throw result.error;
  return result.applied;
}

/** Rolls back the newest applied migration. */
export async function migrateDown(db: Db): Promise<string[]> {
  const { results, error } = await (await migrator(db)).migrateDown();
  const result = report(results, error);
  if (result.error !== undefined) throw result.error;
  return result.applied;
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
