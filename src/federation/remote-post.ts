// A post of another server by its id or URL: the stored copy, or fetched (signed by the
// instance actor) and stored. lookupObject refuses a document whose id is on another origin
// than the URL it came from; the author must be on the post's origin too, and pass the
// checks of remote-actor.ts.
import type { Context } from "@fedify/fedify";
import type { Object as APObject } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { findStatusByUri } from "../repos/remote-objects.ts";
import type { StatusRow } from "../repos/statuses.ts";
import { type ReceiveStatusOptions, receiveStatus } from "../services/federation/receive-status.ts";
import { isPost, sameOrigin } from "./inbox/common.ts";
import { noteData } from "./inbox/note-data.ts";
import { resolveRemoteAccount, signedLoader } from "./remote-actor.ts";

/** Stores a fetched post object under its author; null when it fails a check. */
export async function storeFetchedPost(
  ctx: Context<AppContext>,
  object: APObject,
  options: ReceiveStatusOptions = {},
): Promise<StatusRow | null> {
  if (!isPost(object)) return null;
  const known = await findStatusByUri(ctx.data.db, object.id!.href);
  if (known !== undefined) return known.deleted_at === null ? known : null;
  const authorId = object.attributionId;
  if (authorId === null || !sameOrigin(authorId, object.id)) return null;
  const author = await resolveRemoteAccount(ctx, authorId);
  if (author === null || author.domain === null || author.suspended_at !== null) return null;
  return (await receiveStatus(ctx.data, await noteData(ctx, object, author), options)).status;
}

/** The post at `uri`: stored already, or fetched from its origin and stored now. */
export async function remotePostAt(
  ctx: Context<AppContext>,
  uri: URL,
  options: ReceiveStatusOptions = {},
): Promise<StatusRow | null> {
  const known = await findStatusByUri(ctx.data.db, uri.href);
  if (known !== undefined) return known.deleted_at === null ? known : null;
  if (uri.origin === new URL(ctx.data.config.baseUrl).origin) return null;
  let object: APObject | null;
  try {
    object = await ctx.lookupObject(uri, { documentLoader: await signedLoader(ctx) });
  } catch {
    return null;
  }
  return object === null ? null : storeFetchedPost(ctx, object, options);
}
