// Reports: filed by a local account (POST /api/v1/reports) or by a remote actor's Flag, read
// back for the Report entity and the `admin.report` notification. Ids are strings on both
// databases; the JSON columns come back parsed.
import type { Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { ReportsTable } from "../db/schema/index.ts";

export type ReportRow = Selectable<ReportsTable>;

export interface NewReport {
  id: string;
  accountId: string;
  targetAccountId: string;
  statusIds: readonly string[];
  ruleIds: readonly string[] | null;
  comment: string;
  category: string;
  forwarded: boolean;
  uri: string | null;
  at: string;
}

// biome-ignore lint/suspicious/noExplicitAny: rows from both drivers are normalized here
function toReportRow(r: any): ReportRow {
  const ids = (v: unknown) => (Array.isArray(v) ? v.map(String) : null);
  return {
    ...r,
    id: String(r.id),
    account_id: String(r.account_id),
    target_account_id: String(r.target_account_id),
    status_ids:
      ids(typeof r.status_ids === "string" ? JSON.parse(r.status_ids) : r.status_ids) ?? [],
    rule_ids: ids(typeof r.rule_ids === "string" ? JSON.parse(r.rule_ids) : r.rule_ids),
    forwarded: Boolean(r.forwarded),
  };
}

/** The new report, or undefined when one with the same `uri` exists (a redelivered Flag). */
export async function insertReport(db: Db, r: NewReport): Promise<ReportRow | undefined> {
  const row = await db
    .insertInto("reports")
    .values({
      id: r.id,
      account_id: r.accountId,
      target_account_id: r.targetAccountId,
      status_ids: JSON.stringify(r.statusIds),
      rule_ids: r.ruleIds === null ? null : JSON.stringify(r.ruleIds),
      comment: r.comment,
      category: r.category,
      forwarded: r.forwarded,
      uri: r.uri,
      created_at: r.at,
      updated_at: r.at,
    })
    .onConflict((oc) => oc.column("uri").doNothing())
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toReportRow(row);
}

export async function findReportsByIds(db: Db, ids: readonly string[]): Promise<ReportRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("reports")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .execute();
  return rows.map(toReportRow);
}

export async function findReportById(db: Db, id: string): Promise<ReportRow | undefined> {
  return (await findReportsByIds(db, [id]))[0];
}

/** Whether another unresolved report of the same account exists (Report#unresolved_siblings?). */
export async function hasUnresolvedSiblings(
  db: Db,
  report: { id: string; target_account_id: string },
): Promise<boolean> {
  const row = await db
    .selectFrom("reports")
    .select("id")
    .where("target_account_id", "=", report.target_account_id)
    .where("id", "!=", report.id)
    .where("action_taken_at", "is", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The rules among `ids` that exist (removed ones included: reports may cite them). */
export async function findRuleIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("rules")
    .select("id")
    .where("id", "in", [...new Set(ids)])
    .execute();
  return rows.map((r) => String(r.id));
}

/**
 * The remote accounts our reported statuses answer: where Mastodon 4 may forward a report
 * too (`forward_to_domains`). One account per domain, with its inboxes.
 */
export async function findRepliedToAccounts(
  db: Db,
  statusIds: readonly string[],
): Promise<{ id: string; domain: string }[]> {
  if (statusIds.length === 0) return [];
  const rows = await db
    .selectFrom("statuses")
    .innerJoin("accounts", "accounts.id", "statuses.in_reply_to_account_id")
    .select(["accounts.id", "accounts.domain"])
    .where("statuses.id", "in", [...statusIds])
    .where("accounts.domain", "is not", null)
    .execute();
  const byDomain = new Map<string, string>();
  for (const r of rows)
    if (r.domain !== null && !byDomain.has(r.domain)) byDomain.set(r.domain, String(r.id));
  return [...byDomain].map(([domain, id]) => ({ id, domain }));
}

/** The ActivityPub ids of the statuses a report names (deleted ones too: they were seen). */
export async function findStatusUris(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("statuses")
    .select(["id", "uri"])
    .where("id", "in", [...ids])
    .orderBy("id")
    .execute();
  return rows.map((r) => r.uri);
}
