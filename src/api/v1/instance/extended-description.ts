// GET /api/v1/instance/extended_description
// https://docs.joinmastodon.org/methods/instance/#extended_description
import { Hono } from "hono";
import { getExtendedDescription } from "../../../services/instance/get-instance-documents.ts";
import { toExtendedDescription } from "../../entities/instance-documents.ts";
import type { Env } from "../../env.ts";

export const extendedDescriptionRoute = new Hono<Env>().get("/extended_description", async (c) => {
  const document = await getExtendedDescription(c.var.ctx);
  c.header("Cache-Control", "public, max-age=180");
  return c.json(toExtendedDescription(document));
});
