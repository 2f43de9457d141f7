// Conversations (direct messages) — https://docs.joinmastodon.org/methods/conversations/
//   GET /api/v1/conversations (Link pagination by the newest post's id),
//   DELETE /api/v1/conversations/:id, POST /api/v1/conversations/:id/read, and
//   POST /api/v1/conversations/:id/unread (Mastodon has it; its docs and the spec do not).
// Someone else's conversation is 404.
import type { Context } from "hono";
import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../lib/errors.ts";
import {
  getConversation,
  type LoadedConversation,
  listConversations,
  markConversationRead,
  removeConversation,
} from "../../services/conversations/manage-conversations.ts";
import { type ConversationEntity, toConversation } from "../entities/conversation.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { readPage, setPageLinks } from "../pagination.ts";
import { readParams } from "../params.ts";
import { presentAccount } from "./accounts/hydrate.ts";
import { pathId } from "./relationships/respond.ts";
import { presentStatuses } from "./statuses/present.ts";

/** Conversations with their last posts hydrated together (one hydration per page). */
export async function presentConversations(
  ctx: AppContext,
  viewerId: string,
  loaded: LoadedConversation[],
): Promise<ConversationEntity[]> {
  const rows = loaded.flatMap((l) => (l.lastStatus === null ? [] : [l.lastStatus]));
  const statuses = await presentStatuses(ctx, rows, viewerId);
  const byId = new Map(statuses.map((s) => [s.id, s]));
  return loaded.map((l) =>
    toConversation(
      l.row,
      l.accounts.map((a) => presentAccount(ctx, a)),
      l.lastStatus === null ? null : (byId.get(l.lastStatus.id) ?? null),
    ),
  );
}

/** The streaming `conversation` event: the payload is the row id, rendered for its owner. */
export async function renderConversationEvent(
  ctx: AppContext,
  viewerId: string,
  id: string,
): Promise<string | null> {
  const loaded = await getConversation(ctx, viewerId, id);
  if (loaded === undefined) return null;
  const [entity] = await presentConversations(ctx, viewerId, [loaded]);
  return entity === undefined ? null : JSON.stringify(entity);
}

async function one(c: Context<Env>, loaded: LoadedConversation | undefined) {
  if (loaded === undefined) throw notFound();
  const [entity] = await presentConversations(c.var.ctx, currentUser(c).accountId, [loaded]);
  return c.json(entity);
}

export const conversationRoutes = new Hono<Env>()
  .get("/", requireAuth({ scopes: ["read:statuses"] }), async (c) => {
    const me = currentUser(c).accountId;
    const page = readPage(await readParams(c), { defaultLimit: 20, maxLimit: 40 });
    const loaded = await listConversations(c.var.ctx, me, page);
    setPageLinks(
      c,
      page,
      loaded.map((l) => String(l.row.last_status_id)),
    );
    return c.json(await presentConversations(c.var.ctx, me, loaded));
  })
  .delete("/:id", requireAuth({ scopes: ["write:conversations"] }), async (c) => {
    if (!(await removeConversation(c.var.ctx, currentUser(c).accountId, pathId(c)))) {
      throw notFound();
    }
    return c.json({});
  })
  .post("/:id/read", requireAuth({ scopes: ["write:conversations"] }), async (c) => {
    return one(c, await markConversationRead(c.var.ctx, currentUser(c).accountId, pathId(c)));
  })
  // In Mastodon's routes and ConversationsController since 4.x, not in its docs or the spec.
  .post("/:id/unread", requireAuth({ scopes: ["write:conversations"] }), async (c) => {
    const me = currentUser(c).accountId;
    return one(c, await markConversationRead(c.var.ctx, me, pathId(c), true));
  });
