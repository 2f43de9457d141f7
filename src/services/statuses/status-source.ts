// Status source — https://docs.joinmastodon.org/methods/statuses/#source
// The text as typed, for a client about to edit. Only the author's own living posts: Mastodon
// shows any visible post's source, but nobody else can edit it and the source is for editing,
// so anyone else (and a deleted post, or a boost) gets not found.
import type { AppContext } from "../../context.ts";
import { findStatusById } from "../../repos/statuses.ts";
import type { StatusRow } from "./common.ts";

export async function statusSource(
  ctx: AppContext,
  viewerId: string,
  statusId: string,
): Promise<StatusRow | undefined> {
  const status = await findStatusById(ctx.db, statusId);
  if (status === undefined || status.account_id !== viewerId) return undefined;
  if (status.deleted_at !== null || status.reblog_of_id !== null) return undefined;
  return status;
}
