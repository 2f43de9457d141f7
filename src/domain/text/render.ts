// Plain text as people type it → the HTML Mastodon produces (TextFormatter), which clients
// style by its classes: links shortened for display with `invisible`/`ellipsis` spans,
// mentions as h-cards, hashtags linking to the tag page, paragraphs and line breaks.
import { type TextToken, tokenize } from "./tokenize.ts";

export interface ResolvedMention {
  /** The account's profile page. */
  url: string;
  /** The username as the account spells it. */
  username: string;
}

export interface RenderOptions {
  /** e.g. https://hearth.example — hashtags link to `${baseUrl}/tags/<name>`. */
  baseUrl: string;
  /** Mentions that name a known account, keyed by mentionKey(); others stay plain text. */
  mentions?: ReadonlyMap<string, ResolvedMention>;
  /** rel of links; profile field values use "me nofollow noopener" for verification. */
  linkRel?: string;
}

/** The lookup key of a mention: `user` for a local one, `user@domain` otherwise, lower case. */
export function mentionKey(username: string, domain: string | null): string {
  return (domain === null ? username : `${username}@${domain}`).toLowerCase();
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[c]};`,
  );
}

const DISPLAY_LENGTH = 30;

function renderUrl(url: string, rel: string): string {
  const prefix = /^https?:\/\/(?:www\.)?/i.exec(url)?.[0] ?? "";
  const rest = url.slice(prefix.length);
  const display = rest.slice(0, DISPLAY_LENGTH);
  const cut = rest.length > DISPLAY_LENGTH;
  const href = escapeHtml(url);
  return (
    `<a href="${href}" target="_blank" rel="${escapeHtml(rel)}" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span>` +
    `<span class="${cut ? "ellipsis" : ""}">${escapeHtml(display)}</span>` +
    `<span class="invisible">${escapeHtml(rest.slice(DISPLAY_LENGTH))}</span></a>`
  );
}

function renderToken(token: TextToken, options: RenderOptions): string {
  switch (token.type) {
    case "text":
      return escapeHtml(token.value);
    case "url":
      return renderUrl(token.value, options.linkRel ?? "nofollow noopener");
    case "hashtag":
      return `<a href="${escapeHtml(options.baseUrl)}/tags/${encodeURIComponent(token.name)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(token.name)}</span></a>`;
    case "mention": {
      const found = options.mentions?.get(mentionKey(token.username, token.domain));
      if (found === undefined) return escapeHtml(token.value);
      return `<span class="h-card" translate="no"><a href="${escapeHtml(found.url)}" class="u-url mention">@<span>${escapeHtml(found.username)}</span></a></span>`;
    }
  }
}

/** One run of text to HTML, without paragraphs (profile field values). */
export function renderInline(text: string, options: RenderOptions): string {
  return tokenize(text)
    .map((token) => renderToken(token, options))
    .join("");
}

/** Renders text to HTML: blank lines make paragraphs, single line breaks `<br />`. */
export function renderText(text: string, options: RenderOptions): string {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  if (normalized === "") return "";
  return normalized
    .split(/\n{2,}/)
    .map((paragraph) => {
      const lines = paragraph.split(/[ \t]*\n[ \t]*/).map((line) => renderInline(line, options));
      return `<p>${lines.join("<br />")}</p>`;
    })
    .join("");
}
