// Our posts as ActivityStreams: a Note (with Mastodon's addressing, mentions, hashtags and
// media), wrapped in a Create for the outbox; a boost becomes an Announce. Hydration is batched:
// a page of posts costs a fixed number of queries (mentions, tags, media, reply targets).
import type { Context } from "@fedify/fedify";
import {
  Announce,
  Create,
  Document,
  Hashtag,
  InteractionPolicy,
  InteractionRule,
  LanguageString,
  Mention,
  Note,
  PUBLIC_COLLECTION,
} from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { QUOTE_FLAGS } from "../domain/quote-policy.ts";
import type { EmojiRow } from "../repos/custom-emojis.ts";
import { findMentionTargets, findUrisByIds, type NoteMention } from "../repos/federation-reads.ts";
import { findMediaOfStatuses } from "../repos/media.ts";
import { findQuotesOfStatuses } from "../repos/quotes.ts";
import { findTagsOf } from "../repos/status-reads.ts";
import type { StatusRow } from "../repos/statuses.ts";
import { loadEmojis } from "../services/emojis/load-emojis.ts";
import { toEmojiTag } from "./emoji.ts";
import { instant } from "./temporal.ts";

type MediaRow = Awaited<ReturnType<typeof findMediaOfStatuses>>[number];

interface NoteParts {
  mentions: NoteMention[];
  emojis: EmojiRow[];
  tags: { name: string; displayName: string }[];
  media: MediaRow[];
  inReplyTo: string | null;
  /** The post this one quotes (FEP-044f), while the quote stands, and its stamp if any. */
  quote: { uri: string; approvalUri: string | null } | null;
}

/** Everything the Notes of these posts need beyond their rows: seven queries for any number. */
export async function loadNoteParts(
  app: AppContext,
  statuses: readonly StatusRow[],
): Promise<Map<string, NoteParts>> {
  const ids = statuses.map((s) => String(s.id));
  const parentIds = [
    ...new Set(statuses.flatMap((s) => (s.in_reply_to_id === null ? [] : [s.in_reply_to_id]))),
  ];
  const quoting = statuses.flatMap((s) => (s.quote_id === null ? [] : [String(s.id)]));
  const [mentions, tags, media, parents, emojis, quotes] = await Promise.all([
    findMentionTargets(app.db, ids),
    findTagsOf(app.db, ids),
    findMediaOfStatuses(app.db, ids),
    findUrisByIds(app.db, parentIds),
    loadEmojis(
      app,
      statuses.map((s) => ({ domain: null, texts: [s.text, s.spoiler_text] })),
    ),
    findQuotesOfStatuses(app.db, quoting),
  ]);
  // Mastodon sends `quote` while the quote stands (pending or accepted).
  const standing = quotes.filter(
    (q) => q.quoted_status_id !== null && (q.state === "accepted" || q.state === "pending"),
  );
  const quotedUris = await findUrisByIds(
    app.db,
    standing.map((q) => q.quoted_status_id as string),
  );
  return new Map(
    statuses.map((s, i) => {
      const id = String(s.id);
      return [
        id,
        {
          mentions: mentions.filter((m) => m.statusId === id),
          emojis: emojis[i] ?? [],
          tags: tags.filter((t) => t.statusId === id),
          media: media.filter((m) => String(m.status_id) === id),
          inReplyTo: s.in_reply_to_id === null ? null : (parents.get(s.in_reply_to_id) ?? null),
          quote: quoteOf(standing, quotedUris, id),
        },
      ];
    }),
  );
}

function quoteOf(
  quotes: { status_id: string; quoted_status_id: string | null; approval_uri: string | null }[],
  uris: Map<string, string>,
  statusId: string,
): NoteParts["quote"] {
  const q = quotes.find((row) => String(row.status_id) === statusId);
  const uri = q?.quoted_status_id == null ? undefined : uris.get(String(q.quoted_status_id));
  return q === undefined || uri === undefined ? null : { uri, approvalUri: q.approval_uri };
}

/**
 * `interactionPolicy.canQuote` from the stored policy (domain/quote-policy.ts): Public and the
 * followers collection for the flags set; with none, only the author (Mastodon's `nobody`).
 */
function quotePolicy(stored: number, actor: URL, followers: URL): InteractionPolicy {
  const urls = (half: number) => [
    ...((half & QUOTE_FLAGS.public) !== 0 ? [PUBLIC_COLLECTION] : []),
    ...((half & QUOTE_FLAGS.followers) !== 0 ? [followers] : []),
  ];
  const automatic = urls((stored >>> 16) & 0xffff);
  const manual = urls(stored & 0xffff);
  return new InteractionPolicy({
    canQuote: new InteractionRule({
      automaticApprovals: automatic.length === 0 ? [actor] : automatic,
      manualApprovals: manual,
    }),
  });
}

/** Mastodon's addressing: who a post of this visibility is to and cc. */
function addressing(status: StatusRow, followers: URL, mentioned: URL[]): { to: URL[]; cc: URL[] } {
  switch (status.visibility) {
    case "public":
      return { to: [PUBLIC_COLLECTION], cc: [followers, ...mentioned] };
    case "unlisted":
      return { to: [followers], cc: [PUBLIC_COLLECTION, ...mentioned] };
    case "private":
      return { to: [followers], cc: mentioned };
    default:
      return { to: mentioned, cc: [] };
  }
}

function attachment(app: AppContext, m: MediaRow): Document | null {
  if (m.file_key === null) return null;
  const values = {
    mediaType: m.file_content_type,
    url: new URL(app.storage.url(m.file_key)),
    name: m.description === null || m.description === "" ? null : m.description,
    width: m.meta?.original?.width ?? null,
    height: m.meta?.original?.height ?? null,
  };
  // Mastodon sends every attachment as a Document; the mediaType tells what it is.
  return new Document(values);
}

/** The Note of one of our posts (`parts` from loadNoteParts). */
export function toNote(
  app: AppContext,
  ctx: Context<AppContext>,
  status: StatusRow,
  parts: NoteParts,
): Note {
  const author = String(status.account_id);
  const mentioned = parts.mentions.map((m) => new URL(m.uri));
  const { to, cc } = addressing(status, ctx.getFollowersUri(author), mentioned);
  const content = status.content;
  const quote = parts.quote === null ? null : new URL(parts.quote.uri);
  return new Note({
    id: new URL(status.uri),
    attribution: ctx.getActorUri(author),
    tos: to,
    ccs: cc,
    published: instant(status.created_at),
    updated: status.edited_at === null ? null : instant(status.edited_at),
    url: status.url === null ? null : new URL(status.url),
    replyTarget: parts.inReplyTo === null ? null : new URL(parts.inReplyTo),
    summary: status.spoiler_text === "" ? null : status.spoiler_text,
    sensitive: Boolean(status.sensitive),
    contents:
      status.language === null
        ? [content]
        : [content, new LanguageString(content, status.language)],
    attachments: parts.media.flatMap((m) => attachment(app, m) ?? []),
    // FEP-044f `quote`; Fedify adds `quoteUri` and `_misskey_quote` for older software.
    quote,
    quoteUrl: quote,
    quoteAuthorization: parts.quote?.approvalUri == null ? null : new URL(parts.quote.approvalUri),
    interactionPolicy: quotePolicy(
      Number(status.quote_approval_policy),
      ctx.getActorUri(author),
      ctx.getFollowersUri(author),
    ),
    tags: [
      ...parts.mentions.map((m) => new Mention({ href: new URL(m.uri), name: `@${m.acct}` })),
      ...parts.tags.map(
        (t) =>
          new Hashtag({
            href: new URL(`${app.config.baseUrl}/tags/${encodeURIComponent(t.name)}`),
            name: `#${t.displayName || t.name}`,
          }),
      ),
      ...parts.emojis.map((e) => toEmojiTag(app, e)),
    ],
  });
}

/** The activity the outbox lists for a post: Create of its Note, or Announce for a boost. */
export function toOutboxActivity(
  app: AppContext,
  ctx: Context<AppContext>,
  status: StatusRow,
  parts: NoteParts,
  reblogOfUri: string | null,
): Create | Announce {
  const author = String(status.account_id);
  if (status.reblog_of_id !== null && reblogOfUri !== null) {
    const { to, cc } = addressing(status, ctx.getFollowersUri(author), []);
    return new Announce({
      id: new URL(`${status.uri}/activity`),
      actor: ctx.getActorUri(author),
      object: new URL(reblogOfUri),
      published: instant(status.created_at),
      tos: to,
      ccs: cc,
    });
  }
  const note = toNote(app, ctx, status, parts);
  return new Create({
    id: new URL(`${status.uri}/activity`),
    actor: ctx.getActorUri(author),
    object: note,
    published: instant(status.created_at),
    tos: note.toIds,
    ccs: note.ccIds,
  });
}
