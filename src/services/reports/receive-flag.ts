// A Flag from another server (federation/inbox/flag.ts has resolved what it names to our own
// accounts and posts): one report per reported account, filed by the sending actor (often
// the remote instance actor), as Mastodon's ActivityPub::Activity::Flag. The comment is kept
// as sent (cut at a safety cap); category `other`; the Flag's id makes a redelivery a no-op.
import type { AppContext } from "../../context.ts";
import { REMOTE_REPORT_COMMENT_LIMIT, truncateChars } from "../../domain/reports.ts";
import type { ReportRow } from "../../repos/reports.ts";
import { storeReport } from "./store-report.ts";

export interface FlaggedAccount {
  accountId: string;
  statusIds: string[];
}

export async function receiveFlag(
  ctx: AppContext,
  reporterId: string,
  flag: { uri: string | null; comment: string; targets: FlaggedAccount[] },
): Promise<ReportRow[]> {
  const filed: ReportRow[] = [];
  const comment = truncateChars(flag.comment, REMOTE_REPORT_COMMENT_LIMIT);
  for (const target of flag.targets) {
    if (target.accountId === reporterId) continue;
    // One Flag may name several accounts: each report keeps its own key.
    const uri =
      flag.uri === null || flag.targets.length === 1 ? flag.uri : `${flag.uri}#${target.accountId}`;
    const row = await storeReport(ctx, {
      accountId: reporterId,
      targetAccountId: target.accountId,
      statusIds: target.statusIds,
      ruleIds: null,
      comment,
      category: "other",
      forwarded: false,
      uri,
    });
    if (row !== undefined) filed.push(row);
  }
  return filed;
}
