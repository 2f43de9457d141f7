// ScheduledStatus — https://docs.joinmastodon.org/entities/ScheduledStatus/
// A pure function of a scheduled post and the uploads it reserves. `params` are what the post
// will be made with, in Mastodon's shape. Ids in params stay decimal strings: the spec types
// in_reply_to_id as an integer (Mastodon stores the number), but our 64-bit ids do not fit a
// JavaScript number, and clients (masto.js) type it as a string anyway.
import type { ScheduledStatusParams } from "../../db/schema/index.ts";
import type { LoadedScheduledStatus } from "../../services/scheduled-statuses/load.ts";
import { type MediaAttachmentEntity, presentMediaAttachment } from "./media-attachment.ts";

export interface ScheduledStatusEntity {
  id: string;
  scheduled_at: string;
  params: Omit<ScheduledStatusParams, "application_id" | "quote_approval_policy"> & {
    application_id: number;
    quote_approval_policy?: string;
  };
  media_attachments: MediaAttachmentEntity[];
}

export function toScheduledStatus(
  loaded: LoadedScheduledStatus,
  mediaUrl: (key: string) => string,
): ScheduledStatusEntity {
  const s = loaded.scheduled;
  // Without a policy the key is left out: the spec's enum has no null.
  const { quote_approval_policy, ...p } = s.params;
  return {
    id: String(s.id),
    scheduled_at: s.scheduled_at,
    params: {
      ...p,
      ...(quote_approval_policy === null ? {} : { quote_approval_policy }),
      // Required by the spec and "for historical compatibility only": a number, as Mastodon.
      application_id: p.application_id === null ? 0 : Number(p.application_id),
      scheduled_at: null,
      idempotency: null,
      with_rate_limit: false,
    },
    media_attachments: loaded.media.map((m) => presentMediaAttachment(m, mediaUrl)),
  };
}
