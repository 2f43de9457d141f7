// POST /oauth/token: the grants Hearth supports. `authorization_code` (with PKCE),
// `client_credentials` (an app token) and `password`, which Mastodon dropped in 4.3 but which
// scripts and masto.js's own test harness still use. Tokens never expire; no refresh tokens.
import { createHash } from "node:crypto";
import type { AppContext } from "../../context.ts";
import { parseScopes, scopesWithin, unknownScopes } from "../../domain/scopes.ts";
import { HttpError } from "../../lib/errors.ts";
import { hashToken, randomToken, safeEqual } from "../../lib/tokens.ts";
import {
  type ApplicationRow,
  findGrantByCodeHash,
  insertToken,
  revokeGrantTokens,
  useGrant,
} from "../../repos/oauth.ts";
import { checkCredentials } from "../sessions/credentials.ts";
import { countLoginAttempt } from "../sessions/login-throttle.ts";
import { grantableScopes } from "./authorize.ts";
import { oauthError } from "./errors.ts";

export interface TokenRequest {
  grantType: string | undefined;
  code: string | undefined;
  redirectUri: string | undefined;
  codeVerifier: string | undefined;
  scope: string | undefined;
  username: string | undefined;
  password: string | undefined;
  /** The client's rate-limit bucket for the password grant's login limits; null if exempt. */
  ipKey: string | null;
}

export interface IssuedToken {
  access_token: string;
  token_type: "Bearer";
  scope: string;
  created_at: number;
}

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export async function issueToken(
  ctx: AppContext,
  app: ApplicationRow,
  req: TokenRequest,
): Promise<IssuedToken> {
  switch (req.grantType) {
    case "authorization_code":
      return authorizationCode(ctx, app, req);
    case "client_credentials":
      return mint(ctx, app, null, requestedScopes(app, req.scope), null);
    case "password":
      return passwordGrant(ctx, app, req);
    case undefined:
    case "":
      throw oauthError("invalid_request", "Missing required parameter: grant_type.");
    default:
      throw oauthError("unsupported_grant_type");
  }
}

/** Scopes asked for at the token endpoint (default `read`): known and within the app's. */
function requestedScopes(app: ApplicationRow, scope: string | undefined): string[] {
  const scopes = parseScopes(scope);
  if (scopes.length === 0) scopes.push("read");
  if (unknownScopes(scopes).length > 0 || !scopesWithin(scopes, parseScopes(app.scopes))) {
    throw oauthError("invalid_scope");
  }
  return scopes;
}

function pkceMatches(challenge: string, verifier: string | undefined): boolean {
  if (verifier === undefined || !VERIFIER.test(verifier)) return false;
  const computed = createHash("sha256").update(verifier).digest("base64url");
  return safeEqual(computed, challenge);
}

async function authorizationCode(
  ctx: AppContext,
  app: ApplicationRow,
  req: TokenRequest,
): Promise<IssuedToken> {
  if (!req.code) throw oauthError("invalid_request", "Missing required parameter: code.");
  if (!req.redirectUri) {
    throw oauthError("invalid_request", "Missing required parameter: redirect_uri.");
  }
  const grant = await findGrantByCodeHash(ctx.db, hashToken(req.code));
  if (grant === undefined) throw oauthError("invalid_grant");
  const now = ctx.clock.now();
  if (grant.used_at !== null) {
    // A code used twice was probably stolen: whatever it bought is taken back (RFC 6749 §4.1.2).
    // G6 (security catalogue): whichever client presents it, so this comes before the check
    // that the code is the presenting client's.
    await revokeGrantTokens(ctx.db, grant.id, now.toISOString());
    throw oauthError("invalid_grant");
  }
  if (grant.application_id !== app.id) throw oauthError("invalid_grant");
  if (Date.parse(grant.expires_at) <= now.getTime()) throw oauthError("invalid_grant");
  // Exactly the URI used at authorize (RFC 6749 §4.1.3).
  if (req.redirectUri !== grant.redirect_uri) throw oauthError("invalid_grant");
  if (grant.code_challenge !== null && !pkceMatches(grant.code_challenge, req.codeVerifier)) {
    throw oauthError("invalid_grant");
  }
  // Only one of two racing exchanges wins; the loser is treated as a replay.
  if (!(await useGrant(ctx.db, grant.id, now.toISOString()))) {
    await revokeGrantTokens(ctx.db, grant.id, now.toISOString());
    throw oauthError("invalid_grant");
  }
  return mint(ctx, app, grant.user_id, parseScopes(grant.scopes), grant.id);
}

async function passwordGrant(
  ctx: AppContext,
  app: ApplicationRow,
  req: TokenRequest,
): Promise<IssuedToken> {
  const email = req.username ?? "";
  if (email === "" || !req.password) {
    throw oauthError("invalid_request", "Missing required parameter: username and password.");
  }
  const scopes = requestedScopes(app, req.scope);
  if (!(await countLoginAttempt(ctx, req.ipKey, email))) {
    // H2 (security catalogue): a throttled attempt is a 429, as on the sign-in page, not an
    // invalid_grant a client would take for a wrong password and retry.
    throw new HttpError(
      429,
      "Too many requests",
      "Too many sign-in attempts. Wait a while and try again.",
    );
  }
  const result = await checkCredentials(ctx, email, req.password);
  // Two-factor accounts cannot use this grant: it has no place for the second factor.
  if (!result.ok) throw oauthError("invalid_grant");
  // G3 (security catalogue): admin scopes only for staff, as on the consent page; asking for
  // nothing but admin scopes leaves nothing to grant.
  const { granted } = grantableScopes(scopes, result.user.role);
  if (granted.length === 0) throw oauthError("invalid_scope");
  return mint(ctx, app, result.user.id, granted, null);
}

async function mint(
  ctx: AppContext,
  app: ApplicationRow,
  userId: string | null,
  scopes: string[],
  grantId: string | null,
): Promise<IssuedToken> {
  const token = randomToken();
  const now = ctx.clock.now();
  await insertToken(ctx.db, {
    id: ctx.newId(),
    application_id: app.id,
    user_id: userId,
    token_hash: hashToken(token),
    scopes: scopes.join(" "),
    grant_id: grantId,
    last_used_at: null,
    revoked_at: null,
    created_at: now.toISOString(),
  });
  return {
    access_token: token,
    token_type: "Bearer",
    scope: scopes.join(" "),
    created_at: Math.floor(now.getTime() / 1000),
  };
}
