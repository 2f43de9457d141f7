// `hearth settings list | get <key> | set <key> <value>`: the instance settings (title,
// description, contact, registrations ...) from the command line.
import {
  type InstanceSettings,
  isSettingKey,
  SETTING_KEYS,
  type SettingKey,
} from "../domain/instance-settings.ts";
import { loadSettings } from "../repos/instance-settings.ts";
import { updateSetting } from "../services/instance/update-setting.ts";
import { exhaustive, parseOptions, withContext, withSubcommands } from "./command-kit.ts";
import { CliError, type CliIo, usageError } from "./io.ts";

export const SETTINGS_USAGE = `Usage: hearth settings <list | get <key> | set <key> <value>>

  list                 Every setting with its current value (as JSON)
  get <key>            One setting's value, as \`set\` accepts it
  set <key> <value>    Change a setting; quote values with spaces, "" clears a text

Settings: ${SETTING_KEYS.join(", ")}
  registrations: open, approval or closed
  contact_account: the username of a local account
  languages: ISO 639 codes separated by commas, such as en,de
  featured_accounts: local usernames separated by commas (suggested to everyone)
  federation_mode: open, or allowlist (only \`hearth domain-allows\` servers federate)
  authorized_fetch: true or false (signed GETs required for ActivityPub documents)`;

function unknownKey(key: string): CliError {
  return new CliError(`unknown setting "${key}"; settings are ${SETTING_KEYS.join(", ")}`);
}

/** A value the way `set` takes it, so `get` output can be fed back. */
function formatValue(value: InstanceSettings[SettingKey]): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}

async function list(args: string[], io: CliIo): Promise<number> {
  parseOptions(args, {}, false);
  const settings = await withContext(io, (ctx) => loadSettings(ctx.db));
  // JSON keeps each setting on one line, whatever newlines a long text holds.
  for (const key of SETTING_KEYS) io.out(`${key} = ${JSON.stringify(settings[key])}`);
  return 0;
}

async function get(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const [key, ...extra] = positionals;
  if (key === undefined || extra.length > 0) throw usageError("settings get takes one key");
  if (!isSettingKey(key)) throw unknownKey(key);
  const settings = await withContext(io, (ctx) => loadSettings(ctx.db));
  io.out(formatValue(settings[key]));
  return 0;
}

async function set(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseOptions(args, {});
  if (positionals.length !== 2) {
    throw usageError(
      `settings set takes a key and one value (quote values with spaces); got ${positionals.length} arguments`,
    );
  }
  const [key, text] = positionals as [string, string];
  if (!isSettingKey(key)) throw unknownKey(key);
  const result = await withContext(io, async (ctx) => ({
    result: await updateSetting(ctx, key, text),
    forced: ctx.config.registrations,
  }));
  switch (result.result.type) {
    case "ok":
      io.out(`Set ${key} to ${JSON.stringify(result.result.value)}.`);
      // boot() applies HEARTH_REGISTRATIONS at every start, which would undo this change.
      if (
        key === "registrations" &&
        result.forced !== null &&
        result.forced !== result.result.value
      )
        io.err(
          `hearth: note: HEARTH_REGISTRATIONS=${result.forced} sets it back at the next start`,
        );
      return 0;
    case "unknown-key":
      throw unknownKey(key);
    case "invalid":
      throw new CliError(result.result.message);
    default:
      return exhaustive(result.result);
  }
}

export const settingsCommand = withSubcommands("settings", SETTINGS_USAGE, { list, get, set });
