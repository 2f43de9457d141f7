// The Mastodon client API, mounted at /api. Each resource is a sub-app in v1/ or v2/.
import { Hono } from "hono";
import type { Env } from "./env.ts";
import { accountsRoutes } from "./v1/accounts/index.ts";
import { registerRoutes } from "./v1/accounts/register.ts";
import { appsRoutes } from "./v1/apps/index.ts";
import { emailRoutes } from "./v1/emails/index.ts";
import { instanceV1Routes } from "./v1/instance/index.ts";
import { mediaV1Routes } from "./v1/media.ts";
import { preferencesRoutes } from "./v1/preferences.ts";
import { profileRoutes } from "./v1/profile/index.ts";
import {
  blockListRoutes,
  endorsementListRoutes,
  followRequestRoutes,
  muteListRoutes,
} from "./v1/relationships/own-lists.ts";
import { statusRoutes } from "./v1/statuses/index.ts";
import { statusInteractionRoutes } from "./v1/statuses/interactions.ts";
import { bookmarkListRoutes, favouriteListRoutes } from "./v1/statuses/marked-lists.ts";
import { instanceV2Routes } from "./v2/instance.ts";
import { mediaV2Routes } from "./v2/media.ts";

export const apiRoutes = new Hono<Env>()
  .route("/v1/accounts", registerRoutes)
  .route("/v1/accounts", accountsRoutes)
  .route("/v1/profile", profileRoutes)
  .route("/v1/follow_requests", followRequestRoutes)
  .route("/v1/blocks", blockListRoutes)
  .route("/v1/mutes", muteListRoutes)
  .route("/v1/endorsements", endorsementListRoutes)
  .route("/v1/statuses", statusRoutes)
  .route("/v1/statuses", statusInteractionRoutes)
  .route("/v1/favourites", favouriteListRoutes)
  .route("/v1/bookmarks", bookmarkListRoutes)
  .route("/v1/preferences", preferencesRoutes)
  .route("/v1/apps", appsRoutes)
  .route("/v1/emails", emailRoutes)
  .route("/v1/instance", instanceV1Routes)
  .route("/v1/media", mediaV1Routes)
  .route("/v2/instance", instanceV2Routes)
  .route("/v2/media", mediaV2Routes);
