// Import of bookmarks from Mastodon's bookmarks.csv (one status URI per line, no header). Each
// URI is looked up among the posts this server knows; a post the importer may see is
// bookmarked through the same service as the API, anything else is reported as skipped.
// `overwrite` also removes bookmarks the file does not list. A malformed file changes nothing.
import type { AppContext } from "../../context.ts";
import { CsvError, parseCsv } from "../../lib/csv.ts";
import { findStatusByUri } from "../../repos/remote-objects.ts";
import { listAllBookmarkedStatuses } from "../../repos/status-interactions.ts";
import { bookmark } from "../interactions/bookmark.ts";
import { unbookmark } from "../interactions/unbookmark.ts";
import { MAX_IMPORT_ROWS } from "../relationships/import-csv.ts";

export type PlainImportResult =
  | { type: "invalid"; message: string }
  | { type: "done"; imported: number; removed: number; skipped: string[] };

export function parseBookmarks(text: string): string[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, "")).filter((r) => (r[0] ?? "").trim() !== "");
  if (rows.length > MAX_IMPORT_ROWS)
    throw new CsvError(`the file has more than ${MAX_IMPORT_ROWS} rows`);
  return rows.map((row, i) => {
    if (row.length > 1) throw new CsvError(`line ${i + 1}: expected one column`);
    const uri = (row[0] ?? "").trim();
    if (!URL.canParse(uri) || !/^https?:$/.test(new URL(uri).protocol))
      throw new CsvError(`line ${i + 1}: "${uri.slice(0, 100)}" is not a post's address`);
    return uri;
  });
}

export async function importBookmarks(
  ctx: AppContext,
  accountId: string,
  mode: "merge" | "overwrite",
  text: string,
): Promise<PlainImportResult> {
  let uris: string[];
  try {
    uris = parseBookmarks(text);
  } catch (error) {
    if (error instanceof CsvError) return { type: "invalid", message: error.message };
    throw error;
  }
  const skipped: string[] = [];
  const wanted = new Set<string>();
  let imported = 0;
  for (const uri of new Set(uris)) {
    const status = await findStatusByUri(ctx.db, uri);
    const done = status === undefined ? undefined : await bookmark(ctx, accountId, status.id);
    if (status === undefined || done?.type !== "ok") {
      skipped.push(uri);
      continue;
    }
    wanted.add(status.id);
    imported++;
  }
  let removed = 0;
  if (mode === "overwrite") {
    for (const status of await listAllBookmarkedStatuses(ctx.db, accountId)) {
      if (wanted.has(status.id)) continue;
      await unbookmark(ctx, accountId, status.id);
      removed++;
    }
  }
  return { type: "done", imported, removed, skipped };
}
