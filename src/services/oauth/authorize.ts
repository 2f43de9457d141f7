// GET/POST /oauth/authorize as Doorkeeper handles it for Mastodon. Problems with the client or
// its redirect URI are shown to the person and never redirected (that would make us an open
// redirector); any other problem goes back to the app as `?error=…` (RFC 6749 §4.1.2.1).
import type { AppContext } from "../../context.ts";
import { USER_ROLES } from "../../domain/roles.ts";
import { parseScopes, scopesWithin, unknownScopes } from "../../domain/scopes.ts";
import { hashToken, randomToken } from "../../lib/tokens.ts";
import { type ApplicationRow, findApplicationByClientId, insertGrant } from "../../repos/oauth.ts";
import type { OAuthErrorCode } from "./errors.ts";
import { matchRedirectUri, OOB_URI } from "./redirect-uris.ts";

export const CODE_LIFETIME_MS = 10 * 60 * 1000;

export interface AuthorizeRequest {
  responseType: string | undefined;
  clientId: string | undefined;
  redirectUri: string | undefined;
  scope: string | undefined;
  state: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: string | undefined;
}

export interface ValidAuthorization {
  app: ApplicationRow;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | null;
}

export type AuthorizeCheck =
  | { kind: "fatal"; message: string }
  | {
      kind: "error";
      redirectUri: string;
      state: string | undefined;
      error: OAuthErrorCode;
      description: string;
    }
  | ({ kind: "ok" } & ValidAuthorization);

// RFC 7636 §4.2: a S256 challenge is 43 base64url characters; allow the full range anyway.
const CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;

export async function checkAuthorizeRequest(
  ctx: AppContext,
  req: AuthorizeRequest,
): Promise<AuthorizeCheck> {
  const app = req.clientId ? await findApplicationByClientId(ctx.db, req.clientId) : undefined;
  if (app === undefined) {
    return {
      kind: "fatal",
      message: "The application is unknown: its client_id is not registered here.",
    };
  }
  const registered = app.redirect_uris.split("\n").filter((u) => u !== "");
  // Doorkeeper fills in the redirect URI when the app registered exactly one.
  const wanted = req.redirectUri || (registered.length === 1 ? registered[0] : undefined);
  const redirectUri = wanted === undefined ? null : matchRedirectUri(registered, wanted);
  if (redirectUri === null) {
    return {
      kind: "fatal",
      message: "The redirect URI is not one the application registered.",
    };
  }
  const fail = (error: OAuthErrorCode, description: string): AuthorizeCheck => ({
    kind: "error",
    redirectUri,
    state: req.state,
    error,
    description,
  });
  if (req.responseType !== "code") {
    return fail("unsupported_response_type", "Only response_type=code is supported.");
  }
  const scopes = parseScopes(req.scope);
  if (scopes.length === 0) scopes.push("read");
  if (unknownScopes(scopes).length > 0 || !scopesWithin(scopes, parseScopes(app.scopes))) {
    return fail("invalid_scope", "The requested scope is invalid, unknown, or malformed.");
  }
  let codeChallenge: string | null = null;
  if (req.codeChallenge) {
    // Mastodon accepts S256 only (4.3+): `plain` would give a stolen code's thief the verifier.
    if (req.codeChallengeMethod !== "S256" || !CHALLENGE.test(req.codeChallenge)) {
      return fail(
        "invalid_request",
        "code_challenge_method must be S256, with a valid code_challenge.",
      );
    }
    codeChallenge = req.codeChallenge;
  } else if (req.codeChallengeMethod) {
    return fail("invalid_request", "code_challenge_method was given without a code_challenge.");
  }
  return { kind: "ok", app, redirectUri, scopes, state: req.state, codeChallenge };
}

/**
 * What a person may grant: admin scopes only by staff. An app asking an ordinary user for
 * `admin:*` gets the rest (the consent page says what was left out), as Akkoma does.
 */
export function grantableScopes(
  scopes: string[],
  role: string | null,
): { granted: string[]; withheld: string[] } {
  const staff = role !== null && (USER_ROLES as readonly string[]).includes(role);
  const withheld = staff ? [] : scopes.filter((s) => s.startsWith("admin:"));
  return { granted: scopes.filter((s) => !withheld.includes(s)), withheld };
}

/** Stores an authorization code (hashed, 10 minutes, single use); returns the code. */
export async function createAuthorizationCode(
  ctx: AppContext,
  auth: ValidAuthorization,
  userId: string,
  scopes: string[],
): Promise<string> {
  const code = randomToken();
  const now = ctx.clock.now();
  await insertGrant(ctx.db, {
    id: ctx.newId(),
    application_id: auth.app.id,
    user_id: userId,
    code_hash: hashToken(code),
    redirect_uri: auth.redirectUri,
    scopes: scopes.join(" "),
    code_challenge: auth.codeChallenge,
    code_challenge_method: auth.codeChallenge === null ? null : "S256",
    expires_at: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
    used_at: null,
    created_at: now.toISOString(),
  });
  return code;
}

export function isOutOfBand(redirectUri: string): boolean {
  return redirectUri === OOB_URI;
}

/** `redirect_uri` with `params` added to its query (keeping the query it already has). */
export function redirectWith(
  redirectUri: string,
  params: Record<string, string | undefined>,
): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.append(key, value);
  }
  return url.toString();
}
