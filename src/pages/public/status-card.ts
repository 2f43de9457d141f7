// One post as the public pages show it, marked up as an h-entry: author (h-card), date,
// content warning and sensitive media collapsed in <details> (no script needed to open them),
// media with their descriptions, a read-only poll, the quoted post, the edit marker and counts.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { AppContext } from "../../context.ts";
import { showsTotals } from "../../domain/polls.ts";
import { escapeHtml } from "../../domain/text/sanitize-html.ts";
import type { MediaRow } from "../../repos/media.ts";
import type { LoadedPoll } from "../../services/polls/common.ts";
import type { LoadedStatus } from "../../services/statuses/load-statuses.ts";
import {
  handleOf,
  nameHtml,
  pictureUrl,
  plural,
  profilePath,
  richHtml,
  statusPath,
  timeTag,
} from "./format.ts";

export interface CardOptions {
  /** The post the page is about (a thread's focus): marked, and its date links to the original. */
  focus?: boolean;
}

function mediaUrl(ctx: AppContext, m: MediaRow): string | null {
  return m.processing === "done" && m.file_key !== null
    ? ctx.storage.url(m.file_key)
    : m.remote_url;
}

function attachment(ctx: AppContext, m: MediaRow) {
  const url = mediaUrl(ctx, m);
  if (url === null) return "";
  const preview =
    m.processing === "done" && m.preview_key !== null ? ctx.storage.url(m.preview_key) : url;
  const alt = m.description ?? "";
  const size = m.meta?.small ?? m.meta?.original;
  switch (m.type) {
    case "image":
      return html`<a href="${url}"><img src="${preview}" alt="${alt}" title="${alt}" loading="lazy" ${
        size?.width && size.height ? html`width="${size.width}" height="${size.height}"` : ""
      } /></a>`;
    case "gifv":
    case "video":
      return html`<video src="${url}" poster="${preview === url ? "" : preview}" controls preload="none" aria-label="${alt}" title="${alt}"></video>`;
    case "audio":
      return html`<audio src="${url}" controls preload="none" aria-label="${alt}" title="${alt}"></audio>`;
    default:
      return html`<a href="${url}">${alt || "Attachment"}</a>`;
  }
}

function mediaBlock(ctx: AppContext, loaded: LoadedStatus) {
  if (loaded.media.length === 0) return "";
  const grid = html`<div class="media">${loaded.media.map((m) => attachment(ctx, m))}</div>`;
  if (!loaded.status.sensitive) return grid;
  return html`<details class="sensitive">
    <summary>Sensitive media (${plural(loaded.media.length, "attachment", "attachments")})</summary>
    ${grid}
  </details>`;
}

function pollBlock(poll: LoadedPoll | null) {
  if (poll === null) return "";
  const p = poll.poll;
  const shown = showsTotals(Boolean(p.hide_totals), poll.expired);
  const total = poll.tallies.reduce((a, b) => a + b, 0);
  const voters = Number(p.voters_count);
  return html`<div class="poll">
    <ul>
      ${p.options.map((title, i) => {
        const votes = poll.tallies[i] ?? 0;
        const percent = total === 0 ? 0 : Math.round((votes / total) * 100);
        return shown
          ? html`<li><span>${title}</span> <span class="muted">${percent}% (${plural(votes, "vote", "votes")})</span><meter min="0" max="100" value="${percent}"></meter></li>`
          : html`<li>${title}</li>`;
      })}
    </ul>
    <p class="muted">
      ${plural(voters, "person", "people")} ·
      ${
        poll.expired
          ? "Closed"
          : p.expires_at === null
            ? "Open"
            : html`Ends ${timeTag(p.expires_at)}`
      }
    </p>
  </div>`;
}

function body(ctx: AppContext, loaded: LoadedStatus) {
  const s = loaded.status;
  const lang = s.language === null ? "" : html` lang="${s.language}"`;
  const content = html`<div class="e-content content"${lang}>${richHtml(ctx, s.content, loaded.emojis)}</div>
    ${mediaBlock(ctx, loaded)} ${pollBlock(loaded.poll)}`;
  if (s.spoiler_text === "") return content;
  return html`<details class="cw">
    <summary><span class="p-summary">${richHtml(ctx, escapeHtml(s.spoiler_text), loaded.emojis)}</span></summary>
    ${content}
  </details>`;
}

function quoteBlock(ctx: AppContext, loaded: LoadedStatus) {
  const quoted = loaded.quote?.quoted;
  if (quoted == null) return "";
  const a = quoted.account.account;
  return html`<blockquote class="quote">
    <p><a href="${statusPath(a, quoted.status)}">Quoting ${nameHtml(ctx, a, quoted.account.emojis)}</a></p>
    ${body(ctx, quoted)}
  </blockquote>`;
}

/** One post, or a boost: the booster's line, then the original. */
export function statusCard(
  ctx: AppContext,
  loaded: LoadedStatus,
  options: CardOptions = {},
): HtmlEscapedString | Promise<HtmlEscapedString> {
  if (loaded.reblog !== null) {
    const booster = loaded.account.account;
    return html`<div class="boost">
      <p class="boosted-by"><a href="${profilePath(booster)}">${nameHtml(ctx, booster, loaded.account.emojis)}</a> boosted</p>
      ${statusCard(ctx, loaded.reblog)}
    </div>`;
  }
  const s = loaded.status;
  const a = loaded.account.account;
  const path = statusPath(a, s);
  return html`<article class="status h-entry${options.focus ? " focus" : ""}" id="status-${s.id}">
    <header>
      <a class="p-author h-card" href="${profilePath(a)}">
        <img class="avatar u-photo" src="${pictureUrl(ctx, a, "avatar")}" alt="" width="40" height="40" />
      </a>
      <span class="who">
        <a href="${profilePath(a)}"><bdi class="p-name"><strong>${nameHtml(ctx, a, loaded.account.emojis)}</strong></bdi></a>
        <span class="handle">${handleOf(ctx, a)}</span>
      </span>
      <a class="u-url u-uid" href="${options.focus && !s.local && s.url !== null ? s.url : path}">${timeTag(s.created_at, "dt-published")}</a>
    </header>
    ${
      s.in_reply_to_id === null
        ? ""
        : html`<p class="muted">In reply to a <a class="u-in-reply-to" href="${replyHref(s.in_reply_to_id, s.in_reply_to_account_id, a.id, path)}">post</a></p>`
    }
    ${body(ctx, loaded)} ${quoteBlock(ctx, loaded)}
    <footer>
      <span>${plural(Number(s.replies_count), "reply", "replies")}</span>
      <span>${plural(Number(s.reblogs_count), "boost", "boosts")}</span>
      <span>${plural(Number(s.favourites_count), "favourite", "favourites")}</span>
      ${s.edited_at === null ? "" : html`<span>Edited ${timeTag(s.edited_at, "dt-updated")}</span>`}
      ${s.visibility === "unlisted" ? html`<span>Unlisted</span>` : ""}
      ${options.focus ? "" : html`<a href="${path}">Open thread</a>`}
    </footer>
  </article>`;
}

/** A reply to oneself links in place; any other parent is found through the thread page. */
function replyHref(
  parentId: string,
  parentAuthorId: string | null,
  authorId: string,
  ownPath: string,
): string {
  return parentAuthorId === authorId
    ? `${ownPath.slice(0, ownPath.lastIndexOf("/"))}/${parentId}`
    : `${ownPath}#status-${parentId}`;
}
