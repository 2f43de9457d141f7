// A post object of another server (Note, Question, Article, Page, Video…) as the plain data
// services/federation/receive-status.ts stores. Visibility comes from addressing (Mastodon's
// rules, research/federation.md §4.1): Public in `to` → public, in `cc` → unlisted; the
// author's followers collection → private; otherwise direct, with every addressed account we
// know added as a (silent) mention so exactly they can read it.
import type { Context } from "@fedify/fedify";
import {
  type Object as APObject,
  Article,
  Document,
  Emoji,
  Hashtag,
  LanguageString,
  Link,
  Mention,
  Note,
  PUBLIC_COLLECTION,
  Question,
} from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { escapeHtml } from "../../domain/text/sanitize-html.ts";
import type { Visibility } from "../../domain/user-settings.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { findAccountsByUris, type RemoteEmoji } from "../../repos/remote-objects.ts";
import type {
  RemoteMediaData,
  RemotePollData,
  RemoteStatusData,
} from "../../services/federation/receive-status.ts";
import { acceptsMediaFrom } from "../../services/instance-domain-blocks/policy.ts";
import { resolveRemoteAccount, signedLoader, webHref } from "../remote-actor.ts";
import { quotePolicyOf, rawMediaDetails, rawObjectOf } from "./raw-media.ts";

/** Unknown mentioned accounts fetched for one incoming post. */
const MENTIONS_FETCHED = 5;

const PUBLIC = new Set([PUBLIC_COLLECTION.href, "as:Public", "Public"]);

export function visibilityOf(
  to: readonly URL[],
  cc: readonly URL[],
  followersUrl: string | null,
): Visibility {
  if (to.some((u) => PUBLIC.has(u.href))) return "public";
  if (cc.some((u) => PUBLIC.has(u.href))) return "unlisted";
  if (followersUrl !== null && [...to, ...cc].some((u) => u.href === followersUrl))
    return "private";
  return "direct";
}

const iso = (instant: { toString(): string }) => new Date(instant.toString()).toISOString();

/** An `Emoji` tag (name `:code:`, icon image) as a row to store; null when incomplete. */
export async function emojiOf(
  tag: Emoji,
  opts: Parameters<Emoji["getIcon"]>[0],
): Promise<RemoteEmoji | null> {
  const icon = await tag.getIcon(opts).catch(() => null);
  const url = webHref(icon?.url);
  const shortcode = str(tag.name).replace(/^:|:$/g, "");
  if (url === null || shortcode === "") return null;
  return { shortcode, uri: tag.id?.href ?? url, url };
}

function str(value: unknown): string {
  return value == null ? "" : String(value);
}

function languageOf(object: APObject): string | null {
  for (const c of object.contents) {
    // Pleroma's `"@language": "und"` (undetermined) makes an Intl.Locale with no language.
    const language = c instanceof LanguageString ? c.locale.language : undefined;
    if (language !== undefined && language !== "und") return language.toLowerCase();
  }
  return null;
}

/** Mastodon shows Article, Page, Video, Event… as a status: the title, the text, a link. */
function contentOf(object: APObject): string {
  const content = str(object.content);
  if (object instanceof Note || object instanceof Question) return content;
  const name = str(object.name);
  const url = webHref(object.url) ?? object.id?.href ?? null;
  const title = name === "" ? "" : `<p><strong>${escapeHtml(name)}</strong></p>`;
  const link = url === null ? "" : `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
  // An Article's text is whole and long; Mastodon keeps the summary-like start (content).
  return object instanceof Article ? `${title}${content}${link}` : `${title}${content}${link}`;
}

async function pollOf(ctx: Context<AppContext>, q: Question): Promise<RemotePollData | null> {
  const documentLoader = await signedLoader(ctx);
  const opts = { documentLoader, suppressError: true };
  const options: string[] = [];
  const tallies: number[] = [];
  // Each option is a Note whose `replies.totalItems` is its count (Mastodon, Misskey…).
  const add = async (o: APObject) => {
    options.push(str(o.name));
    const replies = await o.getReplies(opts).catch(() => null);
    const total = replies?.totalItems ?? 0;
    tallies.push(Number.isSafeInteger(total) && total > 0 ? total : 0);
  };
  let multiple = false;
  for await (const o of q.getExclusiveOptions(opts)) if (options.length < 20) await add(o);
  if (options.length === 0) {
    multiple = true;
    for await (const o of q.getInclusiveOptions(opts)) if (options.length < 20) await add(o);
  }
  if (options.length === 0) return null;
  // `closed` is a time, or just true (Misskey polls may have no endTime at all).
  const closed =
    q.closed === true
      ? ctx.data.clock.now().toISOString()
      : q.closed !== null && typeof q.closed === "object"
        ? iso(q.closed)
        : null;
  return {
    options: options.map((o) => o.slice(0, 500)),
    multiple,
    expiresAt: q.endTime === null ? closed : iso(q.endTime),
    closedAt: closed,
    // Mastodon's votersCount; without it (older servers) a single-choice poll has one voter
    // per vote.
    votersCount: q.voters ?? (multiple ? 0 : tallies.reduce((a, b) => a + b, 0)),
    tallies,
  };
}

/**
 * The post's data for `author`. Tags and attachments embedded in the object are read as they
 * are (Fedify re-fetches any embedded object whose id is on another origin).
 */
export async function noteData(
  ctx: Context<AppContext>,
  object: APObject,
  author: AccountRow,
  /** The activity that carried the object (its JSON has what Fedify does not model). */
  container?: unknown,
): Promise<RemoteStatusData> {
  const raw = rawObjectOf(object, container);
  const documentLoader = await signedLoader(ctx);
  const opts = { documentLoader, suppressError: true };
  const mentionHrefs: string[] = [];
  const tags: string[] = [];
  const emojis: RemoteEmoji[] = [];
  for await (const tag of object.getTags(opts)) {
    if (tag instanceof Mention && tag.href !== null) mentionHrefs.push(tag.href.href);
    else if (tag instanceof Hashtag) tags.push(str(tag.name));
    else if (tag instanceof Emoji) {
      const emoji = await emojiOf(tag, opts);
      if (emoji !== null) emojis.push(emoji);
    }
  }
  const media: RemoteMediaData[] = [];
  const details = rawMediaDetails(raw);
  const withDetails = (url: string, width: number | null, height: number | null) => {
    const d = details.get(url);
    return {
      width: width ?? d?.width ?? null,
      height: height ?? d?.height ?? null,
      blurhash: d?.blurhash ?? null,
      focus: d?.focus ?? null,
    };
  };
  for await (const a of object.getAttachments(opts)) {
    if (a instanceof Link) {
      const url = webHref(a);
      if (url !== null)
        media.push({
          url,
          mediaType: a.mediaType,
          description: null,
          ...withDetails(url, a.width, a.height),
        });
    } else if (a instanceof Document) {
      const url = webHref(a.url);
      if (url === null) continue;
      media.push({
        url,
        mediaType: a.mediaType,
        description: str(a.name) || str(a.summary) || null,
        ...withDetails(url, a.width, a.height),
      });
    }
    if (media.length >= 16) break;
  }
  const to = object.toIds;
  const cc = object.ccIds;
  const visibility = visibilityOf(to, cc, author.followers_url);
  const addressed = [...to, ...cc, ...object.btoIds, ...object.bccIds].map((u) => u.href);
  const known = await findAccountsByUris(ctx.data.db, [...mentionHrefs, ...addressed]);
  // Mentioned accounts we do not know yet are fetched, as Mastodon's Create does, so that the
  // other people a DM names show up (and a reply-all reaches them); a few per post at most.
  const unknown = [...new Set(mentionHrefs)].filter((h) => !known.some((a) => a.uri === h));
  for (const href of unknown.slice(0, MENTIONS_FETCHED)) {
    const account = await resolveRemoteAccount(ctx, href);
    if (account !== null) known.push(account);
  }
  const byUri = new Map(known.map((a) => [a.uri, a.id]));
  const mentioned = mentionHrefs.flatMap((h) => byUri.get(h) ?? []);
  // Addressed without a Mention tag: they may read it but are not notified (silent).
  const silent =
    visibility === "direct" || visibility === "private"
      ? addressed.flatMap((h) => byUri.get(h) ?? [])
      : [];
  const summary = str(object.summary);
  // reject_media (instance domain blocks): attachments stay links of type `unknown`, as
  // Mastodon keeps them, and the domain's emoji are not taken in.
  if (author.domain !== null && !(await acceptsMediaFrom(ctx.data, author.domain))) {
    for (const m of media) Object.assign(m, { mediaType: null, blurhash: null, focus: null });
    emojis.length = 0;
  }
  return {
    uri: object.id!.href,
    url: webHref(object.url) ?? object.id!.href,
    accountId: author.id,
    content: contentOf(object),
    spoilerText: summary,
    sensitive: object.sensitive === true,
    language: languageOf(object),
    visibility,
    inReplyToUri: object.replyTargetId?.href ?? null,
    mentionedAccountIds: mentioned,
    silentAccountIds: silent,
    tags,
    media,
    poll: object instanceof Question ? await pollOf(ctx, object) : null,
    publishedAt: object.published === null ? null : iso(object.published),
    quotePolicy: quotePolicyOf(raw, author.followers_url),
    authorDomain: author.domain ?? "",
    emojis,
  };
}
