// MediaAttachment — https://docs.joinmastodon.org/entities/MediaAttachment/
// A pure serializer of a media_attachments row. `url` and `preview_url` are null while the
// upload is processing (clients poll GET /api/v1/media/:id until `url` is set).
import type { MediaRow } from "../../repos/media.ts";

export interface MediaAttachmentEntity {
  id: string;
  type: string;
  url: string | null;
  preview_url: string | null;
  remote_url: string | null;
  preview_remote_url: null;
  text_url: null;
  meta: Record<string, unknown> | null;
  description: string | null;
  blurhash: string | null;
}

export function presentMediaAttachment(
  row: MediaRow,
  urlOf: (key: string) => string,
): MediaAttachmentEntity {
  const done = row.processing === "done";
  const focus =
    row.focus_x === null || row.focus_y === null ? null : { x: row.focus_x, y: row.focus_y };
  const meta = { ...(row.meta ?? {}), ...(focus === null ? {} : { focus }) };
  return {
    id: row.id,
    type: row.type,
    // A remote attachment is linked, not downloaded (federation): its url is the remote one.
    url: done && row.file_key !== null ? urlOf(row.file_key) : row.remote_url,
    preview_url: done && row.preview_key !== null ? urlOf(row.preview_key) : null,
    remote_url: row.remote_url,
    preview_remote_url: null,
    text_url: null,
    meta: Object.keys(meta).length === 0 ? null : meta,
    description: row.description,
    blurhash: row.blurhash,
  };
}
