// The bookmarks export of the settings (Mastodon's bookmarks.csv): one status URI per line,
// newest bookmark first, only statuses still visible to the owner.
import type { AppContext } from "../../context.ts";
import { listAllBookmarkedStatuses } from "../../repos/status-interactions.ts";

export async function exportBookmarksCsv(ctx: AppContext, accountId: string): Promise<string> {
  const rows = await listAllBookmarkedStatuses(ctx.db, accountId);
  return rows.map((r) => `${r.uri}\n`).join("");
}
