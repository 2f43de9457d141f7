// Status — https://docs.joinmastodon.org/entities/Status/
// A pure function of a hydrated status: every documented key, null or empty where the
// feature is not built yet, and
// the per-viewer flags from hydration (favourited, reblogged, muted, bookmarked, pinned).
// A boost nests its original in `reblog`, serialized by this same function.

import type { LoadedAccount } from "../../services/profiles/load-accounts.ts";
import type { LoadedStatus } from "../../services/statuses/load-statuses.ts";
import type { Account, CustomEmoji } from "./account.ts";
import { toCustomEmoji } from "./custom-emoji.ts";
import { type FilterResultEntity, toFilterResult } from "./filter.ts";
import type { FilterStatusMatch } from "./filter-types.ts";
import { type MediaAttachmentEntity, presentMediaAttachment } from "./media-attachment.ts";
import { type PollEntity, toPoll } from "./poll.ts";
import { type PreviewCardEntity, toPreviewCard } from "./preview-card.ts";
import { type QuoteApprovalEntity, type QuoteEntity, toQuote, toQuoteApproval } from "./quote.ts";

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
  poll: PollEntity | null;
  card: PreviewCardEntity | null;
  quote: QuoteEntity | null;
  quote_approval: QuoteApprovalEntity;
  language: string | null;
  favourited?: boolean;
  reblogged?: boolean;
  muted?: boolean;
  bookmarked?: boolean;
  pinned?: boolean;
  filtered?: FilterResultEntity[];
  /** Only in answers to delete (and later /source): the text as typed. */
  text?: string | null;
}

export interface StatusExtras {
  baseUrl: string;
  /** An author as an Account entity (api/v1/accounts/hydrate.ts makes it), nested ones too. */
  presentAccount: (account: LoadedAccount) => Account;
  /** The signed-in viewer, if any: the per-viewer flags appear only for one. */
  viewerId: string | null;
  /** URL of a stored file (AppContext.storage.url). */
  mediaUrl: (key: string) => string;
  /** Include `text` (delete-and-redraft). */
  withSource?: boolean;
  /** The viewer's filters matching each status, by status id (services/filters/apply-filters.ts). */
  filtered?: ReadonlyMap<string, readonly FilterStatusMatch[]>;
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
    account: extras.presentAccount(loaded.account),
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
    emojis: loaded.emojis.map((e) => toCustomEmoji(e, extras.mediaUrl)),
    reblogs_count: Number(s.reblogs_count),
    favourites_count: Number(s.favourites_count),
    replies_count: Number(s.replies_count),
    quotes_count: Number(s.quotes_count),
    in_reply_to_id: s.in_reply_to_id === null ? null : String(s.in_reply_to_id),
    in_reply_to_account_id:
      s.in_reply_to_account_id === null ? null : String(s.in_reply_to_account_id),
    // Nested statuses (a boost's original) go through the same function, flags included.
    reblog:
      loaded.reblog === null ? null : toStatus(loaded.reblog, { ...extras, withSource: false }),
    poll: loaded.poll === null ? null : toPoll(loaded.poll, extras.viewerId),
    card: loaded.card === null ? null : toPreviewCard(loaded.card),
    // A quote nests its quoted post (entities/quote.ts), flags included, never its source.
    quote: toQuote(loaded.quote, (quoted) => toStatus(quoted, { ...extras, withSource: false })),
    quote_approval: toQuoteApproval(loaded),
    language: s.language,
  };
  if (extras.viewerId !== null) {
    status.favourited = loaded.favourited;
    status.reblogged = loaded.reblogged;
    status.muted = loaded.muted;
    status.bookmarked = loaded.bookmarked;
    // Only pinnable statuses (the viewer's own public or unlisted ones) carry `pinned`.
    if (s.account_id === extras.viewerId && publicish) status.pinned = loaded.pinned;
    status.filtered = (extras.filtered?.get(String(s.id)) ?? []).map(toFilterResult);
  }
  if (extras.withSource) status.text = s.text;
  return status;
}
