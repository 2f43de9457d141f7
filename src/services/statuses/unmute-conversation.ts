// Unmute a conversation — https://docs.joinmastodon.org/methods/statuses/#unmute
// A status the actor cannot see is a 404; unmuting a thread that is not muted changes nothing
// (no participation check: there is nothing to protect in lifting one's own mute).
import type { AppContext } from "../../context.ts";
import { deleteConversationMute } from "../../repos/conversations.ts";
import { type ConversationMuteResult, findThread } from "./mute-conversation.ts";

export async function unmuteConversation(
  ctx: AppContext,
  actorId: string,
  statusId: string,
): Promise<ConversationMuteResult> {
  const found = await findThread(ctx, actorId, statusId);
  if ("type" in found) return found;
  await deleteConversationMute(ctx.db, actorId, found.conversationId);
  return { type: "ok", status: found.status, federate: null };
}
