// GET /api/v1/preferences — https://docs.joinmastodon.org/methods/preferences/
// The signed-in person's defaults, so every app composes and shows posts the same way.
import { Hono } from "hono";
import { getOwnProfile } from "../../services/profiles/get-own-profile.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";

export const preferencesRoutes = new Hono<Env>().get(
  "/",
  requireAuth({ scopes: ["read:accounts"] }),
  async (c) => {
    const { settings } = await getOwnProfile(c.var.ctx, currentUser(c).id);
    return c.json({
      "posting:default:visibility": settings.defaultPrivacy,
      "posting:default:sensitive": settings.defaultSensitive,
      "posting:default:language": settings.defaultLanguage,
      "posting:default:quote_policy": settings.defaultQuotePolicy,
      "reading:expand:media": settings.expandMedia,
      "reading:expand:spoilers": settings.expandSpoilers,
      "reading:autoplay:gifs": settings.autoplayGifs,
    });
  },
);
