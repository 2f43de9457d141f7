// Hydration of Account entities: the rows and, for local ones, the role (highlighted roles
// are public). Two queries for any number of accounts.
import type { AppContext } from "../../context.ts";
import { type RoleDefinition, roleOf } from "../../domain/permissions.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { findAccountsByIds, findRolesOfAccounts } from "../../repos/profiles.ts";

export interface LoadedAccount {
  account: AccountRow;
  /** undefined for remote accounts. */
  role: RoleDefinition | undefined;
}

/** Roles for rows already loaded (e.g. the authors of a page of statuses). */
export async function withRoles(ctx: AppContext, rows: AccountRow[]): Promise<LoadedAccount[]> {
  const localIds = rows.filter((r) => r.domain === null).map((r) => r.id);
  const roles = await findRolesOfAccounts(ctx.db, localIds);
  return rows.map((account) => ({
    account,
    role: account.domain === null ? roleOf(roles.get(account.id) ?? null) : undefined,
  }));
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
