// GET /api/v1/instance/activity — https://docs.joinmastodon.org/methods/instance/#activity
import { Hono } from "hono";
import { getInstanceActivity } from "../../../services/instance/instance-lists.ts";
import { toActivity } from "../../entities/instance-documents.ts";
import type { Env } from "../../env.ts";

export const activityRoute = new Hono<Env>().get("/activity", async (c) => {
  const weeks = await getInstanceActivity(c.var.ctx);
  c.header("Cache-Control", "public, max-age=86400");
  return c.json(weeks.map(toActivity));
});
