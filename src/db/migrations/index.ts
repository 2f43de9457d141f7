// The ordered migration set, shared by both databases. Never edit a migration after it has
// been merged: add a new one.
import type { Migration } from "kysely";
import * as m0001 from "./0001-initial.ts";
import * as m0002 from "./0002-oauth.ts";
import * as m0003 from "./0003-web-sessions.ts";
import * as m0004 from "./0004-registrations.ts";
import * as m0005 from "./0005-profiles.ts";
import * as m0006 from "./0006-two-factor.ts";
import * as m0007 from "./0007-password-resets.ts";
import * as m0008 from "./0008-relationships.ts";
import * as m0009 from "./0009-statuses.ts";
import * as m0010 from "./0010-media.ts";
import * as m0011 from "./0011-favourites-bookmarks-pins.ts";
import * as m0012 from "./0012-jobs.ts";
import * as m0013 from "./0013-boosts-conversations.ts";
import * as m0014 from "./0014-status-edits.ts";
import * as m0015 from "./0015-quotes.ts";
import * as m0016 from "./0016-domain-blocks-emoji.ts";
import * as m0017 from "./0017-hashtags.ts";
import * as m0018 from "./0018-polls-scheduled.ts";
import * as m0019 from "./0019-federation.ts";
import * as m0021 from "./0021-feeds.ts";
import * as m0022 from "./0022-notifications.ts";
import * as m0023 from "./0023-lists-filters-markers.ts";
import * as m0024 from "./0024-search-trends.ts";
import * as m0025 from "./0025-remote-federation.ts";
import * as m0026 from "./0026-preview-cards.ts";
import * as m0027 from "./0027-archives.ts";
import * as m0028 from "./0028-federation-more.ts";
import * as m0030 from "./0030-instance-domain-blocks.ts";
import * as m0031 from "./0031-reports-moves.ts";
import * as m0032 from "./0032-thread-fetches.ts";
import * as m0033 from "./0033-push-subscriptions.ts";
import * as m0034 from "./0034-web-app-tokens.ts";
import * as m0036 from "./0036-actor-type.ts";

export const migrations: Record<string, Migration> = {
  "0001-initial": m0001,
  "0002-oauth": m0002,
  "0003-web-sessions": m0003,
  "0004-registrations": m0004,
  "0005-profiles": m0005,
  "0006-two-factor": m0006,
  "0007-password-resets": m0007,
  "0008-relationships": m0008,
  "0009-statuses": m0009,
  "0010-media": m0010,
  "0011-favourites-bookmarks-pins": m0011,
  "0012-jobs": m0012,
  "0013-boosts-conversations": m0013,
  "0014-status-edits": m0014,
  "0015-quotes": m0015,
  "0016-domain-blocks-emoji": m0016,
  "0017-hashtags": m0017,
  "0018-polls-scheduled": m0018,
  "0019-federation": m0019,
  "0021-feeds": m0021,
  "0022-notifications": m0022,
  "0023-lists-filters-markers": m0023,
  "0024-search-trends": m0024,
  "0025-remote-federation": m0025,
  "0026-preview-cards": m0026,
  "0027-archives": m0027,
  "0028-federation-more": m0028,
  "0030-instance-domain-blocks": m0030,
  "0031-reports-moves": m0031,
  "0032-thread-fetches": m0032,
  "0033-push-subscriptions": m0033,
  "0034-web-app-tokens": m0034,
  "0036-actor-type": m0036,
};
