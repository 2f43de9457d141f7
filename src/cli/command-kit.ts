// What the commands share: strict option parsing, subcommand dispatch, and a booted context
// for commands that work on the database.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { boot } from "../boot.ts";
import { type Config, parseConfig } from "../config.ts";
import type { AppContext } from "../context.ts";
import { migrateToLatest, pendingMigrations } from "../db/migrate.ts";
import { migrations } from "../db/migrations/index.ts";
import { CliError, type CliIo, usageError } from "./io.ts";

export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Parses options strictly: unknown flags and missing values are usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw usageError((error as Error).message.split("\n")[0] ?? "bad arguments");
  }
}

/** A command made of subcommands (`hearth rules add ...`); `--help` prints `usage`. */
export function withSubcommands(
  group: string,
  usage: string,
  subcommands: Record<string, Command>,
): Command {
  const names = Object.keys(subcommands).join(", ");
  return async (args, io) => {
    const [name, ...rest] = args;
    if (name === "--help" || name === "-h" || name === "help") {
      io.out(usage);
      return 0;
    }
    if (name === undefined)
      throw usageError(`${group} needs a subcommand (${names}); run \`hearth help ${group}\``);
    const subcommand = subcommands[name];
    if (subcommand === undefined)
      throw usageError(`${group}: unknown subcommand "${name}"; use one of ${names}`);
    return subcommand(rest, io);
  };
}

function describeDatabase(config: Config): string {
  if (config.database.kind === "sqlite") return `SQLite at ${config.database.path}`;
  const url = new URL(config.database.url);
  return `PostgreSQL database ${url.pathname.slice(1)} on ${url.hostname}`;
}

/**
 * Runs `fn` with a booted context, then closes the database.
 *
 * A database with no migrations applied (a fresh install) is brought up to date, so that
 * `hearth accounts create` works right after install, before the first `npm start`. One with
 * some but not all applied belongs to an older version, whose server may still be running:
 * changing its schema from a one-off command would pull it out from under that server, so we
 * ask for an explicit `hearth migrate` instead (boot's "require").
 *
 * boot() itself gets "none" because its other modes also write HEARTH_REGISTRATIONS into the
 * settings, which would undo `hearth settings set registrations` as it runs.
 */
export async function withContext<T>(io: CliIo, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await boot(parseConfig(io.env, io.cwd), { migrate: "none" });
  try {
    const pending = await pendingMigrations(ctx.db);
    if (pending.length === Object.keys(migrations).length) {
      await migrateToLatest(ctx.db);
      // On stderr, so stdout stays what the command prints; it also shows an operator who ran
      // the command from the wrong directory that a new, empty database was just made.
      io.err(`hearth: note: set up a new database (${describeDatabase(ctx.config)})`);
    } else if (pending.length > 0) {
      throw new CliError(
        `the database needs migrations (${pending.join(", ")}); run \`hearth migrate\` first`,
      );
    }
    return await fn(ctx);
  } finally {
    await ctx.pubsub.close();
    await ctx.database.close();
  }
}

/** For `switch` defaults: TypeScript errors here when a case is missing. */
export function exhaustive(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
