// The frame of every public page (landing, profiles, posts, hashtags): head with title,
// OpenGraph and Twitter card meta, canonical and alternate links, robots; a site bar with
// sign-in and sign-up; the stylesheet served as an asset. No script anywhere: the CSP of the
// other pages, plus media from our own storage and other servers (remote attachments).
import type { Context } from "hono";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../api/env.ts";
import { appIconName, assetUrl, PUBLIC_CSS } from "../../assets/manifest.ts";
import type { InstanceSettings } from "../../domain/instance-settings.ts";
import { loadSettings } from "../../repos/instance-settings.ts";
import { currentSession } from "../auth/web.ts";
import { PAGE_CSP } from "../index.ts";

type C = Context<Env>;

/** The pages' CSP plus media (a function: pages/index.ts and this module import each other). */
export const publicCsp = () => `${PAGE_CSP}; media-src 'self' https:`;

export interface PageMeta {
  /** The page's own title; the server's title follows it in <title>. */
  title: string;
  description: string;
  /** Absolute URL of the canonical page. */
  canonical: string;
  /** og:type */
  type: "website" | "profile" | "article";
  image?: { url: string; alt?: string; large?: boolean } | undefined;
  /** The ActivityPub document of this page (profile, post). */
  activityJson?: string | undefined;
  rss?: { title: string; href: string } | undefined;
  /** The account asked search engines to stay away (or the page is someone else's copy). */
  noindex?: boolean;
  /** og:type profile: the username. */
  profileUsername?: string;
  /** og:type article: published time and author. */
  published?: string;
}

export interface PageOptions extends PageMeta {
  body: HtmlEscapedString | Promise<HtmlEscapedString>;
  status?: ContentfulStatusCode;
  /** Loaded already by the caller (landing page), else read here. */
  settings?: InstanceSettings;
}

function head(c: C, meta: PageMeta, settings: InstanceSettings) {
  const base = c.var.ctx.config.baseUrl;
  const fullTitle =
    meta.title === settings.title ? settings.title : `${meta.title} - ${settings.title}`;
  return html`<meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${fullTitle}</title>
    <meta name="description" content="${meta.description}" />
    ${meta.noindex ? html`<meta name="robots" content="noindex, noarchive" />` : ""}
    <link rel="stylesheet" href="${assetUrl(base, PUBLIC_CSS)}" />
    <link rel="icon" href="${assetUrl(base, appIconName(48))}" />
    <link rel="canonical" href="${meta.canonical}" />
    ${
      meta.activityJson === undefined
        ? ""
        : html`<link rel="alternate" type="application/activity+json" href="${meta.activityJson}" />`
    }
    ${
      meta.rss === undefined
        ? ""
        : html`<link rel="alternate" type="application/rss+xml" title="${meta.rss.title}" href="${meta.rss.href}" />`
    }
    <meta property="og:site_name" content="${settings.title}" />
    <meta property="og:type" content="${meta.type}" />
    <meta property="og:title" content="${meta.title}" />
    <meta property="og:description" content="${meta.description}" />
    <meta property="og:url" content="${meta.canonical}" />
    ${
      meta.profileUsername === undefined
        ? ""
        : html`<meta property="profile:username" content="${meta.profileUsername}" />`
    }
    ${
      meta.published === undefined
        ? ""
        : html`<meta property="article:published_time" content="${meta.published}" />`
    }
    ${
      meta.image === undefined
        ? ""
        : html`<meta property="og:image" content="${meta.image.url}" />
    ${meta.image.alt ? html`<meta property="og:image:alt" content="${meta.image.alt}" />` : ""}`
    }
    <meta name="twitter:card" content="${meta.image?.large ? "summary_large_image" : "summary"}" />
    <meta name="twitter:title" content="${meta.title}" />
    <meta name="twitter:description" content="${meta.description}" />`;
}

async function siteBar(c: C, settings: InstanceSettings) {
  const signedIn = (await currentSession(c)) !== null;
  const links = signedIn
    ? html`<a href="/">Open the app</a>`
    : html`<a href="/auth/sign_in">Sign in</a>${
        settings.registrations === "closed" ? "" : html`<a href="/auth/sign_up">Sign up</a>`
      }`;
  return html`<header class="site">
      <a class="brand" href="/about">${settings.title}</a>
      <nav aria-label="Account">${links}</nav>
    </header>`;
}

/** A complete public page. */
export async function publicPage(c: C, options: PageOptions) {
  const settings = options.settings ?? (await loadSettings(c.var.ctx.db));
  c.header("Content-Security-Policy", publicCsp());
  c.header("Referrer-Policy", "same-origin");
  return c.html(
    html`<!doctype html>
<html lang="en">
  <head>
    ${head(c, options, settings)}
  </head>
  <body>
    ${await siteBar(c, settings)}
    <main>
      ${options.body}
    </main>
    <footer class="site-footer">
      <a href="/about">About</a> · <a href="/privacy-policy">Privacy policy</a> · Powered by Hearth
    </footer>
  </body>
</html>`,
    options.status ?? 200,
  );
}

/** A short page saying what went wrong (404, 410) in the same frame. */
export function errorPage(c: C, status: 404 | 410, text: string) {
  return publicPage(c, {
    title: status === 410 ? "Gone" : "Not found",
    description: text,
    canonical: new URL(c.req.path, c.var.ctx.config.baseUrl).toString(),
    type: "website",
    noindex: true,
    status,
    body: html`<p class="notice">${text}</p>`,
  });
}
