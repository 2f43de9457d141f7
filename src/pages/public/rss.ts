// RSS 2.0 feeds: /@alice.rss (the account's 20 newest public posts, no boosts, no replies to
// others; local accounts only, as Mastodon) and /tags/:name.rss (public posts with the tag, as
// far as anonymous visitors may read the topic feed). A post's HTML goes in <description>,
// its content warning in <title>, its media as <enclosure>s.
import type { Context } from "hono";
import { html } from "hono/html";
import type { Env } from "../../api/env.ts";
import type { MediaRow } from "../../repos/media.ts";
import { FEED_ITEMS, loadAccountFeed } from "../../services/public-pages/account-feed.ts";
import { findPublicAccount } from "../../services/public-pages/find-public-account.ts";
import { loadTagPage } from "../../services/public-pages/tag-page.ts";
import type { LoadedStatus } from "../../services/statuses/load-statuses.ts";
import { canonicalStatusUrl, displayName, handleOf, pictureUrl } from "./format.ts";

type C = Context<Env>;

const MIME: Record<MediaRow["type"], string> = {
  image: "image/jpeg",
  gifv: "video/mp4",
  video: "video/mp4",
  audio: "audio/mpeg",
  unknown: "application/octet-stream",
};

/** RFC 822 dates, as RSS 2.0 asks. */
const rfc822 = (iso: string) => new Date(iso).toUTCString();

function enclosures(c: C, loaded: LoadedStatus) {
  return loaded.media.flatMap((m) => {
    const done = m.processing === "done" && m.file_key !== null;
    const url = done ? c.var.ctx.storage.url(m.file_key as string) : m.remote_url;
    if (url === null) return [];
    const type = (done ? m.file_content_type : null) ?? MIME[m.type];
    return [html`<enclosure url="${url}" length="${m.file_size ?? 0}" type="${type}" />`];
  });
}

function item(c: C, loaded: LoadedStatus) {
  const s = loaded.status;
  const url = canonicalStatusUrl(c.var.ctx, loaded.account.account, s);
  return html`<item>
      <guid isPermaLink="true">${url}</guid>
      <link>${url}</link>
      <pubDate>${rfc822(s.created_at)}</pubDate>
      ${s.spoiler_text === "" ? "" : html`<title>${s.spoiler_text}</title>`}
      <description>${s.content}</description>
      ${enclosures(c, loaded)}
      ${loaded.tags.map((t) => html`<category>${t.displayName}</category>`)}
    </item>`;
}

interface Channel {
  title: string;
  description: string;
  link: string;
  self: string;
  image?: string;
}

async function rss(c: C, channel: Channel, items: LoadedStatus[]) {
  const built = await html`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:webfeeds="http://webfeeds.org/rss/1.0">
  <channel>
    <title>${channel.title}</title>
    <description>${channel.description}</description>
    <link>${channel.link}</link>
    <atom:link href="${channel.self}" rel="self" type="application/rss+xml" />
    ${
      channel.image === undefined
        ? ""
        : html`<image><url>${channel.image}</url><title>${channel.title}</title><link>${channel.link}</link></image>
    <webfeeds:icon>${channel.image}</webfeeds:icon>`
    }
    ${items[0] === undefined ? "" : html`<lastBuildDate>${rfc822(items[0].status.created_at)}</lastBuildDate>`}
    <generator>Hearth</generator>
    ${items.map((l) => item(c, l))}
  </channel>
</rss>`;
  // XML 1.0 has no place for most control characters, which names and posts may hold.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is removed
  const xml = String(built).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
  c.header("Content-Type", "application/rss+xml; charset=utf-8");
  c.header("Cache-Control", "public, max-age=60");
  return c.body(xml);
}

export async function accountRss(c: C, address: string) {
  const ctx = c.var.ctx;
  const found = await findPublicAccount(ctx, address);
  if (found.type === "gone") return c.text("Gone", 410);
  // Remote accounts have their own feeds on their own servers.
  if (found.type === "not-found" || found.account.account.domain !== null)
    return c.text("Not found", 404);
  const a = found.account.account;
  const link = `${ctx.config.baseUrl}/@${a.username}`;
  return rss(
    c,
    {
      title: displayName(a),
      description: `Public posts from ${handleOf(ctx, a)}`,
      link,
      self: `${link}.rss`,
      image: pictureUrl(ctx, a, "avatar"),
    },
    await loadAccountFeed(ctx, a.id),
  );
}

export async function tagRss(c: C, rawName: string) {
  const ctx = c.var.ctx;
  const result = await loadTagPage(ctx, null, rawName, { limit: FEED_ITEMS });
  // Nothing readable without signing in: feed readers cannot sign in.
  if (result.type !== "ok") return c.text("Not found", 404);
  const link = `${ctx.config.baseUrl}/tags/${encodeURIComponent(result.name)}`;
  return rss(
    c,
    {
      title: `#${result.displayName}`,
      description: `Public posts tagged #${result.displayName}`,
      link,
      self: `${link}.rss`,
    },
    result.statuses,
  );
}
