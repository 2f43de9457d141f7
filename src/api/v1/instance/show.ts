// GET /api/v1/instance — https://docs.joinmastodon.org/methods/instance/#v1
// Deprecated by Mastodon in favour of v2, but still what Tusky, megalodon and the masto.js
// test harness read (`urls.streaming_api` in particular).
import { Hono } from "hono";
import { getPublicInstance } from "../../../services/instance/get-public-instance.ts";
import { toV1Instance } from "../../entities/instance.ts";
import type { Env } from "../../env.ts";

export const showInstanceV1Route = new Hono<Env>().get("/", async (c) => {
  const instance = await getPublicInstance(c.var.ctx);
  // Public and the same for everyone; Mastodon lets caches keep it for three minutes.
  c.header("Cache-Control", "public, max-age=180");
  return c.json(toV1Instance(instance));
});
