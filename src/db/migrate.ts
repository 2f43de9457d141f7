// Applies or rolls back the migration set in migrations/index.ts.
import { type MigrationResult, Migrator } from "kysely";
import type { Db } from "./index.ts";
import { migrations } from "./migrations/index.ts";

export interface MigrationReport {
  applied: string[];
  error?: unknown;
}

function migrator(db: Db): Migrator {
  return new Migrator({
    // Migrations are typed Kysely<unknown>; the table names are ours, so keep Kysely's defaults.
    db: db as never,
    provider: { getMigrations: async () => migrations },
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
  const { results, error } = await migrator(db).migrateToLatest();
  const result = report(results, error);
  if (result.error !== undefined) throw result.error;
  return result.applied;
}

/** Rolls back the newest applied migration. */
export async function migrateDown(db: Db): Promise<string[]> {
  const { results, error } = await migrator(db).migrateDown();
  const result = report(results, error);
  if (result.error !== undefined) throw result.error;
  return result.applied;
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
