// Reply threads of other servers, fetched by jobs within bounds so a hostile server cannot make
// us walk forever (security.md: deep reply chains, huge collections):
// - `status.fetch-ancestor`: a remote post arrived whose parent we do not have; the parent is
//   fetched from its origin and stored, and its own unknown parent becomes the next job, with
//   one step less (ANCESTOR_DEPTH in receive-status.ts: 5, as Mastodon on receipt).
// - `status.fetch-replies`: someone opened the thread of a remote post (GET /context); its
//   `replies` collection is read (at most REPLY_PAGES pages) and up to REPLY_ITEMS posts we
//   do not have are fetched from their own origins, so a later request shows them.
// Every fetch goes through Fedify's SSRF-guarded document loader, signed by the instance actor
// (remote-post.ts). A post that cannot be fetched is skipped: no retry, nothing stored.

import type { AppContext } from "../context.ts";
import type { JobPayloads } from "../domain/jobs.ts";
import { findStatusById } from "../repos/statuses.ts";
import { isPost } from "./inbox/common.ts";
import { fedifyContext } from "./outbox/instance.ts";
import { signedLoader } from "./remote-actor.ts";
import { remotePostAt } from "./remote-post.ts";

/** Posts fetched from one replies collection, and pages read (Mastodon fetches 5 replies). */
export const REPLY_ITEMS = 20;
export const REPLY_PAGES = 5;

function parseUrl(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    return null;
  }
}

export async function fetchAncestor(
  app: AppContext,
  { statusId, remaining }: JobPayloads["status.fetch-ancestor"],
): Promise<void> {
  const status = await findStatusById(app.db, statusId);
  // Linked meanwhile (the parent arrived by itself), deleted, or nothing to fetch.
  if (status === undefined || status.deleted_at !== null || status.in_reply_to_id !== null) return;
  const parent = status.in_reply_to_uri === null ? null : parseUrl(status.in_reply_to_uri);
  if (parent === null || remaining <= 0) return;
  // Storing the parent links this post under it (receive-status.ts links waiting replies).
  await remotePostAt(fedifyContext(app), parent, { ancestors: Math.min(remaining, 5) - 1 });
}

export async function fetchReplies(
  app: AppContext,
  { statusId }: JobPayloads["status.fetch-replies"],
): Promise<void> {
  const status = await findStatusById(app.db, statusId);
  if (status === undefined || status.local || status.deleted_at !== null) return;
  const uri = parseUrl(status.uri ?? "");
  if (uri === null) return;
  const fctx = fedifyContext(app);
  const documentLoader = await signedLoader(fctx);
  const opts = { documentLoader, suppressError: true };
  let ids: URL[] = [];
  try {
    const post = await fctx.lookupObject(uri, { documentLoader });
    if (!isPost(post)) return;
    const replies = await post.getReplies(opts);
    if (replies === null) return;
    ids = [...replies.itemIds];
    let page = ids.length >= REPLY_ITEMS ? null : await replies.getFirst(opts);
    for (let pages = 1; page !== null && pages <= REPLY_PAGES; pages++) {
      ids.push(...page.itemIds);
      if (ids.length >= REPLY_ITEMS || pages === REPLY_PAGES) break;
      page = await page.getNext(opts);
    }
  } catch {
    // A broken or hostile collection: keep whatever ids were read before it failed.
  }
  let fetched = 0;
  for (const id of new Set(ids.map((u) => u.href))) {
    if (fetched >= REPLY_ITEMS) break;
    fetched++;
    // Replies of a known parent need no ancestors; an unrelated post gets none fetched.
    await remotePostAt(fctx, new URL(id), { ancestors: 0 });
  }
}
