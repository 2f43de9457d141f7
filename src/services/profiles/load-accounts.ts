// Hydration of Account entities: the rows and, for local ones, the role (highlighted roles
// are public), and the custom emoji their profiles use. Three queries at most for any number
// of accounts (the emoji one only when a profile holds a `:shortcode:`).
import type { AppContext } from "../../context.ts";
import { type RoleDefinition, roleOf } from "../../domain/permissions.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import type { EmojiRow } from "../../repos/custom-emojis.ts";
import { findAccountsByIds, findRolesOfAccounts } from "../../repos/profiles.ts";
import { accountEmojiSource, loadEmojis } from "../emojis/load-emojis.ts";

export interface LoadedAccount {
  account: AccountRow;
  /** undefined for remote accounts. */
  role: RoleDefinition | undefined;
  /** Custom emoji in the display name, note and fields; absent: none loaded. */
  emojis?: EmojiRow[];
  /** The account this one moved to (accounts.moved_to_account_id), when there is one. */
  moved?: AccountRow;
}

/**
 * Roles and emoji for rows already loaded. `emojis: false` leaves the emoji to a caller that
 * loads them with its own (load-statuses.ts: authors and statuses in one query).
 */
export async function withRoles(
  ctx: AppContext,
  rows: AccountRow[],
  options: { emojis?: boolean } = {},
): Promise<LoadedAccount[]> {
  const localIds = rows.filter((r) => r.domain === null).map((r) => r.id);
  const roles = await findRolesOfAccounts(ctx.db, localIds);
  const emojis =
    options.emojis === false ? [] : await loadEmojis(ctx, rows.map(accountEmojiSource));
  // Moved accounts name their new one: one more query, only when the page has any.
  const movedIds = rows.flatMap((r) =>
    r.moved_to_account_id === null ? [] : [String(r.moved_to_account_id)],
  );
  const moved = new Map(
    (movedIds.length === 0 ? [] : await findAccountsByIds(ctx.db, [...new Set(movedIds)])).map(
      (r) => [String(r.id), r],
    ),
  );
  return rows.map((account, i) => {
    const to =
      account.moved_to_account_id === null
        ? undefined
        : moved.get(String(account.moved_to_account_id));
    return {
      account,
      role: account.domain === null ? roleOf(roles.get(account.id) ?? null) : undefined,
      ...(options.emojis === false ? {} : { emojis: emojis[i] ?? [] }),
      ...(to === undefined ? {} : { moved: to }),
    };
  });
}

/** The accounts with these ids, in the order asked, unknown ids skipped. */
export async function loadAccounts(
  ctx: AppContext,
  ids: readonly string[],
): Promise<LoadedAccount[]> {
  const rows = await findAccountsByIds(ctx.db, [...new Set(ids)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = [...new Set(ids)].flatMap((id) => {
    const row = byId.get(id);
    return row === undefined ? [] : [row];
  });
  return withRoles(ctx, ordered);
}

export async function loadAccount(ctx: AppContext, id: string): Promise<LoadedAccount | undefined> {
  return (await loadAccounts(ctx, [id]))[0];
}
