// A direct post arrives (the fan-out job calls this): the author's and each local mentioned
// account's conversation row for the thread and participant set gets the post as its newest,
// unread for the recipients (Mastodon's AccountConversation.add_status), and a `conversation`
// event goes to each of them on their direct channel (payload: the row id, rendered per viewer).
// Recipients who block or mute the author (or are blocked) get nothing, as no notification.
import type { AppContext } from "../../context.ts";
import { channels, encodeStreamMessage } from "../../domain/streaming.ts";
import {
  findAccountConversations,
  findRecipientsIgnoring,
  insertAccountConversation,
  updateAccountConversation,
} from "../../repos/account-conversations.ts";
import { findAccountsByIds } from "../../repos/profiles.ts";
import type { StatusRow } from "../statuses/common.ts";

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export async function updateConversations(
  ctx: AppContext,
  status: StatusRow,
  mentionedIds: readonly string[],
): Promise<void> {
  const conversationId = status.conversation_id;
  if (conversationId === null || status.visibility !== "direct") return;
  const participants = [...new Set([status.account_id, ...mentionedIds])];
  const accounts = await findAccountsByIds(ctx.db, participants);
  const now = ctx.clock.now().toISOString();
  const ignoring = await findRecipientsIgnoring(ctx.db, status.account_id, participants, now);
  const locals = accounts
    .filter((a) => a.domain === null && a.suspended_at === null)
    .map((a) => a.id)
    .filter((id) => id === status.account_id || !ignoring.has(id));
  for (const accountId of locals) {
    const others = participants.filter((p) => p !== accountId).sort();
    const rows = await findAccountConversations(ctx.db, accountId, conversationId);
    const existing = rows.find((r) => sameSet([...r.participant_account_ids].sort(), others));
    const unread = status.account_id !== accountId;
    let id: string;
    if (existing === undefined) {
      id = ctx.newId();
      await insertAccountConversation(ctx.db, {
        id,
        account_id: accountId,
        conversation_id: conversationId,
        participant_account_ids: others,
        last_status_id: status.id,
        unread,
        updated_at: now,
      });
    } else {
      id = existing.id;
      // A job run twice (or out of order) never moves the conversation back to an older post.
      if (BigInt(existing.last_status_id) > BigInt(status.id)) continue;
      await updateAccountConversation(ctx.db, id, {
        last_status_id: status.id,
        unread,
        updated_at: now,
      });
    }
    const message = encodeStreamMessage({ event: "conversation", payload: id });
    await ctx.pubsub.publish(channels.direct(accountId), message);
  }
}
