// `hearth invites create --by <username> [--max-uses N] [--expires-in 30m|1h|6h|12h|1d|1w]`:
// invite links that let people join while registrations are closed (or skip approval).
import { findLocalUser } from "../repos/user-admin.ts";
import { createInvite } from "../services/registrations/invites.ts";
import { parseOptions, withContext, withSubcommands } from "./command-kit.ts";
import { CliError, type CliIo, usageError } from "./io.ts";

export const INVITES_USAGE = `Usage: hearth invites create --by <username> [options]

Prints a link that lets one or more people sign up, even while registrations are closed.

Options:
  --by <username>        The local user the invite comes from (required).
  --max-uses <n>         How many people may use it (default: no limit).
  --expires-in <period>  30m, 1h, 6h, 12h, 1d or 1w, as Mastodon offers (default: never).`;

// Mastodon's choices in its invite form.
const PERIODS: Record<string, number> = {
  "30m": 30 * 60_000,
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "12h": 12 * 3_600_000,
  "1d": 86_400_000,
  "1w": 7 * 86_400_000,
};

async function create(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    by: { type: "string" },
    "max-uses": { type: "string" },
    "expires-in": { type: "string" },
  });
  if (positionals.length > 0)
    throw usageError(`invites create takes no arguments; got "${positionals[0]}"`);
  if (values.by === undefined) throw usageError("invites create needs --by <username>");
  const maxUsesText = values["max-uses"];
  if (maxUsesText !== undefined && !/^[1-9]\d{0,5}$/.test(maxUsesText)) {
    throw usageError(`--max-uses must be a whole number from 1; got "${maxUsesText}"`);
  }
  const period = values["expires-in"];
  if (period !== undefined && PERIODS[period] === undefined) {
    throw usageError(
      `--expires-in must be one of ${Object.keys(PERIODS).join(", ")}; got "${period}"`,
    );
  }
  const username = values.by.replace(/^@/, "");
  const invite = await withContext(io, async (ctx) => {
    const user = await findLocalUser(ctx.db, username);
    if (user === undefined) throw new CliError(`no local account @${username}`);
    const row = await createInvite(ctx, {
      userId: user.userId,
      maxUses: maxUsesText === undefined ? null : Number(maxUsesText),
      expiresInMs: period === undefined ? null : (PERIODS[period] ?? null),
    });
    return { url: `${ctx.config.baseUrl}/invite/${row.code}`, row };
  });
  io.out(invite.url);
  return 0;
}

export const invitesCommand = withSubcommands("invites", INVITES_USAGE, { create });
