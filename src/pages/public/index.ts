// The public, server-rendered pages: landing/about, privacy policy and terms, profiles, posts,
// hashtags and their RSS feeds. No JavaScript; the pages show only what an anonymous visitor
// may see (the visibility rule with no viewer). Profiles and posts answer servers that ask for
// ActivityStreams with a redirect to the ActivityPub document.
import { Hono } from "hono";
import type { Env } from "../../api/env.ts";
import { privacyPolicyPage, termsOfServicePage } from "./documents.ts";
import { renderLanding } from "./landing.ts";
import { profilePage } from "./profile.ts";
import { accountRss, tagRss } from "./rss.ts";
import { statusPage } from "./status.ts";
import { tagPage } from "./tag.ts";

export { renderLanding } from "./landing.ts";

export const publicPageRoutes = new Hono<Env>()
  .get("/about", (c) => renderLanding(c))
  .get("/privacy-policy", privacyPolicyPage)
  .get("/terms-of-service", termsOfServicePage)
  // `@alice`, `@carol@remote.example`, and `@alice.rss` (usernames have no dot).
  .get("/:handle{@[^/]+}", (c) => {
    const handle = c.req.param("handle");
    return handle.endsWith(".rss") ? accountRss(c, handle.slice(1, -4)) : profilePage(c);
  })
  .get("/:handle{@[^/]+}/:id{[0-9]+}", statusPage)
  // Hashtags have no dot either: `/tags/cats.rss` is the feed of #cats.
  .get("/tags/:name{[^/]+}", (c) => {
    const name = c.req.param("name");
    return name.endsWith(".rss") ? tagRss(c, name.slice(0, -4)) : tagPage(c, name);
  });
