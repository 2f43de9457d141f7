// The lists export of the settings (Mastodon's lists.csv): `List name,account address` a
// line, no header, one line per member; local members written with our domain.
import type { AppContext } from "../../context.ts";
import { csvLine } from "../../lib/csv.ts";
import { findListMembersForExport } from "../../repos/lists.ts";

export async function exportListsCsv(ctx: AppContext, accountId: string): Promise<string> {
  const rows = await findListMembersForExport(ctx.db, accountId);
  return rows
    .map((r) => `${csvLine([r.title, `${r.username}@${r.domain ?? ctx.config.domain}`])}\n`)
    .join("");
}
