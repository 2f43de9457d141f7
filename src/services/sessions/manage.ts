// What a signed-in person sees and ends of their own access: browser sessions and the apps
// holding tokens. Each action is limited to the person's own rows.
import type { AppContext } from "../../context.ts";
import { parseScopes } from "../../domain/scopes.ts";
import { listAuthorizedApps, revokeUserTokens } from "../../repos/oauth.ts";
import {
  listLiveWebSessions,
  liveSessionTokenIds,
  revokeWebSession,
  type WebSessionRow,
} from "../../repos/web-sessions.ts";
import { endTokenStreams, liveTokenIds } from "../streaming/end-streams.ts";

export function listSessions(ctx: AppContext, userId: string): Promise<WebSessionRow[]> {
  return listLiveWebSessions(ctx.db, userId);
}

/** Ends one of the user's sessions; false when it is not theirs or already ended. */
export async function revokeOwnSession(
  ctx: AppContext,
  userId: string,
  sessionId: string,
): Promise<boolean> {
  const sessions = await listLiveWebSessions(ctx.db, userId);
  if (!sessions.some((s) => s.id === sessionId)) return false;
  const tokenIds = await liveSessionTokenIds(ctx.db, [sessionId]);
  await revokeWebSession(ctx.db, sessionId, ctx.clock.now().toISOString());
  await endTokenStreams(ctx, tokenIds);
  return true;
}

export interface AuthorizedAppView {
  id: string;
  name: string;
  website: string | null;
  scopes: string[];
  firstAuthorizedAt: string;
}

export async function listApps(ctx: AppContext, userId: string): Promise<AuthorizedAppView[]> {
  const apps = await listAuthorizedApps(ctx.db, userId);
  return apps.map((app) => ({
    ...app,
    scopes: [...new Set(app.scopes.flatMap((s) => parseScopes(s)))],
  }));
}

/** Revokes every token the app holds for this user (Mastodon's "Revoke" on the apps page). */
export async function revokeApp(
  ctx: AppContext,
  userId: string,
  applicationId: string,
): Promise<number> {
  // The app's open streams close too (Mastodon's `kill`): read the ids before revoking.
  const tokenIds = await liveTokenIds(ctx, userId, { applicationId });
  const revoked = await revokeUserTokens(ctx.db, userId, ctx.clock.now().toISOString(), {
    applicationId,
  });
  await endTokenStreams(ctx, tokenIds);
  return revoked;
}
