// /api/v1/emails: resend the confirmation mail, and ask whether the address is confirmed.
// Both serve users who are not confirmed yet, so they check the token themselves instead of
// requiring a confirmed user (Mastodon's require_authenticated_user!, not require_user!).
import { Hono } from "hono";
import { HttpError } from "../../../lib/errors.ts";
import { resendConfirmation } from "../../../services/registrations/resend-confirmation.ts";
import { validationMessage } from "../../../services/registrations/validation.ts";
import type { Env } from "../../env.ts";
import { checkAuth } from "../../middleware/auth.ts";
import { optionalString, readParams } from "../../params.ts";

export const emailRoutes = new Hono<Env>()
  // POST /api/v1/emails/confirmations — a new link, optionally to a corrected address.
  .post("/confirmations", async (c) => {
    const auth = checkAuth(c, { scopes: ["write", "write:accounts"], user: false });
    const params = await readParams(c);
    const result =
      auth.user === null
        ? ({ type: "wrong-application" } as const)
        : await resendConfirmation(c.var.ctx, {
            userId: auth.user.id,
            applicationId: auth.applicationId,
            email: optionalString(params, "email"),
          });
    switch (result.type) {
      case "wrong-application":
        throw new HttpError(
          403,
          "This method is only available to the application the user originally signed-up with",
        );
      case "not-awaiting-confirmation":
        throw new HttpError(
          403,
          "This method is only available while the e-mail is awaiting confirmation",
        );
      case "invalid":
        return c.json({ error: validationMessage(result.details), details: result.details }, 422);
      case "sent":
        return c.json({});
    }
  })
  // GET /api/v1/emails/check_confirmation — true once the address is confirmed.
  .get("/check_confirmation", (c) => {
    const auth = checkAuth(c, { scopes: ["read", "read:accounts"], user: false });
    if (auth.user === null) throw new HttpError(401, "This method requires an authenticated user");
    return c.json(auth.user.confirmed);
  });
