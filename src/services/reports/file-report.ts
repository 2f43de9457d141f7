// POST /api/v1/reports — https://docs.joinmastodon.org/methods/reports/#post
// As Mastodon's ReportService for a local reporter: the target must exist and not be oneself
// (422); every status attached must be one of the target's that the reporter can see (else
// 404, as AccountStatusesFilter#find); citing rules makes it a `violation`, and a
// `violation` must cite rules that exist (422); the comment is at most 1000 characters.
// With `forward` and a remote target, a Flag goes to the target's server (and, Mastodon 4,
// to the servers in `forward_to_domains` whose accounts the reported posts answer).
import type { AppContext } from "../../context.ts";
import {
  commentLength,
  REPORT_COMMENT_LIMIT,
  REPORT_STATUS_LIMIT,
  reportCategory,
} from "../../domain/reports.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findRepliedToAccounts, findRuleIds, type ReportRow } from "../../repos/reports.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import { storeReport } from "./store-report.ts";

export interface ReportInput {
  accountId: string;
  statusIds: readonly string[];
  ruleIds: readonly string[];
  comment: string;
  category: string | undefined;
  forward: boolean;
  forwardToDomains: readonly string[];
}

/** A Flag to send: to the target's server, and to accounts of other servers it names. */
export interface ReportFederationEffect {
  reportId: string;
  /** Remote accounts (one per domain) whose servers get the Flag too. */
  alsoToAccountIds: string[];
}

export type FileReportResult =
  | { type: "ok"; report: ReportRow; federate: ReportFederationEffect | null }
  | { type: "not-found" }
  | { type: "invalid"; message: string };

const invalid = (message: string) => ({ type: "invalid", message }) as const;

export async function fileReport(
  ctx: AppContext,
  reporterId: string,
  input: ReportInput,
): Promise<FileReportResult> {
  if (!/^\d{1,20}$/.test(input.accountId)) return { type: "not-found" };
  const target = await findAccountById(ctx.db, input.accountId);
  if (target === undefined) return { type: "not-found" };
  if (target.id === reporterId) return invalid("Validation failed: You cannot report yourself");
  if (commentLength(input.comment) > REPORT_COMMENT_LIMIT)
    return invalid(
      `Validation failed: Comment is too long (maximum is ${REPORT_COMMENT_LIMIT} characters)`,
    );
  const category = reportCategory(input.category, input.ruleIds);
  if (category === null) return invalid(`'${input.category}' is not a valid category`);
  const statusIds = [...new Set(input.statusIds)];
  if (statusIds.length > REPORT_STATUS_LIMIT)
    return invalid(`Validation failed: Too many statuses (maximum is ${REPORT_STATUS_LIMIT})`);
  if (statusIds.some((id) => !/^\d{1,20}$/.test(id))) return { type: "not-found" };
  const visible = await findVisibleStatuses(ctx.db, statusIds, reporterId);
  const ofTarget = visible.filter((s) => s.account_id === target.id && s.reblog_of_id === null);
  if (ofTarget.length !== statusIds.length) return { type: "not-found" };
  let ruleIds: string[] | null = null;
  if (category === "violation") {
    const asked = [...new Set(input.ruleIds)];
    const known =
      asked.length === 0 || asked.some((id) => !/^\d{1,20}$/.test(id))
        ? []
        : await findRuleIds(ctx.db, asked);
    if (asked.length === 0 || known.length !== asked.length)
      return invalid("Validation failed: Rule ids does not reference valid rules");
    ruleIds = asked;
  }
  const forward = input.forward && target.domain !== null;
  const report = await storeReport(ctx, {
    accountId: reporterId,
    targetAccountId: target.id,
    statusIds,
    ruleIds,
    comment: input.comment,
    category,
    forwarded: forward,
    uri: null,
  });
  if (report === undefined) throw new Error("a report without uri cannot conflict");
  let federate: ReportFederationEffect | null = null;
  if (forward) {
    const domains = new Set(input.forwardToDomains.map((d) => d.toLowerCase()));
    const others = (await findRepliedToAccounts(ctx.db, statusIds)).filter(
      (a) => domains.has(a.domain.toLowerCase()) && a.domain !== target.domain,
    );
    federate = { reportId: report.id, alsoToAccountIds: others.map((a) => a.id) };
  }
  return { type: "ok", report, federate };
}
