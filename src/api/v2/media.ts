// POST /api/v2/media — https://docs.joinmastodon.org/methods/media/#v2
// Answers as soon as the upload is checked and recorded: 202 with `url: null` while the
// `media.process` job processes it (clients then poll GET /api/v1/media/:id).
import { Hono } from "hono";
import type { Env } from "../env.ts";
import { mediaJson, startUpload, writeMedia } from "../v1/media.ts";

export const mediaV2Routes = new Hono<Env>().post("/", writeMedia(), async (c) => {
  const row = await startUpload(c, false);
  return c.json(mediaJson(c, row), row.processing === "processing" ? 202 : 200);
});
