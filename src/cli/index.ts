// The `hearth` command line. Each command is a function (args, io) → exit code; bad input is a
// CliError with one clear line. Commands that touch the database boot like the server does.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../config.ts";
import { DataDirInUseError } from "../lib/data-dir-lock.ts";
import { HEARTH_VERSION } from "../version.ts";
import { CliError, type CliIo, processIo, usageError } from "./io.ts";
import { runMigrate } from "./migrate.ts";
import { parseRole, runServe } from "./serve.ts";

export const USAGE = `Usage: hearth <command> [options]

Commands:
  serve [--role all|web|worker]        Run the server (default role: all)
  migrate [up|down|status]             Apply (default), roll back one, or list migrations
  help                                 Show this text
  version                              Print the version

Configuration comes from environment variables; see the README.`;

type Command = (args: string[], io: CliIo) => Promise<number>;

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

const commands: Record<string, Command> = {
  serve: async (args, io) => {
    const { values, positionals } = parseOptions(args, { role: { type: "string" } });
    if (positionals.length > 0)
      throw usageError(`serve takes no arguments; got "${positionals[0]}"`);
    return runServe(parseConfig(io.env, io.cwd), parseRole(values.role), io);
  },
  migrate: (args, io) => runMigrate(args, io),
  help: async (_args, io) => {
    io.out(USAGE);
    return 0;
  },
  version: async (_args, io) => {
    io.out(HEARTH_VERSION);
    return 0;
  },
};

/** Adds a command (accounts, settings, rules ... register themselves in cli/commands.ts). */
export function registerCommand(name: string, command: Command): void {
  commands[name] = command;
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name = "serve", ...args] = argv;
  if (name === "--help" || name === "-h") return commands.help!([], io);
  if (name === "--version") return commands.version!([], io);
  const command = commands[name];
  try {
    if (command === undefined) throw usageError(`unknown command "${name}"; run \`hearth help\``);
    return await command(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`hearth: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof ConfigError || error instanceof DataDirInUseError) {
      io.err(`hearth: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
