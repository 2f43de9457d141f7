// Report — https://docs.joinmastodon.org/entities/Report/ (REST::ReportSerializer): what the
// reporter sees of their report, and what an `admin.report` notification carries.
import type { ReportRow } from "../../repos/reports.ts";
import type { Account } from "./account.ts";

export interface Report {
  id: string;
  action_taken: boolean;
  action_taken_at: string | null;
  category: string;
  comment: string;
  forwarded: boolean;
  created_at: string;
  status_ids: string[] | null;
  rule_ids: string[] | null;
  target_account: Account;
}

export function toReport(row: ReportRow, target: Account): Report {
  return {
    id: row.id,
    action_taken: row.action_taken_at !== null,
    action_taken_at: row.action_taken_at,
    category: row.category,
    comment: row.comment,
    forwarded: row.forwarded,
    created_at: row.created_at,
    status_ids: row.status_ids,
    rule_ids: row.rule_ids,
    target_account: target,
  };
}
