// Media attachments — https://docs.joinmastodon.org/methods/media/
//   POST /api/v1/media        upload and wait for processing (deprecated in Mastodon, still used)
//   GET /api/v1/media/:id     206 while processing, 200 when done (clients poll this)
//   PUT /api/v1/media/:id     description and focal point, until attached to a post
//   DELETE /api/v1/media/:id  an unattached upload and its files
// The shared upload handling is here too; v2's POST (answers before processing) reuses it.
// v1 processes in the request (sharp/ffmpeg work bounded per process); v2 leaves it to the job.
import type { Context } from "hono";
import { Hono } from "hono";
import { HttpError } from "../../lib/errors.ts";
import type { MediaRow } from "../../repos/media.ts";
import { deleteMedia, getMedia, updateMedia } from "../../services/media/manage.ts";
import { parseFocus, uploadMedia } from "../../services/media/upload.ts";
import { presentMediaAttachment } from "../entities/media-attachment.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { optionalString, type Params, readParams } from "../params.ts";

export const writeMedia = () => requireAuth({ scopes: ["write:media"] });

function details(params: Params) {
  return {
    description: optionalString(params, "description"),
    focus: parseFocus(optionalString(params, "focus")),
  };
}

/** Reads the multipart form and records the upload (shared by v1 and v2); v1 `wait`s. */
export async function startUpload(c: Context<Env>, wait: boolean): Promise<MediaRow> {
  const params = await readParams(c);
  const file = params.file instanceof File ? params.file : undefined;
  const upload = { file, ...details(params) };
  return uploadMedia(c.var.ctx, currentUser(c).accountId, upload, { wait });
}

/** The entity, or Mastodon's error for an upload whose processing failed. */
export function mediaJson(c: Context<Env>, row: MediaRow) {
  if (row.processing === "failed") {
    throw new HttpError(422, "Error processing thumbnail for uploaded media");
  }
  return presentMediaAttachment(row, (key) => c.var.ctx.storage.url(key));
}

export const mediaV1Routes = new Hono<Env>()
  .post("/", writeMedia(), async (c) => {
    const row = await startUpload(c, true);
    return c.json(mediaJson(c, row), 200);
  })
  .get("/:id", writeMedia(), async (c) => {
    const row = await getMedia(c.var.ctx, currentUser(c).accountId, c.req.param("id"));
    return c.json(mediaJson(c, row), row.processing === "processing" ? 206 : 200);
  })
  .put("/:id", writeMedia(), async (c) => {
    const params = await readParams(c);
    const id = c.req.param("id");
    const row = await updateMedia(c.var.ctx, currentUser(c).accountId, id, details(params));
    return c.json(mediaJson(c, row), 200);
  })
  .delete("/:id", writeMedia(), async (c) => {
    await deleteMedia(c.var.ctx, currentUser(c).accountId, c.req.param("id"));
    return c.json({}, 200);
  });
