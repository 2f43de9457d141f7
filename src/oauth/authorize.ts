// GET /oauth/authorize shows who asks for what (after sign-in); POST /oauth/authorize carries
// the person's decision. Both re-validate the whole request: the form's hidden fields are
// as untrusted as the query string.
import { type Context, Hono } from "hono";
import type { Env } from "../api/env.ts";
import { optionalBoolean, optionalString, type Params, readParams } from "../api/params.ts";
import { csrfFailure, csrfOk, currentSession, signOut } from "../pages/auth/web.ts";
import { authorizeErrorPage, codePage, consentPage } from "../pages/oauth/authorize.ts";
import {
  type AuthorizeRequest,
  checkAuthorizeRequest,
  createAuthorizationCode,
  grantableScopes,
  isOutOfBand,
  redirectWith,
} from "../services/oauth/authorize.ts";
import { loadUserAccount } from "../services/oauth/userinfo.ts";

type C = Context<Env>;

const REQUEST_FIELDS = {
  responseType: "response_type",
  clientId: "client_id",
  redirectUri: "redirect_uri",
  scope: "scope",
  state: "state",
  codeChallenge: "code_challenge",
  codeChallengeMethod: "code_challenge_method",
} as const;

function readRequest(params: Params): AuthorizeRequest {
  const out: Record<string, string | undefined> = {};
  for (const [key, name] of Object.entries(REQUEST_FIELDS)) {
    out[key] = optionalString(params, name, { max: 4000 });
  }
  return out as unknown as AuthorizeRequest;
}

/** The GET URL of this authorization request, to come back to after sign-in. */
function authorizePath(req: AuthorizeRequest, lang: string | undefined): string {
  const query = new URLSearchParams();
  for (const [key, name] of Object.entries(REQUEST_FIELDS)) {
    const value = req[key as keyof AuthorizeRequest];
    if (value !== undefined && value !== "") query.set(name, value);
  }
  if (lang) query.set("lang", lang);
  return `/oauth/authorize?${query}`;
}

function toSignIn(c: C, returnTo: string) {
  return c.redirect(`/auth/sign_in?${new URLSearchParams({ return_to: returnTo })}`, 302);
}

/** Validates the request; answers with the error page or redirect, or returns what is valid. */
async function validate(c: C, req: AuthorizeRequest) {
  const check = await checkAuthorizeRequest(c.var.ctx, req);
  if (check.kind === "fatal") return { response: authorizeErrorPage(c, check.message) };
  if (check.kind === "error") {
    if (isOutOfBand(check.redirectUri)) {
      return { response: authorizeErrorPage(c, check.description) };
    }
    const target = redirectWith(check.redirectUri, {
      error: check.error,
      error_description: check.description,
      state: check.state,
    });
    return { response: c.redirect(target, 302) };
  }
  return { valid: check };
}

export const authorizeRoutes = new Hono<Env>()
  .get("/oauth/authorize", async (c) => {
    const params = await readParams(c);
    const req = readRequest(params);
    const lang = optionalString(params, "lang", { max: 20 });
    const { response, valid } = await validate(c, req);
    if (valid === undefined) return response;
    if (optionalBoolean(params, "force_login") === true) {
      // Sign out whoever is signed in, then come back without force_login (no loop).
      await signOut(c);
      return toSignIn(c, authorizePath(req, lang));
    }
    const session = await currentSession(c);
    if (session === null) return toSignIn(c, authorizePath(req, lang));
    const account = await loadUserAccount(c.var.ctx, session.user_id);
    const { granted, withheld } = grantableScopes(valid.scopes, account.role);
    return consentPage(c, {
      appName: valid.app.name,
      redirectUri: valid.redirectUri,
      website: valid.app.website,
      username: account.username,
      scopes: granted,
      withheld,
      fields: {
        ...Object.fromEntries(
          Object.entries(REQUEST_FIELDS).map(([k, n]) => [n, req[k as keyof AuthorizeRequest]]),
        ),
        redirect_uri: valid.redirectUri,
      },
    });
  })
  .post("/oauth/authorize", async (c) => {
    const params = await readParams(c);
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const req = readRequest(params);
    const { response, valid } = await validate(c, req);
    if (valid === undefined) return response;
    const session = await currentSession(c);
    if (session === null) return toSignIn(c, authorizePath(req, undefined));
    const oob = isOutOfBand(valid.redirectUri);
    if (optionalString(params, "decision") !== "authorize") {
      if (oob) return authorizeErrorPage(c, "You denied the application access.", 403);
      return c.redirect(
        redirectWith(valid.redirectUri, { error: "access_denied", state: valid.state }),
        302,
      );
    }
    const account = await loadUserAccount(c.var.ctx, session.user_id);
    const { granted } = grantableScopes(valid.scopes, account.role);
    if (granted.length === 0) {
      // Only admin scopes were asked of someone without the role: nothing left to grant.
      if (oob) return authorizeErrorPage(c, "Your account cannot grant these scopes.", 403);
      return c.redirect(
        redirectWith(valid.redirectUri, { error: "invalid_scope", state: valid.state }),
        302,
      );
    }
    const code = await createAuthorizationCode(c.var.ctx, valid, session.user_id, granted);
    if (oob) return codePage(c, valid.app.name, code);
    return c.redirect(redirectWith(valid.redirectUri, { code, state: valid.state }), 302);
  });
