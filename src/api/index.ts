// The Mastodon client API, mounted at /api. Each resource is a sub-app in v1/ or v2/.
import { Hono } from "hono";
import type { Env } from "./env.ts";
import { streamingRoutes } from "./streaming/sse.ts";
import { accountsRoutes } from "./v1/accounts/index.ts";
import { registerRoutes } from "./v1/accounts/register.ts";
import { appsRoutes } from "./v1/apps/index.ts";
import { conversationRoutes } from "./v1/conversations.ts";
import { customEmojiRoutes } from "./v1/custom-emojis.ts";
import { directoryRoutes } from "./v1/directory.ts";
import { domainBlockRoutes } from "./v1/domain-blocks.ts";
import { emailRoutes } from "./v1/emails/index.ts";
import { accountFeaturedTagRoutes, featuredTagRoutes } from "./v1/featured-tags.ts";
import { filterV1Routes } from "./v1/filters.ts";
import { instanceV1Routes } from "./v1/instance/index.ts";
import { accountListRoutes, listRoutes } from "./v1/lists.ts";
import { markerRoutes } from "./v1/markers.ts";
import { mediaV1Routes } from "./v1/media.ts";
import { notificationRoutes } from "./v1/notifications/index.ts";
import { notificationRequestRoutes } from "./v1/notifications/requests.ts";
import { pollRoutes } from "./v1/polls.ts";
import { preferencesRoutes } from "./v1/preferences.ts";
import { profileRoutes } from "./v1/profile/index.ts";
import { pushRoutes } from "./v1/push.ts";
import {
  blockListRoutes,
  endorsementListRoutes,
  followRequestRoutes,
  muteListRoutes,
} from "./v1/relationships/own-lists.ts";
import { reportRoutes } from "./v1/reports.ts";
import { scheduledStatusRoutes } from "./v1/scheduled-statuses/index.ts";
import { statusEditRoutes } from "./v1/statuses/edits.ts";
import { statusRoutes } from "./v1/statuses/index.ts";
import { statusInteractionRoutes } from "./v1/statuses/interactions.ts";
import { bookmarkListRoutes, favouriteListRoutes } from "./v1/statuses/marked-lists.ts";
import { statusQuoteRoutes } from "./v1/statuses/quotes.ts";
import { suggestionV1Routes, suggestionV2Routes } from "./v1/suggestions.ts";
import { followedTagRoutes, tagRoutes } from "./v1/tags.ts";
import { timelineRoutes } from "./v1/timelines.ts";
import { moreTimelineRoutes } from "./v1/timelines-more.ts";
import { trendRoutes } from "./v1/trends.ts";
import { filterV2Routes } from "./v2/filters.ts";
import { instanceV2Routes } from "./v2/instance.ts";
import { mediaV2Routes } from "./v2/media.ts";
import { notificationV2Routes } from "./v2/notifications.ts";
import { searchV2Routes } from "./v2/search.ts";

export const apiRoutes = new Hono<Env>()
  .route("/v1/accounts", registerRoutes)
  .route("/v1/accounts", accountsRoutes)
  .route("/v1/accounts", accountFeaturedTagRoutes)
  .route("/v1/accounts", accountListRoutes)
  .route("/v1/profile", profileRoutes)
  .route("/v1/follow_requests", followRequestRoutes)
  .route("/v1/blocks", blockListRoutes)
  .route("/v1/domain_blocks", domainBlockRoutes)
  .route("/v1/custom_emojis", customEmojiRoutes)
  .route("/v1/mutes", muteListRoutes)
  .route("/v1/endorsements", endorsementListRoutes)
  .route("/v1/statuses", statusRoutes)
  .route("/v1/statuses", statusEditRoutes)
  .route("/v1/statuses", statusInteractionRoutes)
  .route("/v1/statuses", statusQuoteRoutes)
  .route("/v1/favourites", favouriteListRoutes)
  .route("/v1/polls", pollRoutes)
  .route("/v1/scheduled_statuses", scheduledStatusRoutes)
  .route("/v1/bookmarks", bookmarkListRoutes)
  .route("/v1/tags", tagRoutes)
  .route("/v1/timelines", timelineRoutes)
  .route("/v1/timelines", moreTimelineRoutes)
  .route("/v1/lists", listRoutes)
  .route("/v1/filters", filterV1Routes)
  .route("/v2/filters", filterV2Routes)
  .route("/v1/markers", markerRoutes)
  .route("/v1/conversations", conversationRoutes)
  .route("/v1/trends", trendRoutes)
  .route("/v1/directory", directoryRoutes)
  .route("/v1/suggestions", suggestionV1Routes)
  .route("/v2/suggestions", suggestionV2Routes)
  .route("/v2/search", searchV2Routes)
  .route("/v1/followed_tags", followedTagRoutes)
  .route("/v1/featured_tags", featuredTagRoutes)
  .route("/v1/preferences", preferencesRoutes)
  .route("/v1/push", pushRoutes)
  .route("/v1/reports", reportRoutes)
  .route("/v1/apps", appsRoutes)
  .route("/v1/emails", emailRoutes)
  .route("/v1/instance", instanceV1Routes)
  .route("/v1/media", mediaV1Routes)
  .route("/v1/notifications/requests", notificationRequestRoutes)
  .route("/v1/notifications", notificationRoutes)
  .route("/v1/streaming", streamingRoutes)
  .route("/v2/instance", instanceV2Routes)
  .route("/v2/media", mediaV2Routes)
  .route("/v2/notifications", notificationV2Routes);
