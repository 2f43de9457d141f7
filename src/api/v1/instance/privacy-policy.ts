// GET /api/v1/instance/privacy_policy — https://docs.joinmastodon.org/methods/instance/#privacy_policy
import { Hono } from "hono";
import { getPrivacyPolicy } from "../../../services/instance/get-instance-documents.ts";
import { toPrivacyPolicy } from "../../entities/instance-documents.ts";
import type { Env } from "../../env.ts";

export const privacyPolicyRoute = new Hono<Env>().get("/privacy_policy", async (c) => {
  const document = await getPrivacyPolicy(c.var.ctx);
  c.header("Cache-Control", "public, max-age=180");
  return c.json(toPrivacyPolicy(document));
});
