// Small pieces the public pages share: where an account's and a post's pages are, pictures,
// custom emoji in names and HTML, plain-text excerpts for meta tags, dates.
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { MISSING_AVATAR_PATH, MISSING_HEADER_PATH } from "../../assets/manifest.ts";
import type { AppContext } from "../../context.ts";
import { escapeHtml, htmlToText, sanitizeHtml } from "../../domain/text/sanitize-html.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import type { EmojiRow } from "../../repos/custom-emojis.ts";
import type { StatusRow } from "../../repos/statuses.ts";

/** `alice` for ours, `carol@remote.example` for others. */
export function acctOf(account: AccountRow): string {
  return account.domain === null ? account.username : `${account.username}@${account.domain}`;
}

/** The full address, `@alice@hearth.example`. */
export function handleOf(ctx: AppContext, account: AccountRow): string {
  return `@${account.username}@${account.domain ?? ctx.config.domain}`;
}

/** The account's page on this server (remote accounts too: a visitor stays here). */
export function profilePath(account: AccountRow): string {
  return `/@${acctOf(account)}`;
}

export function statusPath(account: AccountRow, status: StatusRow): string {
  return `${profilePath(account)}/${status.id}`;
}

/** Where the account or post lives: ours, or its own server's page. */
export function canonicalProfileUrl(ctx: AppContext, account: AccountRow): string {
  return account.domain === null
    ? `${ctx.config.baseUrl}/@${account.username}`
    : (account.url ?? account.uri);
}

export function canonicalStatusUrl(ctx: AppContext, account: AccountRow, status: StatusRow) {
  return status.local
    ? `${ctx.config.baseUrl}${statusPath(account, status)}`
    : (status.url ?? status.uri);
}

/** Avatar or header as the API shows them: stored, linked (remote) or the default picture. */
export function pictureUrl(ctx: AppContext, account: AccountRow, which: "avatar" | "header") {
  const key =
    which === "avatar"
      ? (account.avatar_static_key ?? account.avatar_key)
      : (account.header_static_key ?? account.header_key);
  const remote = which === "avatar" ? account.avatar_remote_url : account.header_remote_url;
  if (account.suspended_at === null && key !== null) return ctx.storage.url(key);
  if (account.suspended_at === null && remote !== null) return remote;
  return `${ctx.config.baseUrl}${which === "avatar" ? MISSING_AVATAR_PATH : MISSING_HEADER_PATH}`;
}

function emojiImage(ctx: AppContext, emoji: EmojiRow): string {
  const src = emoji.image_remote_url ?? ctx.storage.url(emoji.static_key);
  const code = escapeHtml(emoji.shortcode);
  return `<img class="emoji" src="${escapeHtml(src)}" alt=":${code}:" title=":${code}:" draggable="false" />`;
}

/**
 * `:shortcode:` → the emoji's picture, in the text between tags only (never inside a tag or an
 * attribute). `safeHtml` is HTML we made or sanitized (domain/text/): its attribute values
 * have `>` escaped, so splitting on tags is exact.
 */
export function emojify(
  ctx: AppContext,
  safeHtml: string,
  emojis: readonly EmojiRow[] = [],
): string {
  if (emojis.length === 0 || !safeHtml.includes(":")) return safeHtml;
  const byCode = new Map(emojis.map((e) => [e.shortcode, e]));
  return safeHtml
    .split(/(<[^>]*>)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/:([a-zA-Z0-9_]{2,}):/g, (whole, code: string) => {
            const emoji = byCode.get(code);
            return emoji === undefined ? whole : emojiImage(ctx, emoji);
          }),
    )
    .join("");
}

/** A display name (plain text, possibly hostile) with its custom emoji, escaped. */
export function nameHtml(
  ctx: AppContext,
  account: AccountRow,
  emojis: readonly EmojiRow[] = [],
): HtmlEscapedString {
  return raw(emojify(ctx, escapeHtml(displayName(account)), emojis)) as HtmlEscapedString;
}

export function displayName(account: AccountRow): string {
  return account.display_name.trim() === "" ? account.username : account.display_name;
}

/**
 * HTML of posts, bios and fields, with custom emoji. It was sanitized (remote) or rendered by us
 * (local) when stored; it goes through the sanitizer once more here, so a page never trusts a
 * row it did not check itself.
 */
export function richHtml(ctx: AppContext, storedHtml: string, emojis: readonly EmojiRow[] = []) {
  return raw(emojify(ctx, sanitizeHtml(storedHtml), emojis)) as HtmlEscapedString;
}

/** rel="me" on every link of a profile field (verification links work both ways). */
export function withRelMe(safeHtml: string): string {
  return safeHtml.replace(/<a\b([^>]*)>/g, (_whole, attrs: string) => {
    const rel = /\srel="([^"]*)"/.exec(attrs);
    if (rel === null) return `<a${attrs} rel="me nofollow noopener noreferrer">`;
    const words = rel[1]?.split(/\s+/).filter((w) => w !== "") ?? [];
    if (words.includes("me")) return `<a${attrs}>`;
    return `<a${attrs.replace(rel[0], ` rel="${["me", ...words].join(" ")}"`)}>`;
  });
}

/** Plain text of HTML, cut at `max` characters for meta descriptions. */
export function excerpt(safeHtml: string, max = 300): string {
  const text = htmlToText(safeHtml).replace(/\s+/g, " ").trim();
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

const DATE = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function dateOf(iso: string) {
  return DATE.format(new Date(iso));
}

export function timeTag(iso: string, className?: string) {
  const label = DATE_TIME.format(new Date(iso));
  return className === undefined
    ? html`<time datetime="${iso}">${label}</time>`
    : html`<time class="${className}" datetime="${iso}">${label}</time>`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}
