// GET /api/v1/accounts/verify_credentials — https://docs.joinmastodon.org/methods/accounts/#verify_credentials
import { Hono } from "hono";
import { getOwnProfile } from "../../../services/profiles/get-own-profile.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { presentCredentialAccount } from "./hydrate.ts";

export const verifyCredentialsRoute = new Hono<Env>().get(
  "/verify_credentials",
  requireAuth({ scopes: ["read:accounts", "profile"] }),
  async (c) => {
    const own = await getOwnProfile(c.var.ctx, currentUser(c).id);
    return c.json(presentCredentialAccount(c.var.ctx, own));
  },
);
