// What every new report does, wherever it comes from (the API or a Flag): the row, and the
// `admin.report` notification of each local moderator (roles with manage_reports), in one
// transaction. As Mastodon's ReportService#notify_staff!, staff hear of an account's first
// open report only: while an earlier one awaits action, later ones arrive quietly.
import type { AppContext } from "../../context.ts";
import { can } from "../../domain/permissions.ts";
import { USER_ROLES } from "../../domain/roles.ts";
import { findAccountsWithRoles } from "../../repos/notification-audience.ts";
import {
  hasUnresolvedSiblings,
  insertReport,
  type NewReport,
  type ReportRow,
} from "../../repos/reports.ts";
import { enqueueNotify } from "../notifications/enqueue.ts";

/** The report stored, or undefined when its `uri` was filed already. */
export async function storeReport(
  ctx: AppContext,
  report: Omit<NewReport, "id" | "at">,
): Promise<ReportRow | undefined> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await insertReport(trx, {
      ...report,
      id: ctx.newId(),
      at: ctx.clock.now().toISOString(),
    });
    if (row === undefined || (await hasUnresolvedSiblings(trx, row))) return row;
    const roles = USER_ROLES.filter((role) => can(role, "manage_reports"));
    for (const recipientId of await findAccountsWithRoles(trx, roles))
      await enqueueNotify(ctx, trx, {
        type: "admin.report",
        recipientId,
        fromId: row.account_id,
        reportId: row.id,
      });
    return row;
  });
}
