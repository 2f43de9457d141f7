// The web app's access token, as Mastodon's web UI gets one: an ordinary OAuth token of a
// built-in "Web" application (scopes read write follow push), minted for a signed-in browser
// session and revoked with it (repos/web-sessions.ts). Only token hashes are stored, so the
// token is derived, not kept: HMAC(secretKeyBase, session id, session token hash, generation).
// Every tab of one session gets the same token; if it is revoked while the session lives
// (a password change revokes all tokens but keeps the current session), the next generation
// is minted.
import { createHmac } from "node:crypto";
import type { AppContext } from "../../context.ts";
import { UniqueViolationError } from "../../db/errors.ts";
import { hashToken, randomToken } from "../../lib/tokens.ts";
import {
  type ApplicationRow,
  findApplicationByClientId,
  insertApplication,
  insertToken,
} from "../../repos/oauth.ts";
import { listSessionTokens, type WebSessionRow } from "../../repos/web-sessions.ts";

/** The built-in application's client id (registered apps get random ones, so none collide). */
export const WEB_APP_CLIENT_ID = "hearth-web-app";
export const WEB_APP_NAME = "Web";
export const WEB_APP_SCOPES = "read write follow push";

/** The "Web" application, created on first use. It has no redirect URI: no OAuth flow uses it. */
export async function webApplication(ctx: AppContext): Promise<ApplicationRow> {
  const existing = await findApplicationByClientId(ctx.db, WEB_APP_CLIENT_ID);
  if (existing !== undefined) return existing;
  const now = ctx.clock.now().toISOString();
  const app: ApplicationRow = {
    id: ctx.newId(),
    name: WEB_APP_NAME,
    website: null,
    redirect_uris: "",
    scopes: WEB_APP_SCOPES,
    client_id: WEB_APP_CLIENT_ID,
    // A secret nobody knows: the app never uses the token endpoint.
    client_secret_hash: hashToken(randomToken()),
    owner_user_id: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await insertApplication(ctx.db, app);
    return app;
  } catch (error) {
    // Two first requests at once: the other one created it.
    if (!(error instanceof UniqueViolationError)) throw error;
    const created = await findApplicationByClientId(ctx.db, WEB_APP_CLIENT_ID);
    if (created === undefined) throw error;
    return created;
  }
}

function deriveToken(secret: string, session: WebSessionRow, generation: number): string {
  return createHmac("sha256", secret)
    .update(`hearth-web-app-token\n${session.id}\n${session.token_hash}\n${generation}`)
    .digest("base64url");
}

/** The access token for this live session's web app (minted on first use). */
export async function webAppToken(ctx: AppContext, session: WebSessionRow): Promise<string> {
  const secret = ctx.secrets.secretKeyBase;
  for (let attempt = 0; attempt < 3; attempt++) {
    const tokens = await listSessionTokens(ctx.db, session.id);
    const last = tokens.at(-1);
    if (last !== undefined && last.revoked_at === null) {
      return deriveToken(secret, session, tokens.length - 1);
    }
    const token = deriveToken(secret, session, tokens.length);
    const app = await webApplication(ctx);
    try {
      await insertToken(ctx.db, {
        id: ctx.newId(),
        application_id: app.id,
        user_id: session.user_id,
        token_hash: hashToken(token),
        scopes: WEB_APP_SCOPES,
        grant_id: null,
        web_session_id: session.id,
        last_used_at: null,
        revoked_at: null,
        created_at: ctx.clock.now().toISOString(),
      });
      return token;
    } catch (error) {
      // Another tab minted the same generation at the same moment: read it again.
      if (!(error instanceof UniqueViolationError)) throw error;
    }
  }
  throw new Error("could not mint the web app's token");
}
