// GET /invite/:code — an invite link: the sign-up form with the code carried along in a hidden
// field. A valid invite opens closed registrations and skips approval (the sign-up service
// decides that again when the form is posted). A code that does not work says why, and the
// page then behaves as /auth/sign_up does.
import { Hono } from "hono";
import type { Env } from "../../api/env.ts";
import { checkInvite } from "../../services/registrations/invites.ts";
import { signUpPage } from "./sign-up.ts";
import { currentSession } from "./web.ts";

const NOTICES = {
  unknown: "This invite link is not valid. Check that you copied all of it.",
  expired: "This invite link has expired.",
  "used-up": "This invite link has been used as many times as it allows.",
} as const;

export const inviteRoutes = new Hono<Env>().get("/invite/:code", async (c) => {
  if ((await currentSession(c)) !== null) return c.redirect("/auth/setup", 303);
  const code = c.req.param("code");
  const checked = await checkInvite(c.var.ctx, code);
  if (checked?.status === "valid") return signUpPage(c, { inviteCode: checked.invite.code });
  const problem = checked === undefined ? "unknown" : checked.status;
  return signUpPage(c, { notice: NOTICES[problem] }, problem === "unknown" ? 404 : 410);
});
