// Data portability for relationships, as Mastodon offers it:
//   GET /settings/exports/{follows,blocks,mutes}.csv — downloads in Mastodon's CSV formats
//   GET /settings/exports/bookmarks.csv — one status URI per line
//   GET /settings/exports/lists.csv — `List name,account address` lines
//   GET/POST /settings/import — upload one of those files, merging or overwriting
// Signed-in web session only; the upload is CSRF-protected like every settings form.
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../api/env.ts";
import { readParams } from "../../api/params.ts";
import { findOwnProfile } from "../../repos/profiles.ts";
import { findArchiveFile } from "../../services/archives/find-archive-file.ts";
import { requestArchive } from "../../services/archives/request-archive.ts";
import { ARCHIVE_DOWNLOAD_PATH } from "../../services/archives/store-archive.ts";
import { enqueueDelivery } from "../../services/federation/enqueue-delivery.ts";
import { importBookmarks } from "../../services/imports/import-bookmarks.ts";
import { importLists } from "../../services/imports/import-lists.ts";
import { exportBookmarksCsv } from "../../services/interactions/export-bookmarks.ts";
import { exportListsCsv } from "../../services/lists/export-lists.ts";
import { type ExportKind, exportCsv } from "../../services/relationships/export-csv.ts";
import {
  type ImportKind,
  type ImportMode,
  importCsv,
} from "../../services/relationships/import-csv.ts";
import { csrfFailure, csrfField, csrfOk, formToken } from "../auth/web.ts";
import { errorNotice, field, requireSession, settingsPage } from "./layout.ts";

const PATH = "/settings/import";
const ARCHIVE_REQUEST_PATH = "/settings/import/archive";
const KINDS = ["follows", "blocks", "mutes"] as const;
/** Imports of their own shape (not relationship rows). */
const OTHER_KINDS = ["bookmarks", "lists"] as const;
/** Far more than any real export (Mastodon's follows file for 7,500 accounts is ~400 KB). */
const MAX_FILE_BYTES = 1024 * 1024;

type Notice = {
  error?: string;
  done?: { imported: number; removed: number; skipped: string[] };
  archive?: string;
};

async function importPage(
  c: Context<Env>,
  notice: Notice = {},
  status: ContentfulStatusCode = 200,
) {
  const token = await formToken(c);
  const done = notice.done;
  return settingsPage(
    c,
    "Import and export",
    token,
    html`${errorNotice(notice.error)}
      ${
        done === undefined
          ? ""
          : html`<p role="status">Imported ${done.imported}, removed ${done.removed}.
            ${
              done.skipped.length === 0
                ? ""
                : html`Skipped ${done.skipped.length} (unknown here, or not allowed):
                  ${done.skipped.slice(0, 50).join(", ")}${done.skipped.length > 50 ? "…" : ""}`
            }</p>`
      }
      ${notice.archive === undefined ? "" : html`<p role="status">${notice.archive}</p>`}
      <h2>Export</h2>
      <ul>
        <li><a href="/settings/exports/follows.csv">Follows (CSV)</a></li>
        <li><a href="/settings/exports/blocks.csv">Blocks (CSV)</a></li>
        <li><a href="/settings/exports/mutes.csv">Mutes (CSV)</a></li>
        <li><a href="/settings/exports/bookmarks.csv">Bookmarks (CSV)</a></li>
        <li><a href="/settings/exports/lists.csv">Lists (CSV)</a></li>
      </ul>
      <h2>Archive</h2>
      <p>An archive of your posts, likes, bookmarks and uploads in ActivityStreams format (a zip),
        once every seven days. We mail you when it is ready; it is kept for seven days.</p>
      <form method="post" action="${ARCHIVE_REQUEST_PATH}">
        ${csrfField(token)}
        <button type="submit">Request archive</button>
      </form>
      <p><a href="${ARCHIVE_DOWNLOAD_PATH}">Download your latest archive</a></p>
      <h2>Import</h2>
      <form method="post" action="${PATH}" enctype="multipart/form-data">
        ${csrfField(token)}
        <label for="type">Data type</label>
        <select id="type" name="type">
          <option value="follows">Follows</option>
          <option value="blocks">Blocks</option>
          <option value="mutes">Mutes</option>
          <option value="bookmarks">Bookmarks</option>
          <option value="lists">Lists</option>
        </select>
        <fieldset>
          <legend>Mode</legend>
          <label><input type="radio" name="mode" value="merge" checked /> Merge: keep what is there, add the file</label>
          <label><input type="radio" name="mode" value="overwrite" /> Overwrite: make it exactly the file</label>
        </fieldset>
        <label for="data">CSV file (as exported by Mastodon or Hearth)</label>
        <input id="data" name="data" type="file" accept=".csv,text/csv" required />
        <button type="submit">Import</button>
      </form>`,
    status,
  );
}

async function accountOf(c: Context<Env>, userId: string): Promise<string | undefined> {
  return (await findOwnProfile(c.var.ctx.db, userId))?.account.id;
}

export const importExportRoutes = new Hono<Env>()
  .get(PATH, async (c) => {
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    return importPage(c);
  })
  .post(PATH, async (c) => {
    const params = await readParams(c);
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    const accountId = await accountOf(c, auth.session.user_id);
    if (accountId === undefined) return importPage(c, { error: "No such account." }, 404);
    const kind = field(params, "type") as ImportKind | (typeof OTHER_KINDS)[number];
    const mode = field(params, "mode") as ImportMode;
    if (
      !(KINDS as readonly string[]).includes(kind) &&
      !(OTHER_KINDS as readonly string[]).includes(kind)
    )
      return importPage(c, { error: "Choose what to import." }, 422);
    if (mode !== "merge" && mode !== "overwrite")
      return importPage(c, { error: "Choose merge or overwrite." }, 422);
    const file = params.data;
    if (!(file instanceof File) || file.size === 0)
      return importPage(c, { error: "Choose a CSV file to upload." }, 422);
    if (file.size > MAX_FILE_BYTES)
      return importPage(c, { error: "The file is too large (1 MB at most)." }, 422);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return importPage(c, { error: "The file is not UTF-8 text." }, 422);
    }
    if (kind === "bookmarks" || kind === "lists") {
      const done = await (kind === "bookmarks" ? importBookmarks : importLists)(
        c.var.ctx,
        accountId,
        mode,
        text,
      );
      if (done.type === "invalid")
        return importPage(c, { error: `The file was not imported: ${done.message}.` }, 422);
      return importPage(c, { done });
    }
    const result = await importCsv(c.var.ctx, accountId, kind, mode, text);
    if (result.type === "invalid")
      return importPage(c, { error: `The file was not imported: ${result.message}.` }, 422);
    await enqueueDelivery(c.var.ctx, "relationship", accountId, result.federate);
    return importPage(c, { done: result });
  });

// The archive: requested here, built by the `account.archive` job, downloaded by its owner.
importExportRoutes
  .post(ARCHIVE_REQUEST_PATH, async (c) => {
    const params = await readParams(c);
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    const accountId = await accountOf(c, auth.session.user_id);
    if (accountId === undefined) return importPage(c, { error: "No such account." }, 404);
    const result = await requestArchive(c.var.ctx, accountId);
    if (result.type === "too-soon") {
      const error = `You can request an archive once every seven days; next from ${result.nextAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`;
      return importPage(c, { error }, 429);
    }
    return importPage(c, {
      archive: "Your archive is being prepared. We will mail you when it is ready.",
    });
  })
  .get(ARCHIVE_DOWNLOAD_PATH, async (c) => {
    const auth = await requireSession(c, ARCHIVE_DOWNLOAD_PATH);
    if (auth.response) return auth.response;
    const accountId = await accountOf(c, auth.session.user_id);
    const file = accountId === undefined ? undefined : await findArchiveFile(c.var.ctx, accountId);
    if (file === undefined) return c.notFound();
    const day = file.createdAt.slice(0, 10);
    c.header("Content-Disposition", `attachment; filename="archive-${day}.zip"`);
    c.header("Cache-Control", "private, no-store");
    c.header("X-Content-Type-Options", "nosniff");
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { "Content-Type": file.contentType });
  });

const EXPORTS: Record<string, (c: Context<Env>, accountId: string) => Promise<string>> = {
  ...Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      (c: Context<Env>, accountId: string) => exportCsv(c.var.ctx, accountId, kind as ExportKind),
    ]),
  ),
  bookmarks: (c, accountId) => exportBookmarksCsv(c.var.ctx, accountId),
  lists: (c, accountId) => exportListsCsv(c.var.ctx, accountId),
};

for (const [kind, build] of Object.entries(EXPORTS)) {
  const path = `/settings/exports/${kind}.csv`;
  importExportRoutes.get(path, async (c) => {
    const auth = await requireSession(c, path);
    if (auth.response) return auth.response;
    const accountId = await accountOf(c, auth.session.user_id);
    if (accountId === undefined) return c.notFound();
    const csv = await build(c, accountId);
    c.header("Content-Disposition", `attachment; filename="${kind}.csv"`);
    c.header("Cache-Control", "no-store");
    return c.body(csv, 200, { "Content-Type": "text/csv; charset=utf-8" });
  });
}
