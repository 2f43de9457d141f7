// OAuth bearer tokens, as Mastodon (Doorkeeper) reads them: `Authorization: Bearer <token>`
// or an `access_token` query parameter. `resolveAuth` runs for the whole API and only looks the
// token up (so rate limits can count per user); each endpoint then declares what it needs with
// `requireAuth`, which answers with Mastodon's status codes and messages:
//   no or bad token 401 · missing scope 403 · app token where a user is needed 422 ·
//   unconfirmed, unapproved or disabled user 403.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { scopeAllows } from "../../domain/scopes.ts";
import { HttpError } from "../../lib/errors.ts";
import { hashToken } from "../../lib/tokens.ts";
import { findTokenOwner, type TokenOwner } from "../../repos/oauth.ts";
import { noteActivity } from "../../services/timelines/note-activity.ts";
import type { Env } from "../env.ts";
import { setRateLimitIdentity } from "./rate-limit.ts";

export interface Auth {
  tokenId: string;
  applicationId: string;
  scopes: string[];
  /** The signed-in person, or null for an app's own (client_credentials) token. */
  user: AuthUser | null;
}

export interface AuthUser {
  id: string;
  accountId: string;
  role: string | null;
  confirmed: boolean;
  approved: boolean;
  /** Disabled by a moderator, or the account suspended. */
  disabled: boolean;
}

type Problem = "missing" | "invalid" | "revoked";
const problems = new WeakMap<Context, Problem>();

/** The token string from the request, if any. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header("authorization");
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
  return c.req.query("access_token") || undefined;
}

function toAuth(owner: TokenOwner): Auth {
  return {
    tokenId: owner.tokenId,
    applicationId: owner.applicationId,
    scopes: owner.scopes.split(" ").filter((s) => s !== ""),
    user:
      owner.userId === null || owner.accountId === null
        ? null
        : {
            id: owner.userId,
            accountId: owner.accountId,
            role: owner.role,
            confirmed: owner.confirmedAt !== null,
            approved: owner.approved === true,
            disabled: owner.disabled === true || owner.suspendedAt !== null,
          },
  };
}

/** Looks the bearer token up once per request; never rejects by itself. */
export const resolveAuth = createMiddleware<Env>(async (c, next) => {
  const token = bearerToken(c);
  c.set("auth", null);
  if (token === undefined) {
    problems.set(c, "missing");
  } else {
    const owner = await findTokenOwner(c.var.ctx.db, hashToken(token));
    if (owner === undefined) problems.set(c, "invalid");
    else if (owner.revokedAt !== null) problems.set(c, "revoked");
    else {
      await noteActivity(c.var.ctx, {
        tokenId: owner.tokenId,
        tokenLastUsedAt: owner.lastUsedAt,
        user:
          owner.userId === null || owner.accountId === null
            ? null
            : { id: owner.userId, accountId: owner.accountId, lastActiveAt: owner.lastActiveAt },
      });
      const auth = toAuth(owner);
      c.set("auth", auth);
      setRateLimitIdentity(c, {
        tokenId: auth.tokenId,
        userId: auth.user?.id ?? `app:${auth.applicationId}`,
      });
    }
  }
  await next();
});

export interface Requirement {
  /** Any one of these scopes suffices (Mastodon lists alternatives, e.g. read / read:accounts). */
  scopes: string[];
  /** A user token is needed (not an app's client_credentials token). Default true. */
  user?: boolean;
}

/** Throws Mastodon's error for a request that does not meet `requirement`; returns the auth. */
export function checkAuth(c: Context<Env>, requirement: Requirement): Auth {
  const auth = c.get("auth");
  if (auth === null || auth === undefined) {
    const problem = problems.get(c) ?? "missing";
    throw new HttpError(
      401,
      problem === "revoked" ? "The access token was revoked" : "The access token is invalid",
    );
  }
  if (
    requirement.scopes.length > 0 &&
    !requirement.scopes.some((scope) => scopeAllows(auth.scopes, scope))
  ) {
    throw new HttpError(403, "This action is outside the authorized scopes");
  }
  if (requirement.user !== false) {
    const user = auth.user;
    if (user === null) throw new HttpError(422, "This method requires an authenticated user");
    if (!user.confirmed)
      throw new HttpError(403, "Your login is missing a confirmed e-mail address");
    if (!user.approved) throw new HttpError(403, "Your login is currently pending approval");
    if (user.disabled) throw new HttpError(403, "Your login is currently disabled");
  }
  return auth;
}

/** Where requireAuth leaves its requirement on the middleware, so tests can list every guarded route. */
export const REQUIREMENT = Symbol("hearth.requirement");

/** Route middleware: `requireAuth({ scopes: ["read", "read:accounts"] })`. */
export function requireAuth(requirement: Requirement) {
  const middleware = createMiddleware<Env>(async (c, next) => {
    checkAuth(c, requirement);
    await next();
  });
  return Object.assign(middleware, { [REQUIREMENT]: requirement });
}

/** The user of a request that passed requireAuth with a user requirement. */
export function currentUser(c: Context<Env>): AuthUser {
  const user = c.get("auth")?.user;
  if (user === null || user === undefined)
    throw new HttpError(422, "This method requires an authenticated user");
  return user;
}
