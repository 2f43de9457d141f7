// GET/POST /auth/sign_in and POST (or DELETE) /auth/sign_out: the web sign-in that OAuth's
// authorize page sends people to; sessions.ts lists the signed-in browsers. One message for
// an unknown email and a wrong password. Accounts with two-factor on continue to
// two-factor-sign-in.ts for the code before any session starts.
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../api/env.ts";
import { readParams } from "../../api/params.ts";
import { checkCredentials } from "../../services/sessions/credentials.ts";
import { countLoginAttempt } from "../../services/sessions/login-throttle.ts";
import { sessionsRoutes } from "./sessions.ts";
import { startTwoFactorStep, throttleKey, twoFactorSignInRoutes } from "./two-factor-sign-in.ts";
import {
  csrfFailure,
  csrfField,
  csrfOk,
  currentSession,
  formToken,
  page,
  safeReturnPath,
  signIn,
  signOut,
} from "./web.ts";

type C = Context<Env>;

const MESSAGES = {
  invalid: "Invalid email address or password.",
  disabled: "Your login is currently disabled.",
  throttled: "Too many sign-in attempts. Wait a while and try again.",
} as const;

async function signInPage(
  c: C,
  options: { returnTo: string | null; email?: string; error?: string },
  status: ContentfulStatusCode = 200,
) {
  const token = await formToken(c);
  return page(
    c,
    "Sign in",
    html`${options.error === undefined ? "" : html`<p role="alert" class="error">${options.error}</p>`}
      <form method="post" action="/auth/sign_in">
        ${csrfField(token)}
        ${options.returnTo === null ? "" : html`<input type="hidden" name="return_to" value="${options.returnTo}" />`}
        <label for="email">Email address</label>
        <input id="email" name="email" type="email" autocomplete="username" required value="${options.email ?? ""}" />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
      <p><a href="/auth/sign_up">Create an account</a> · <a href="/auth/password/new">Forgot your password?</a></p>`,
    status,
  );
}

async function handleSignOut(c: C) {
  const params = await readParams(c);
  if (!(await csrfOk(c, params))) return csrfFailure(c);
  await signOut(c);
  return c.redirect("/auth/sign_in", 303);
}

export const signInRoutes = new Hono<Env>()
  .get("/auth/sign_in", async (c) => {
    const returnTo = safeReturnPath(c.req.query("return_to"));
    if ((await currentSession(c)) !== null) return c.redirect(returnTo ?? "/", 303);
    return signInPage(c, { returnTo });
  })
  .post("/auth/sign_in", async (c) => {
    const params = await readParams(c);
    const email = typeof params.email === "string" ? params.email.slice(0, 320) : "";
    const password = typeof params.password === "string" ? params.password : "";
    const returnTo = safeReturnPath(params.return_to);
    if (!(await countLoginAttempt(c.var.ctx, throttleKey(c), email))) {
      return signInPage(c, { returnTo, email, error: MESSAGES.throttled }, 429);
    }
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const result = await checkCredentials(c.var.ctx, email, password);
    if (!result.ok && result.reason === "second_factor") {
      return startTwoFactorStep(c, result.user, returnTo);
    }
    if (!result.ok) return signInPage(c, { returnTo, email, error: MESSAGES[result.reason] }, 401);
    await signIn(c, result.user.id);
    return c.redirect(returnTo ?? "/", 303);
  })
  .post("/auth/sign_out", handleSignOut)
  .delete("/auth/sign_out", handleSignOut)
  .route("/", sessionsRoutes)
  .route("/", twoFactorSignInRoutes);
