// User-level domain blocks: one row per (account, domain), and the relationship rows a block
// ends (follows and follow requests between the blocker and the domain's accounts).
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";

/** Inserts the block; false when the account already blocked the domain. */
export async function insertDomainBlock(
  db: Db,
  row: { id: string; accountId: string; domain: string; at: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto("account_domain_blocks")
    .values({ id: row.id, account_id: row.accountId, domain: row.domain, created_at: row.at })
    .onConflict((oc) => oc.columns(["account_id", "domain"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length > 0;
}

export async function deleteDomainBlock(
  db: Db,
  accountId: string,
  domain: string,
): Promise<boolean> {
  const rows = await db
    .deleteFrom("account_domain_blocks")
    .where("account_id", "=", accountId)
    .where("domain", "=", domain)
    .returning("id")
    .execute();
  return rows.length > 0;
}

/** One page of the account's blocked domains, newest block first; the row id is the cursor. */
export async function findDomainBlockPage(
  db: Db,
  accountId: string,
  page: Page,
): Promise<{ cursor: string; domain: string }[]> {
  const rows = await paginate(
    db
      .selectFrom("account_domain_blocks")
      .select(["id", "domain"])
      .where("account_id", "=", accountId),
    "id",
    page,
  ).execute();
  return inDisplayOrder(
    rows.map((r) => ({ cursor: String(r.id), domain: r.domain })),
    page,
  );
}

/**
 * Which of `domains` the account blocks. One query, even for no domains, so that a batch
 * costs the same whatever mix of local and remote accounts it holds.
 */
export async function findBlockedDomains(
  db: Db,
  accountId: string,
  domains: readonly string[],
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("account_domain_blocks")
    .select("domain")
    .where("account_id", "=", accountId)
    .where((eb) => (domains.length === 0 ? eb.val(false) : eb("domain", "in", [...domains])))
    .execute();
  return new Set(rows.map((r) => r.domain));
}

export interface SeveredPair {
  accountId: string;
  targetAccountId: string;
}

/**
 * Deletes the follows or follow requests between `accountId` and every account of `domain`,
 * both ways, and returns the pairs that were removed.
 */
export async function deletePairsWithDomain(
  db: Db,
  table: "follows" | "follow_requests",
  accountId: string,
  domain: string,
): Promise<SeveredPair[]> {
  const ofDomain = db.selectFrom("accounts").select("id").where("domain", "=", domain);
  const rows = await db
    .deleteFrom(table)
    .where((eb) =>
      eb.or([
        eb.and([eb("account_id", "=", accountId), eb("target_account_id", "in", ofDomain)]),
        eb.and([eb("target_account_id", "=", accountId), eb("account_id", "in", ofDomain)]),
      ]),
    )
    .returning(["account_id", "target_account_id"])
    .execute();
  return rows.map((r) => ({
    accountId: String(r.account_id),
    targetAccountId: String(r.target_account_id),
  }));
}

/** Drops the account's endorsements of accounts of `domain` (only followed ones can be). */
export async function deletePinsOfDomain(db: Db, accountId: string, domain: string): Promise<void> {
  await db
    .deleteFrom("account_pins")
    .where("account_id", "=", accountId)
    .where(
      "target_account_id",
      "in",
      db.selectFrom("accounts").select("id").where("domain", "=", domain),
    )
    .execute();
}
