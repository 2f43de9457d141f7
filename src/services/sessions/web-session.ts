// Browser sessions: a random token in an HttpOnly cookie, its hash in web_sessions. Sessions
// last a year from their last use (Mastodon's SESSION_RETENTION_PERIOD), and one person keeps
// at most ten (MAX_SESSION_ACTIVATIONS): signing in on an eleventh browser ends the oldest.
import type { AppContext } from "../../context.ts";
import { hashToken, randomToken } from "../../lib/tokens.ts";
import {
  findLiveWebSession,
  insertWebSession,
  listLiveWebSessions,
  liveSessionTokenIds,
  revokeWebSession,
  revokeWebSessionsById,
  touchWebSession,
  type WebSessionRow,
} from "../../repos/web-sessions.ts";
import { endTokenStreams } from "../streaming/end-streams.ts";

export const SESSION_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;
const MAX_SESSIONS = 10;
// last_seen_at is written at most this often, so page views do not each cost a write.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

const clip = (value: string | null, max: number) => (value === null ? null : value.slice(0, max));

/** Starts a session for `userId`; returns the cookie's token (shown only here). */
export async function startWebSession(
  ctx: AppContext,
  userId: string,
  client: ClientInfo,
): Promise<{ token: string; session: WebSessionRow }> {
  const token = randomToken();
  const now = ctx.clock.now().toISOString();
  const session: WebSessionRow = {
    id: ctx.newId(),
    user_id: userId,
    token_hash: hashToken(token),
    user_agent: clip(client.userAgent, 500),
    ip: clip(client.ip, 64),
    created_at: now,
    last_seen_at: now,
    revoked_at: null,
  };
  await insertWebSession(ctx.db, session);
  const live = await listLiveWebSessions(ctx.db, userId);
  await revokeWebSessionsById(
    ctx.db,
    live.slice(MAX_SESSIONS).map((s) => s.id),
    now,
  );
  return { token, session };
}

/** The live session a cookie token stands for, or null. */
export async function findWebSession(
  ctx: AppContext,
  token: string,
  client: ClientInfo,
): Promise<WebSessionRow | null> {
  const session = await findLiveWebSession(ctx.db, hashToken(token));
  if (session === undefined) return null;
  const now = ctx.clock.now();
  const lastSeen = Date.parse(session.last_seen_at);
  if (now.getTime() - lastSeen > SESSION_LIFETIME_MS) return null;
  if (now.getTime() - lastSeen > TOUCH_INTERVAL_MS) {
    await touchWebSession(ctx.db, session.id, now.toISOString(), {
      ip: clip(client.ip, 64),
      userAgent: clip(client.userAgent, 500),
    });
  }
  return session;
}

export async function endWebSession(ctx: AppContext, sessionId: string): Promise<void> {
  // The web app's token dies with the session; its open streams close too.
  const tokenIds = await liveSessionTokenIds(ctx.db, [sessionId]);
  await revokeWebSession(ctx.db, sessionId, ctx.clock.now().toISOString());
  await endTokenStreams(ctx, tokenIds);
}
