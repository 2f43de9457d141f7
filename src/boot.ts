// Starting a process: parse config, set up logging, load secrets, open and check the database,
// apply migrations. Every command goes through here, so bad settings fail the same way.
import { type Config, ConfigError } from "./config.ts";
import { type AppContext, createContext } from "./context.ts";
import { DatabaseUnavailableError } from "./db/errors.ts";
import { type DatabaseHandle, openDatabase } from "./db/index.ts";
import { migrateToLatest, pendingMigrations } from "./db/migrate.ts";
import { loadOrCreateSecrets } from "./lib/secrets.ts";
import { configureLogging, log } from "./logger.ts";
import { saveSetting } from "./repos/instance-settings.ts";

export interface BootOptions {
  /**
   * apply: bring the schema up to date (serve); require: refuse to run on an old schema
   * (commands); none: leave it alone (the migrate command itself).
   */
  migrate: "apply" | "require" | "none";
}

function describeDatabase(config: Config): string {
  if (config.database.kind === "sqlite") return `SQLite at ${config.database.path}`;
  const url = new URL(config.database.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

export async function boot(config: Config, options: BootOptions): Promise<AppContext> {
  await configureLogging(config.logLevel);
  const secrets = loadOrCreateSecrets(config.dataDir);
  let database: DatabaseHandle;
  try {
    database = openDatabase(config.database);
    await database.ping();
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      const setting = config.database.kind === "postgres" ? "DATABASE_URL" : "HEARTH_DATA_DIR";
      throw new ConfigError(setting, `cannot use ${describeDatabase(config)}: ${firstLine(error)}`);
    }
    throw error;
  }
  if (options.migrate === "apply") {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0)
      log("db").info("Applied migrations: {applied}", { applied: applied.join(", ") });
  } else if (options.migrate === "require") {
    const pending = await pendingMigrations(database.db);
    if (pending.length > 0) {
      await database.close();
      throw new ConfigError(
        "DATABASE_URL",
        `the database needs migrations (${pending.join(", ")}); run \`hearth migrate\``,
      );
    }
  }
  const ctx = createContext(config, { database, secrets });
  if (config.registrations !== null && options.migrate !== "none") {
    await saveSetting(ctx.db, "registrations", config.registrations, ctx.clock.now());
  }
  return ctx;
}

function firstLine(error: Error): string {
  const cause = error.cause instanceof Error ? error.cause : error;
  const text = cause.message || (cause as NodeJS.ErrnoException).code || String(cause);
  return text.split("\n")[0] ?? text;
}
