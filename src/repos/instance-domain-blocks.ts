// Instance-level domain blocks and allows (domain/instance-policy.ts), and the account rows a
// block marks: suspended_at or silenced_at of every account of the domain and its subdomains.
import type { ExpressionBuilder } from "kysely";
import type { Db } from "../db/index.ts";
import type { Database, InstanceDomainBlocksTable } from "../db/schema/index.ts";
import type { BlockRule } from "../domain/instance-policy.ts";

export interface InstanceDomainBlockRow {
  id: string;
  domain: string;
  severity: InstanceDomainBlocksTable["severity"];
  reject_media: boolean;
  reject_reports: boolean;
  private_comment: string | null;
  public_comment: string | null;
  obfuscate: boolean;
  created_at: string;
  updated_at: string;
}

export type BlockChanges = Partial<
  Pick<
    InstanceDomainBlockRow,
    | "severity"
    | "reject_media"
    | "reject_reports"
    | "private_comment"
    | "public_comment"
    | "obfuscate"
  >
>;

export function toRule(row: InstanceDomainBlockRow): BlockRule {
  return {
    domain: row.domain,
    severity: row.severity,
    rejectMedia: Boolean(row.reject_media),
    rejectReports: Boolean(row.reject_reports),
  };
}

/** Every block, most severe first, then by domain (the list is small: one row per server). */
export async function listInstanceDomainBlocks(db: Db): Promise<InstanceDomainBlockRow[]> {
  const rows = await db
    .selectFrom("instance_domain_blocks")
    .selectAll()
    .orderBy("domain")
    .execute();
  const rank = { suspend: 0, silence: 1, noop: 2 } as const;
  return (rows as InstanceDomainBlockRow[])
    .map((r) => ({ ...r, id: String(r.id) }))
    .sort((a, b) => rank[a.severity] - rank[b.severity]);
}

export async function findInstanceDomainBlock(
  db: Db,
  domain: string,
): Promise<InstanceDomainBlockRow | undefined> {
  const row = await db
    .selectFrom("instance_domain_blocks")
    .selectAll()
    .where("domain", "=", domain)
    .executeTakeFirst();
  return row === undefined ? undefined : { ...(row as InstanceDomainBlockRow), id: String(row.id) };
}

export async function insertInstanceDomainBlock(
  db: Db,
  row: Omit<InstanceDomainBlockRow, "updated_at">,
): Promise<boolean> {
  const inserted = await db
    .insertInto("instance_domain_blocks")
    .values({ ...row, updated_at: row.created_at })
    .onConflict((oc) => oc.column("domain").doNothing())
    .returning("id")
    .execute();
  return inserted.length > 0;
}

export async function updateInstanceDomainBlock(
  db: Db,
  domain: string,
  changes: BlockChanges,
  at: string,
): Promise<void> {
  await db
    .updateTable("instance_domain_blocks")
    .set({ ...changes, updated_at: at })
    .where("domain", "=", domain)
    .execute();
}

export async function deleteInstanceDomainBlock(db: Db, domain: string): Promise<void> {
  await db.deleteFrom("instance_domain_blocks").where("domain", "=", domain).execute();
}

export async function listInstanceDomainAllows(
  db: Db,
): Promise<{ id: string; domain: string; created_at: string }[]> {
  const rows = await db
    .selectFrom("instance_domain_allows")
    .selectAll()
    .orderBy("domain")
    .execute();
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}

export async function insertInstanceDomainAllow(
  db: Db,
  row: { id: string; domain: string; created_at: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto("instance_domain_allows")
    .values(row)
    .onConflict((oc) => oc.column("domain").doNothing())
    .returning("id")
    .execute();
  return inserted.length > 0;
}

export async function deleteInstanceDomainAllow(db: Db, domain: string): Promise<boolean> {
  const rows = await db
    .deleteFrom("instance_domain_allows")
    .where("domain", "=", domain)
    .returning("id")
    .execute();
  return rows.length > 0;
}

/**
 * Accounts of `domain` as coversHost (domain/instance-policy.ts) decides it: the domain
 * itself, its subdomains, with any port, or exactly `host:port` for an entry with a port.
 * (Normalized domains hold no `%` or `_`, so LIKE matches them literally.)
 */
function ofDomain(domain: string) {
  return (eb: ExpressionBuilder<Database, "accounts">) =>
    domain.includes(":")
      ? eb("accounts.domain", "=", domain)
      : eb.or([
          eb("accounts.domain", "=", domain),
          eb("accounts.domain", "like", `%.${domain}`),
          eb("accounts.domain", "like", `${domain}:%`),
          eb("accounts.domain", "like", `%.${domain}:%`),
        ]);
}

/** Marks the domain's remote accounts (not marked yet) suspended or silenced at `at`. */
export async function markDomainAccounts(
  db: Db,
  domain: string,
  column: "suspended_at" | "silenced_at",
  at: string,
): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ [column]: at })
    .where("accounts.domain", "is not", null)
    .where(column, "is", null)
    .where(ofDomain(domain))
    .execute();
}

/**
 * Lifts the mark a block set: only rows marked at `at` (the block's time), as Mastodon's
 * UnblockDomainService does, so an account suspended for its own reasons stays suspended.
 */
export async function clearDomainAccounts(
  db: Db,
  domain: string,
  column: "suspended_at" | "silenced_at",
  at: string,
): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ [column]: null })
    .where(column, "=", at)
    .where(ofDomain(domain))
    .execute();
}

export interface SeveredFollow {
  accountId: string;
  targetAccountId: string;
  /** True when the follower is ours (its home feed loses the followed account's posts). */
  localFollower: boolean;
}

/**
 * Deletes every follow and follow request between our accounts and the domain's, both ways,
 * and returns the follows that were removed (their counts need adjusting).
 */
export async function severDomainFollows(db: Db, domain: string): Promise<SeveredFollow[]> {
  const remote = db.selectFrom("accounts").select("accounts.id").where(ofDomain(domain));
  const local = db
    .selectFrom("accounts")
    .select("accounts.id")
    .where("accounts.domain", "is", null);
  const severed: SeveredFollow[] = [];
  for (const table of ["follows", "follow_requests"] as const) {
    for (const localFollower of [true, false]) {
      const rows = await db
        .deleteFrom(table)
        .where("account_id", "in", localFollower ? local : remote)
        .where("target_account_id", "in", localFollower ? remote : local)
        .returning(["account_id", "target_account_id"])
        .execute();
      if (table === "follows")
        for (const r of rows)
          severed.push({
            accountId: String(r.account_id),
            targetAccountId: String(r.target_account_id),
            localFollower,
          });
    }
  }
  return severed;
}

/** Lifts the suspension of one of our accounts (`hearth accounts unsuspend`). */
export async function clearLocalSuspension(db: Db, accountId: string, at: string): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ suspended_at: null, updated_at: at })
    .where("id", "=", accountId)
    .where("domain", "is", null)
    .execute();
}
