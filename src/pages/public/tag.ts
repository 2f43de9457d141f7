// GET /tags/:name: public posts carrying a hashtag, newest first, with `max_id` links to older
// pages; as far as the topic feed's access settings let the visitor read
// (domain/feed-access.ts), else a prompt to sign in.
import type { Context } from "hono";
import { html } from "hono/html";
import type { Env } from "../../api/env.ts";
import { isId } from "../../domain/id.ts";
import { loadTagPage } from "../../services/public-pages/tag-page.ts";
import { currentSession } from "../auth/web.ts";
import { errorPage, publicPage } from "./layout.ts";
import { statusCard } from "./status-card.ts";

type C = Context<Env>;

export const TAG_PAGE_SIZE = 20;

export async function tagPage(c: C, rawName: string) {
  const ctx = c.var.ctx;
  const session = await currentSession(c);
  const maxId = c.req.query("max_id");
  const result = await loadTagPage(ctx, session?.user_id ?? null, rawName, {
    maxId: maxId !== undefined && isId(maxId) ? maxId : undefined,
    limit: TAG_PAGE_SIZE,
  });
  if (result.type === "not-found") return errorPage(c, 404, "That is not a hashtag.");
  const path = `/tags/${encodeURIComponent(result.name)}`;
  const meta = {
    title: `#${result.displayName}`,
    description: `Public posts tagged #${result.displayName}`,
    canonical: `${ctx.config.baseUrl}${path}`,
    type: "website" as const,
  };
  if (result.type === "sign-in") {
    return publicPage(c, {
      ...meta,
      body: html`<h1>#${result.displayName}</h1>
        <p class="notice">Posts under this hashtag are shown to signed-in people only.
          <a href="/auth/sign_in?${new URLSearchParams({ return_to: path })}">Sign in</a> to read them.</p>`,
    });
  }
  const rss = `${ctx.config.baseUrl}${path}.rss`;
  const newer = maxId !== undefined;
  return publicPage(c, {
    ...meta,
    rss: { title: `#${result.displayName}`, href: rss },
    body: html`<h1>#${result.displayName}</h1>
      <p><a href="${rss}">RSS</a></p>
      <section class="h-feed" aria-label="Posts">
        ${result.statuses.length === 0 ? html`<p class="notice">No public posts with this hashtag yet.</p>` : ""}
        ${result.statuses.map((s) => statusCard(ctx, s))}
      </section>
      ${
        result.olderThan === null && !newer
          ? ""
          : html`<nav class="pagination" aria-label="Pages">
        ${newer ? html`<a href="${path}" rel="prev">Newest posts</a>` : html`<span></span>`}
        ${result.olderThan === null ? "" : html`<a href="${path}?max_id=${result.olderThan}" rel="next">Older posts</a>`}
      </nav>`
      }`,
  });
}
