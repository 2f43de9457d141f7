// StatusEdit — https://docs.joinmastodon.org/entities/StatusEdit/
// StatusSource — https://docs.joinmastodon.org/entities/StatusSource/
// Pure serializers: a revision from the history service (its media already carry the
// description and focus they had then), and a post's source text for editing.
import type { StatusRow } from "../../services/statuses/common.ts";
import type { Revision } from "../../services/statuses/history.ts";
import type { Account, CustomEmoji } from "./account.ts";
import { toCustomEmoji } from "./custom-emoji.ts";
import { type MediaAttachmentEntity, presentMediaAttachment } from "./media-attachment.ts";

export interface StatusEditEntity {
  content: string;
  spoiler_text: string;
  sensitive: boolean;
  created_at: string;
  account: Account;
  /** The poll's options at this revision (titles only, as Mastodon). */
  poll: { options: { title: string }[] } | null;
  media_attachments: MediaAttachmentEntity[];
  emojis: CustomEmoji[];
}

export interface StatusSourceEntity {
  id: string;
  text: string;
  spoiler_text: string;
}

export function toStatusEdit(
  revision: Revision,
  account: Account,
  mediaUrl: (key: string) => string,
): StatusEditEntity {
  return {
    content: revision.content,
    spoiler_text: revision.spoilerText,
    sensitive: revision.sensitive,
    created_at: revision.createdAt,
    account,
    poll:
      revision.pollOptions === null
        ? null
        : { options: revision.pollOptions.map((title) => ({ title })) },
    media_attachments: revision.media.map((m) => presentMediaAttachment(m, mediaUrl)),
    emojis: revision.emojis.map((e) => toCustomEmoji(e, mediaUrl)),
  };
}

export function toStatusSource(status: StatusRow): StatusSourceEntity {
  return { id: String(status.id), text: status.text, spoiler_text: status.spoiler_text };
}
