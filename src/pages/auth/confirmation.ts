// GET /auth/confirmation?confirmation_token=… — the link in the confirmation mail. A plain page
// either way: the person came from their mail program and goes back to their app afterwards.
import { Hono } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../api/env.ts";
import { type ConfirmResult, confirmEmail } from "../../services/registrations/confirmation.ts";
import { page } from "./web.ts";

const MESSAGES: Record<ConfirmResult["type"] | "missing", [ContentfulStatusCode, string, string]> =
  {
    confirmed: [200, "Email address confirmed", "Your email address has been confirmed."],
    "already-confirmed": [
      200,
      "Email address confirmed",
      "Your email address was already confirmed.",
    ],
    invalid: [
      404,
      "Link not valid",
      "This confirmation link is not valid. It may have been replaced by a newer one: use the link in the most recent mail, or ask your app to send a new one.",
    ],
    expired: [
      410,
      "Link expired",
      "This confirmation link has expired: links work for two days. Ask your app to send a new one.",
    ],
    "email-taken": [
      409,
      "Address in use",
      "Another account has started using this email address since the link was sent, so it cannot be confirmed for yours.",
    ],
    missing: [400, "Link incomplete", "This link has no confirmation token."],
  };

export const confirmationPage = new Hono<Env>().get("/auth/confirmation", async (c) => {
  const token = c.req.query("confirmation_token") ?? "";
  const result: ConfirmResult | { type: "missing" } =
    token === "" ? { type: "missing" } : await confirmEmail(c.var.ctx, token);
  const [status, title, message] = MESSAGES[result.type];
  const next =
    result.type !== "confirmed" && result.type !== "already-confirmed"
      ? ""
      : result.approved
        ? "You can now sign in and use your account from any Mastodon app."
        : "A moderator will review your sign-up; you can sign in once it is approved.";
  // The token is in the URL: do not send it on to any other site as a Referer.
  c.header("Referrer-Policy", "no-referrer");
  return page(c, title, html`<p>${message}</p>${next === "" ? "" : html`<p>${next}</p>`}`, status);
});
