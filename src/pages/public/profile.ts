// GET /@alice and /@carol@remote.example (known remote accounts only: nothing is fetched for a
// visitor): header, avatar, name and bio with custom emoji, fields (rel=me links, verified
// ones marked), counts, pinned posts, then the posts an anonymous viewer may see (public and
// unlisted; replies to others with ?with_replies), newest first, `max_id` links to older
// pages. Servers asking for ActivityStreams are sent to the actor.
import type { Context } from "hono";
import { html } from "hono/html";
import type { Env } from "../../api/env.ts";
import { isId } from "../../domain/id.ts";
import { escapeHtml } from "../../domain/text/sanitize-html.ts";
import { notFound } from "../../lib/errors.ts";
import type { LoadedAccount } from "../../services/profiles/load-accounts.ts";
import { findPublicAccount } from "../../services/public-pages/find-public-account.ts";
import {
  loadProfilePage,
  PROFILE_PAGE_SIZE,
  type ProfilePage,
} from "../../services/public-pages/profile-page.ts";
import { wantsActivityPub } from "../profile.ts";
import {
  canonicalProfileUrl,
  dateOf,
  displayName,
  excerpt,
  handleOf,
  nameHtml,
  pictureUrl,
  plural,
  profilePath,
  richHtml,
  withRelMe,
} from "./format.ts";
import { errorPage, publicPage } from "./layout.ts";
import { statusCard } from "./status-card.ts";

type C = Context<Env>;

/** The account of a `/@…` path, or the answer to give instead (404, 410, the actor). */
export async function resolveProfile(
  c: C,
  handle: string,
): Promise<{ account: LoadedAccount } | { response: Response }> {
  c.header("Vary", "Accept");
  const ap = wantsActivityPub(c.req.header("accept"));
  const found = await findPublicAccount(c.var.ctx, handle.replace(/^@/, ""));
  if (found.type === "not-found") {
    if (ap) throw notFound();
    return { response: await errorPage(c, 404, "This account does not exist here.") };
  }
  if (found.type === "gone") {
    if (ap) return { response: c.text("Gone", 410) };
    return { response: await errorPage(c, 410, "This account is no longer available.") };
  }
  return { account: found.account };
}

function fieldsList(c: C, loaded: LoadedAccount) {
  const fields = loaded.account.fields ?? [];
  if (fields.length === 0) return "";
  const ctx = c.var.ctx;
  return html`<dl class="fields">
    ${fields.map(
      (f) => html`<dt>${richHtml(ctx, escapeHtml(f.name), loaded.emojis)}</dt>
        <dd class="${f.verified_at ? "verified" : ""}">${richHtml(ctx, withRelMe(f.value), loaded.emojis)}${
          f.verified_at
            ? html` <span class="verified" title="Ownership of this link was checked on ${dateOf(f.verified_at)}">✓ Verified</span>`
            : ""
        }</dd>`,
    )}
  </dl>`;
}

function pageLinks(c: C, page: ProfilePage, withReplies: boolean) {
  const base = c.req.path;
  const query = (extra: Record<string, string>) =>
    `${base}?${new URLSearchParams({ ...(withReplies ? { with_replies: "true" } : {}), ...extra })}`;
  const newer = c.req.query("max_id") !== undefined;
  if (page.olderThan === null && !newer) return "";
  return html`<nav class="pagination" aria-label="Pages">
    ${newer ? html`<a href="${withReplies ? `${base}?with_replies=true` : base}" rel="prev">Newest posts</a>` : html`<span></span>`}
    ${page.olderThan === null ? "" : html`<a href="${query({ max_id: page.olderThan })}" rel="next">Older posts</a>`}
  </nav>`;
}

export async function profilePage(c: C) {
  const resolved = await resolveProfile(c, c.req.param("handle") ?? "");
  if ("response" in resolved) return resolved.response;
  const loaded = resolved.account;
  const a = loaded.account;
  const ctx = c.var.ctx;
  if (wantsActivityPub(c.req.header("accept"))) return c.redirect(a.uri, 301);
  const maxId = c.req.query("max_id");
  const withReplies = c.req.query("with_replies") !== undefined;
  const data = await loadProfilePage(
    ctx,
    a.id,
    { maxId: maxId !== undefined && isId(maxId) ? maxId : undefined, limit: PROFILE_PAGE_SIZE },
    withReplies,
  );
  const local = a.domain === null;
  const hidden = a.hide_collections === true;
  const rssHref = `${ctx.config.baseUrl}/@${a.username}.rss`;
  const counts = html`<ul class="counts">
    <li><strong>${plural(Number(a.statuses_count), "post", "posts")}</strong></li>
    ${
      hidden
        ? ""
        : html`<li><strong>${plural(Number(a.following_count), "following", "following")}</strong></li>
    <li><strong>${plural(Number(a.followers_count), "follower", "followers")}</strong></li>`
    }
  </ul>`;
  const tabs = html`<nav aria-label="Posts">
    ${withReplies ? html`<a href="${profilePath(a)}">Posts</a>` : html`<strong>Posts</strong>`} ·
    ${withReplies ? html`<strong>Posts and replies</strong>` : html`<a href="${profilePath(a)}?with_replies=true">Posts and replies</a>`}
    ${local ? html` · <a href="${rssHref}">RSS</a>` : ""}
  </nav>`;
  return publicPage(c, {
    title: `${displayName(a)} (${handleOf(ctx, a)})`,
    description: excerpt(a.note) || `Posts by ${handleOf(ctx, a)}`,
    canonical: canonicalProfileUrl(ctx, a),
    type: "profile",
    profileUsername: handleOf(ctx, a).slice(1),
    image: { url: pictureUrl(ctx, a, "avatar"), alt: a.avatar_description },
    activityJson: a.uri,
    rss: local ? { title: `Posts by ${handleOf(ctx, a)}`, href: rssHref } : undefined,
    // Opted out of search indexing; a remote profile's home is its own server.
    noindex: !a.indexable || !local,
    body: html`<section class="profile h-card">
        <img class="header-image" src="${pictureUrl(ctx, a, "header")}" alt="${a.header_description}" />
        <img class="avatar u-photo" src="${pictureUrl(ctx, a, "avatar")}" alt="${a.avatar_description}" width="96" height="96" />
        <h1><bdi class="p-name">${nameHtml(ctx, a, loaded.emojis)}</bdi></h1>
        <p class="handle"><a class="u-url u-uid" rel="me" href="${canonicalProfileUrl(ctx, a)}">${handleOf(ctx, a)}</a>
          ${a.bot ? html` · <span>Automated</span>` : ""}${a.locked ? html` · <span>Approves followers</span>` : ""}
        </p>
        ${
          loaded.moved === undefined
            ? ""
            : html`<p class="notice">This account has moved to <a href="${profilePath(loaded.moved)}">${handleOf(ctx, loaded.moved)}</a>.</p>`
        }
        <div class="p-note note">${richHtml(ctx, a.note, loaded.emojis)}</div>
        ${fieldsList(c, loaded)}
        ${counts}
        <p class="muted">Joined ${dateOf(a.created_at)}${
          local
            ? ""
            : html` · <a href="${canonicalProfileUrl(ctx, a)}">Browse the original profile</a>`
        }</p>
      </section>
      ${tabs}
      ${
        data.pinned.length === 0
          ? ""
          : html`<section aria-label="Pinned posts"><h2>Pinned</h2>${data.pinned.map((s) => statusCard(ctx, s))}</section>`
      }
      <section class="h-feed" aria-label="Posts">
        ${data.statuses.length === 0 ? html`<p class="notice">No posts here yet.</p>` : ""}
        ${data.statuses.map((s) => statusCard(ctx, s))}
      </section>
      ${pageLinks(c, data, withReplies)}`,
  });
}
