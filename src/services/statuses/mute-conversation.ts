// Mute a conversation — https://docs.joinmastodon.org/methods/statuses/#mute
// Notifications (later) skip threads one has muted. As Mastodon documents it, only a thread
// one takes part in: one wrote a post in it or is mentioned in one; any other is a 422 (the
// code of Mastodon's own refusal, a status without a conversation). A status the actor cannot
// see is a 404. A boost stands for its original's thread. Muting again changes nothing;
// private to the actor, so nothing federates.
import type { AppContext } from "../../context.ts";
import { insertConversationMute, tookPartIn } from "../../repos/conversations.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import { NOT_FOUND, type StatusRow } from "./common.ts";

export type ConversationMuteResult =
  | { type: "ok"; status: StatusRow; federate: null }
  | typeof NOT_FOUND
  | { type: "invalid"; message: string };

/** The status (as asked) and the conversation it belongs to, or why not. */
export async function findThread(
  ctx: AppContext,
  actorId: string,
  statusId: string,
): Promise<{ status: StatusRow; conversationId: string } | ConversationMuteResult> {
  const [status] = await findVisibleStatuses(ctx.db, [statusId], actorId);
  if (status === undefined) return NOT_FOUND;
  const [thread] =
    status.reblog_of_id === null
      ? [status]
      : await findVisibleStatuses(ctx.db, [status.reblog_of_id], actorId);
  if (thread === undefined) return NOT_FOUND;
  if (thread.conversation_id === null)
    return {
      type: "invalid",
      message: "Validation failed: This post is not part of a conversation",
    };
  return { status, conversationId: thread.conversation_id };
}

export async function muteConversation(
  ctx: AppContext,
  actorId: string,
  statusId: string,
): Promise<ConversationMuteResult> {
  const found = await findThread(ctx, actorId, statusId);
  if ("type" in found) return found;
  if (!(await tookPartIn(ctx.db, actorId, found.conversationId)))
    return {
      type: "invalid",
      message: "Validation failed: You can only mute conversations you take part in",
    };
  await insertConversationMute(ctx.db, {
    accountId: actorId,
    conversationId: found.conversationId,
    at: ctx.clock.now().toISOString(),
  });
  return { type: "ok", status: found.status, federate: null };
}
