// GET /api/v1/instance/rules — https://docs.joinmastodon.org/methods/instance/#rules
import { Hono } from "hono";
import { getInstanceRules } from "../../../services/instance/instance-lists.ts";
import { toRule } from "../../entities/rule.ts";
import type { Env } from "../../env.ts";

export const rulesRoute = new Hono<Env>().get("/rules", async (c) => {
  const rules = await getInstanceRules(c.var.ctx);
  c.header("Cache-Control", "public, max-age=180");
  return c.json(rules.map(toRule));
});
