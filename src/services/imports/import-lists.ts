// Import of lists from Mastodon's lists.csv (`List name,account address` a line, no header).
// A list missing by that title is created; each account must be one the importer follows (as
// the API requires), others are reported as skipped. `overwrite` also removes, from the lists
// the file names, members it does not list. A malformed file changes nothing.
import type { AppContext } from "../../context.ts";
import { CsvError, parseCsv } from "../../lib/csv.ts";
import { HttpError } from "../../lib/errors.ts";
import { findListMemberIds, findListsOf } from "../../repos/lists.ts";
import { findAccountByAddress } from "../../repos/profiles.ts";
import { createList } from "../lists/manage-lists.ts";
import { addListMembers, removeListMembers } from "../lists/members.ts";
import { MAX_IMPORT_ROWS } from "../relationships/import-csv.ts";
import type { PlainImportResult } from "./import-bookmarks.ts";

const ADDRESS = /^@?([A-Za-z0-9_.-]+)(?:@([A-Za-z0-9.-]+(?::\d+)?))?$/;

export function parseLists(text: string): { title: string; address: string }[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, "")).filter((r) => r.join("").trim() !== "");
  if (rows.length > MAX_IMPORT_ROWS)
    throw new CsvError(`the file has more than ${MAX_IMPORT_ROWS} rows`);
  return rows.map((row, i) => {
    const title = (row[0] ?? "").trim();
    const address = (row[1] ?? "").trim();
    if (row.length !== 2 || title === "" || title.length > 256)
      throw new CsvError(`line ${i + 1}: expected a list name and an account address`);
    if (!ADDRESS.test(address)) throw new CsvError(`line ${i + 1}: "${address}" is not an address`);
    return { title, address };
  });
}

export async function importLists(
  ctx: AppContext,
  accountId: string,
  mode: "merge" | "overwrite",
  text: string,
): Promise<PlainImportResult> {
  let rows: { title: string; address: string }[];
  try {
    rows = parseLists(text);
  } catch (error) {
    if (error instanceof CsvError) return { type: "invalid", message: error.message };
    throw error;
  }
  const lists = new Map((await findListsOf(ctx.db, accountId)).map((l) => [l.title, l.id]));
  const skipped: string[] = [];
  const wanted = new Map<string, Set<string>>();
  let imported = 0;
  for (const { title, address } of rows) {
    const [, username = "", domain] = ADDRESS.exec(address) ?? [];
    const local = domain === undefined || domain.toLowerCase() === ctx.config.domain.toLowerCase();
    const account = await findAccountByAddress(ctx.db, username, local ? null : domain);
    try {
      let listId = lists.get(title);
      if (listId === undefined) {
        listId = (
          await createList(ctx, accountId, { title, repliesPolicy: "list", exclusive: false })
        ).id;
        lists.set(title, listId);
      }
      if (!wanted.has(listId)) wanted.set(listId, new Set());
      if (account === undefined) {
        skipped.push(address);
        continue;
      }
      await addListMembers(ctx, accountId, listId, [account.id]);
      wanted.get(listId)?.add(account.id);
      imported++;
    } catch (error) {
      // Not followed (422) or over the list limit: reported, the rest goes on.
      if (!(error instanceof HttpError)) throw error;
      skipped.push(`${title}: ${address}`);
    }
  }
  let removed = 0;
  if (mode === "overwrite") {
    for (const [listId, keep] of wanted) {
      const extra = (await findListMemberIds(ctx.db, listId, null)).filter((id) => !keep.has(id));
      if (extra.length === 0) continue;
      await removeListMembers(ctx, accountId, listId, extra);
      removed += extra.length;
    }
  }
  return { type: "done", imported, removed, skipped };
}
