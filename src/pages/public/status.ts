// GET /@alice/:id (and /@carol@remote.example/:id for a known remote post): the post with the
// parts of its thread an anonymous visitor may see. Servers asking for ActivityStreams are
// sent to the Note; a boost's page is its original's.
import type { Context } from "hono";
import { html } from "hono/html";
import type { Env } from "../../api/env.ts";
import { notFound } from "../../lib/errors.ts";
import { loadStatusPage } from "../../services/public-pages/status-page.ts";
import { wantsActivityPub } from "../profile.ts";
import {
  canonicalStatusUrl,
  displayName,
  excerpt,
  handleOf,
  pictureUrl,
  statusPath,
} from "./format.ts";
import { errorPage, publicPage } from "./layout.ts";
import { resolveProfile } from "./profile.ts";
import { statusCard } from "./status-card.ts";

type C = Context<Env>;

export async function statusPage(c: C) {
  const resolved = await resolveProfile(c, c.req.param("handle") ?? "");
  if ("response" in resolved) return resolved.response;
  const ctx = c.var.ctx;
  const ap = wantsActivityPub(c.req.header("accept"));
  const result = await loadStatusPage(ctx, resolved.account.account.id, c.req.param("id") ?? "");
  if (result.type === "not-found") {
    if (ap) throw notFound();
    return errorPage(c, 404, "This post does not exist or is not public.");
  }
  if (result.type === "boost") {
    const original = result.original;
    if (ap) return c.redirect(original.status.uri, 301);
    return c.redirect(statusPath(original.account.account, original.status), 302);
  }
  const loaded = result.status;
  const s = loaded.status;
  const a = loaded.account.account;
  if (ap) return c.redirect(s.uri, 301);
  const image = loaded.media.find((m) => m.type === "image" && !s.sensitive);
  const imageUrl =
    image?.preview_key != null && image.processing === "done"
      ? ctx.storage.url(image.preview_key)
      : (image?.remote_url ?? null);
  // A content warning is all a link preview may show of the post.
  const description =
    s.spoiler_text !== "" ? `Content warning: ${s.spoiler_text}` : excerpt(s.content) || "Media";
  return publicPage(c, {
    title: `${displayName(a)}: "${excerpt(s.spoiler_text || s.content, 60)}"`,
    description,
    canonical: canonicalStatusUrl(ctx, a, s),
    type: "article",
    published: s.created_at,
    image:
      imageUrl === null
        ? { url: pictureUrl(ctx, a, "avatar") }
        : { url: imageUrl, alt: image?.description ?? "", large: true },
    activityJson: s.uri,
    rss:
      a.domain === null
        ? {
            title: `Posts by ${handleOf(ctx, a)}`,
            href: `${ctx.config.baseUrl}/@${a.username}.rss`,
          }
        : undefined,
    noindex: !a.indexable || a.domain !== null,
    body: html`${result.ancestors.map((l) => statusCard(ctx, l))}
      ${statusCard(ctx, loaded, { focus: true })}
      ${
        result.descendants.length === 0
          ? ""
          : html`<section aria-label="Replies">${result.descendants.map((l) => statusCard(ctx, l))}</section>`
      }`,
  });
}
