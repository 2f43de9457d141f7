// Paginated lists of accounts by relationship: followers and following of anyone (public,
// honouring hide_collections), and one's own follow requests, blocks and mutes. Two queries
// for the page (the relationship rows, then the accounts with their roles), whatever its size.
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findRelationshipPage } from "../../repos/relationship-reads.ts";
import { pairExists } from "../../repos/relationships.ts";
import { type LoadedAccount, loadAccounts } from "../profiles/load-accounts.ts";

export interface ListedAccount {
  /** The relationship row's id, for the Link header. */
  cursor: string;
  loaded: LoadedAccount;
  /** Mutes only. */
  expiresAt?: string | null;
}

export type ListKind = "followers" | "following" | "requests" | "blocks" | "mutes" | "endorsements";

export async function listAccounts(
  ctx: AppContext,
  kind: ListKind,
  ownerId: string,
  page: Page,
): Promise<ListedAccount[]> {
  const entries = await findRelationshipPage(
    ctx.db,
    kind,
    ownerId,
    page,
    ctx.clock.now().toISOString(),
  );
  const accounts = new Map(
    (
      await loadAccounts(
        ctx,
        entries.map((e) => e.accountId),
      )
    ).map((l) => [l.account.id, l]),
  );
  return entries.flatMap((e) => {
    const loaded = accounts.get(e.accountId);
    if (loaded === undefined) return [];
    return [
      {
        cursor: e.cursor,
        loaded,
        ...(e.expiresAt === undefined ? {} : { expiresAt: e.expiresAt }),
      },
    ];
  });
}

/**
 * Followers, following or endorsements of `accountId` as `viewerId` (null: anonymous) may see them:
 * undefined for an unknown account; an empty list when the owner hides the collections from
 * others, or blocks the viewer (Mastodon's hide_results?).
 */
export async function listFollowCollection(
  ctx: AppContext,
  kind: "followers" | "following" | "endorsements",
  accountId: string,
  viewerId: string | null,
  page: Page,
): Promise<ListedAccount[] | undefined> {
  const owner = await findAccountById(ctx.db, accountId);
  if (owner === undefined) return undefined;
  if (owner.suspended_at !== null) return [];
  if (viewerId !== accountId) {
    // Endorsements are chosen to be shown, so hide_collections does not hide them.
    if (kind !== "endorsements" && owner.hide_collections === true) return [];
    if (viewerId !== null && (await pairExists(ctx.db, "blocks", accountId, viewerId))) return [];
  }
  return listAccounts(ctx, kind, accountId, page);
}
