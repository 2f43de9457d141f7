// Moving an account away, as Mastodon's AccountMigration: once every 30 days, and an address
// typed as `@user@domain`, `user@domain` or a local `user`.

export const MOVE_COOLDOWN_MS = 30 * 24 * 3_600_000;

/** When the account may move again after moving at `lastMoveAt` (null: never moved). */
export function nextMoveAllowedAt(lastMoveAt: string | null): Date | null {
  return lastMoveAt === null ? null : new Date(Date.parse(lastMoveAt) + MOVE_COOLDOWN_MS);
}

/** `user@domain` (or `user`) from what was typed; null when it is no address. */
export function normalizeAcct(input: string): string | null {
  const acct = input.trim().replace(/^@/, "");
  const at = acct.indexOf("@");
  const username = at === -1 ? acct : acct.slice(0, at);
  const domain = at === -1 ? null : acct.slice(at + 1);
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(username)) return null;
  if (domain !== null && !/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(domain)) return null;
  return acct;
}
