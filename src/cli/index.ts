// The `hearth` command line. Each command is a function (args, io) → exit code; bad input is a
// CliError with one clear line. Commands that touch the database boot like the server does.
import { ConfigError, parseConfig } from "../config.ts";
import { DataDirInUseError } from "../lib/data-dir-lock.ts";
import { HEARTH_VERSION } from "../version.ts";
import { ACCOUNTS_USAGE, accountsCommand } from "./accounts.ts";
import { type Command, parseOptions } from "./command-kit.ts";
import {
  DOMAIN_ALLOWS_USAGE,
  DOMAIN_BLOCKS_USAGE,
  domainAllowsCommand,
  domainBlocksCommand,
} from "./domain-blocks.ts";
import { EMOJI_USAGE, emojiCommand } from "./emoji.ts";
import { INVITES_USAGE, invitesCommand } from "./invites.ts";
import { CliError, type CliIo, processIo, usageError } from "./io.ts";
import { JOBS_USAGE, jobsCommand } from "./jobs.ts";
import { runMigrate } from "./migrate.ts";
import { RULES_USAGE, rulesCommand } from "./rules.ts";
import { parseRole, runServe } from "./serve.ts";
import { SETTINGS_USAGE, settingsCommand } from "./settings.ts";
import { TRENDS_USAGE, trendsCommand } from "./trends.ts";

export { parseOptions } from "./command-kit.ts";

export const USAGE = `Usage: hearth <command> [options]

Commands:
  serve [--role all|web|worker]        Run the server (default role: all)
  migrate [up|down|status]             Apply (default), roll back one, or list migrations
  accounts create <username> --email <address> [--password <text>]
           [--role Owner|Admin|Moderator] [--confirmed] [--allow-reserved]
                                       Create a local account (prints a generated password)
  settings list | get <key> | set <key> <value>
                                       Show or change instance settings
  accounts approve|modify|delete <username> ...
                                       Manage local users (see \`hearth help accounts\`)
  rules list | add <text> [--hint <text>] | remove <id>
                                       Show or change the server rules
  invites create --by <username> [--max-uses <n>] [--expires-in <period>]
                                       Print an invite link
  jobs list [--failed] | retry <id>|--all | run
                                       Inspect and retry background jobs
  emoji import <file-or-dir>... | list | delete <shortcode>
                                       Manage custom emoji (see \`hearth help emoji\`)
  trends list | approve|reject <kind> <target>
                                       Review trending tags and posts
  domain-blocks list | add <domain> [--severity ...] | remove <domain>
                                       Block servers (see \`hearth help domain-blocks\`)
  domain-allows list | add <domain> | remove <domain>
                                       The allow-list of limited federation
  help [command]                       Show this text, or a command's details
  version                              Print the version

Configuration comes from environment variables; see the README.`;

const HELP: Record<string, string> = {
  accounts: ACCOUNTS_USAGE,
  settings: SETTINGS_USAGE,
  rules: RULES_USAGE,
  invites: INVITES_USAGE,
  jobs: JOBS_USAGE,
  emoji: EMOJI_USAGE,
  trends: TRENDS_USAGE,
  "domain-blocks": DOMAIN_BLOCKS_USAGE,
  "domain-allows": DOMAIN_ALLOWS_USAGE,
};

const commands: Record<string, Command> = {
  serve: async (args, io) => {
    const { values, positionals } = parseOptions(args, { role: { type: "string" } });
    if (positionals.length > 0)
      throw usageError(`serve takes no arguments; got "${positionals[0]}"`);
    return runServe(parseConfig(io.env, io.cwd), parseRole(values.role), io);
  },
  migrate: (args, io) => runMigrate(args, io),
  accounts: accountsCommand,
  settings: settingsCommand,
  rules: rulesCommand,
  invites: invitesCommand,
  jobs: jobsCommand,
  emoji: emojiCommand,
  trends: trendsCommand,
  "domain-blocks": domainBlocksCommand,
  "domain-allows": domainAllowsCommand,
  help: async (args, io) => {
    const [topic] = args;
    if (topic !== undefined && HELP[topic] === undefined && commands[topic] === undefined)
      throw usageError(`unknown command "${topic}"; run \`hearth help\``);
    io.out((topic !== undefined ? HELP[topic] : undefined) ?? USAGE);
    return 0;
  },
  version: async (_args, io) => {
    io.out(HEARTH_VERSION);
    return 0;
  },
};

/** Adds a command (for commands that live outside this table). */
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
