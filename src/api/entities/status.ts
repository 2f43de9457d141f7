// Status — https://docs.joinmastodon.org/entities/Status/
// A pure function of a hydrated status: every documented key, null or empty where the
// feature is not built yet (polls, cards, quotes, boosts, custom emoji, filters), and
// the per-viewer flags from hydration (favourited, bookmarked, pinned; reblogged and muted
// false until boosts and conversation mutes exist).

import type { LoadedStatus } from "../../services/statuses/load-statuses.ts";
import type { Account, CustomEmoji } from "./account.ts";
import { type MediaAttachmentEntity, presentMediaAttachment } from "./media-attachment.ts";

export interface StatusMention {
  id: string;
  username: string;
  url: string;
  acct: string;
}

export interface StatusTag {
  name: string;
  url: string;
}

export interface Status {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  edited_at: string | null;
  account: Account;
  content: string;
  visibility: string;
  sensitive: boolean;
  spoiler_text: string;
  media_attachments: MediaAttachmentEntity[];
  application: { name: string; website: string | null } | null;
  mentions: StatusMention[];
  tags: StatusTag[];
  emojis: CustomEmoji[];
  reblogs_count: number;
  favourites_count: number;
  replies_count: number;
  quotes_count: number;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  reblog: Status | null;
  poll: null;
  card: null;
  quote: null;
  quote_approval: {
    automatic: string[];
    manual: string[];
    current_user: "automatic" | "manual" | "denied" | "unknown";
  };
  language: string | null;
  favourited?: boolean;
  reblogged?: boolean;
  muted?: boolean;
  bookmarked?: boolean;
  pinned?: boolean;
  filtered?: unknown[];
  /** Only in answers to delete (and later /source): the text as typed. */
  text?: string | null;
}

export interface StatusExtras {
  baseUrl: string;
  /** The author as an Account entity (api/v1/accounts/hydrate.ts makes it). */
  account: Account;
  /** The signed-in viewer, if any: the per-viewer flags appear only for one. */
  viewerId: string | null;
  /** URL of a stored file (AppContext.storage.url). */
  mediaUrl: (key: string) => string;
  /** Include `text` (delete-and-redraft). */
  withSource?: boolean;
}

export function toStatus(loaded: LoadedStatus, extras: StatusExtras): Status {
  const s = loaded.status;
  const publicish = s.visibility === "public" || s.visibility === "unlisted";
  const status: Status = {
    id: String(s.id),
    uri: s.uri,
    url: s.url,
    created_at: s.created_at,
    edited_at: s.edited_at,
    account: extras.account,
    content: s.content,
    visibility: s.visibility,
    sensitive: Boolean(s.sensitive),
    spoiler_text: s.spoiler_text,
    media_attachments: loaded.media.map((m) => presentMediaAttachment(m, extras.mediaUrl)),
    application: loaded.application,
    mentions: loaded.mentions.map((m) => ({
      id: m.accountId,
      username: m.username,
      url: m.url ?? `${extras.baseUrl}/@${m.username}`,
      acct: m.domain === null ? m.username : `${m.username}@${m.domain}`,
    })),
    tags: loaded.tags.map((t) => ({
      name: t.displayName,
      url: `${extras.baseUrl}/tags/${encodeURIComponent(t.name)}`,
    })),
    emojis: [],
    reblogs_count: Number(s.reblogs_count),
    favourites_count: Number(s.favourites_count),
    replies_count: Number(s.replies_count),
    quotes_count: 0,
    in_reply_to_id: s.in_reply_to_id === null ? null : String(s.in_reply_to_id),
    in_reply_to_account_id:
      s.in_reply_to_account_id === null ? null : String(s.in_reply_to_account_id),
    reblog: null,
    poll: null,
    card: null,
    quote: null,
    // Quote policies come with quote posts; until then nobody may quote, and a private or
    // direct post never can (as Mastodon).
    quote_approval: {
      automatic: [],
      manual: [],
      current_user: publicish ? "unknown" : "denied",
    },
    language: s.language,
  };
  if (extras.viewerId !== null) {
    status.favourited = loaded.favourited;
    status.reblogged = false;
    status.muted = false;
    status.bookmarked = loaded.bookmarked;
    // Only pinnable statuses (the viewer's own public or unlisted ones) carry `pinned`.
    if (s.account_id === extras.viewerId && publicish) status.pinned = loaded.pinned;
    status.filtered = [];
  }
  if (extras.withSource) status.text = s.text;
  return status;
}
