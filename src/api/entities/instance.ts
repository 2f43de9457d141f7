// Instance (v2) — https://docs.joinmastodon.org/entities/Instance/
// V1Instance — https://docs.joinmastodon.org/entities/V1_Instance/
// Pure functions of what services/instance/get-public-instance.ts loads. Every documented key
// is present (null where we have nothing): clients read nested keys without checking.
import {
  APP_ICON_SIZES,
  appIconName,
  assetUrl,
  THUMBNAIL,
  THUMBNAIL_2X,
  THUMBNAIL_BLURHASH,
} from "../../assets/manifest.ts";
import { type FeedAccess, feedAccessOf } from "../../domain/feed-access.ts";
import { ACCOUNT_LIMITS, MEDIA_LIMITS, POLL_LIMITS, STATUS_LIMITS } from "../../domain/limits.ts";
import type { PublicInstance } from "../../services/instance/get-public-instance.ts";
import { MASTODON_API_VERSION, SOURCE_URL } from "../../version.ts";
import { type Account, toAccount } from "./account.ts";
import { type Rule, toRule } from "./rule.ts";
import { textToHtml } from "./text.ts";

export interface Instance {
  domain: string;
  title: string;
  version: string;
  source_url: string;
  description: string;
  usage: { users: { active_month: number } };
  thumbnail: {
    url: string;
    blurhash: string | null;
    versions: { "@1x": string; "@2x": string };
  };
  icon: { src: string; size: string }[];
  languages: string[];
  configuration: {
    urls: {
      streaming: string;
      status: string | null;
      about: string;
      privacy_policy: string;
      terms_of_service: string | null;
    };
    vapid: { public_key: string };
    accounts: {
      max_featured_tags: number;
      max_pinned_statuses: number;
      max_display_name_length: number;
      max_note_length: number;
      max_profile_fields: number;
      profile_field_name_limit: number;
      profile_field_value_limit: number;
      max_avatar_description_length: number;
      max_header_description_length: number;
    };
    statuses: V1Configuration["statuses"];
    media_attachments: V1Configuration["media_attachments"] & { description_limit: number };
    polls: V1Configuration["polls"];
    translation: { enabled: boolean };
    timelines_access: {
      live_feeds: { local: FeedAccess; remote: FeedAccess };
      hashtag_feeds: { local: FeedAccess; remote: FeedAccess };
      trending_link_feeds: { local: FeedAccess; remote: FeedAccess };
    };
    limited_federation: boolean;
  };
  registrations: {
    enabled: boolean;
    approval_required: boolean;
    message: string | null;
    url: string | null;
    min_age: number | null;
    reason_required: boolean;
  };
  api_versions: { mastodon: number };
  contact: { email: string; account: Account | null };
  rules: Rule[];
  wrapstodon: string | null;
}

interface V1Configuration {
  accounts: { max_featured_tags: number };
  statuses: {
    max_characters: number;
    max_media_attachments: number;
    characters_reserved_per_url: number;
  };
  media_attachments: {
    supported_mime_types: string[];
    image_size_limit: number;
    image_matrix_limit: number;
    video_size_limit: number;
    video_frame_rate_limit: number;
    video_matrix_limit: number;
  };
  polls: {
    max_options: number;
    max_characters_per_option: number;
    min_expiration: number;
    max_expiration: number;
  };
}

export interface V1Instance {
  uri: string;
  title: string;
  short_description: string;
  description: string;
  email: string;
  version: string;
  urls: { streaming_api: string };
  stats: { user_count: number; status_count: number; domain_count: number };
  thumbnail: string | null;
  languages: string[];
  registrations: boolean;
  approval_required: boolean;
  invites_enabled: boolean;
  configuration: V1Configuration;
  contact_account: Account | null;
  rules: Rule[];
}

/** The WebSocket URL of the streaming API: this server, ws(s):// instead of http(s)://. */
export function streamingUrl(baseUrl: string): string {
  return baseUrl.replace(/^http/, "ws");
}

function v1Configuration(): V1Configuration {
  return {
    accounts: { max_featured_tags: ACCOUNT_LIMITS.maxFeaturedTags },
    statuses: {
      max_characters: STATUS_LIMITS.maxCharacters,
      max_media_attachments: STATUS_LIMITS.maxMediaAttachments,
      characters_reserved_per_url: STATUS_LIMITS.charactersReservedPerUrl,
    },
    media_attachments: {
      supported_mime_types: [...MEDIA_LIMITS.supportedMimeTypes],
      image_size_limit: MEDIA_LIMITS.imageSizeLimit,
      image_matrix_limit: MEDIA_LIMITS.imageMatrixLimit,
      video_size_limit: MEDIA_LIMITS.videoSizeLimit,
      video_frame_rate_limit: MEDIA_LIMITS.videoFrameRateLimit,
      video_matrix_limit: MEDIA_LIMITS.videoMatrixLimit,
    },
    polls: {
      max_options: POLL_LIMITS.maxOptions,
      max_characters_per_option: POLL_LIMITS.maxCharactersPerOption,
      min_expiration: POLL_LIMITS.minExpiration,
      max_expiration: POLL_LIMITS.maxExpiration,
    },
  };
}

export function toInstance(instance: PublicInstance): Instance {
  const { baseUrl, settings } = instance;
  const v1 = v1Configuration();
  const enabled = settings.registrations !== "closed";
  // Mastodon reports the topic settings for the hashtag and the trending link feeds alike.
  const topic = feedAccessOf(settings, "topic");
  return {
    domain: instance.domain,
    title: settings.title,
    version: instance.software.versionString,
    source_url: SOURCE_URL,
    description: settings.description,
    usage: { users: { active_month: instance.stats.activeMonth } },
    thumbnail: {
      url: assetUrl(baseUrl, THUMBNAIL),
      blurhash: THUMBNAIL_BLURHASH,
      versions: { "@1x": assetUrl(baseUrl, THUMBNAIL), "@2x": assetUrl(baseUrl, THUMBNAIL_2X) },
    },
    icon: APP_ICON_SIZES.map((size) => ({
      src: assetUrl(baseUrl, appIconName(size)),
      size: `${size}x${size}`,
    })),
    languages: [...settings.languages],
    configuration: {
      urls: {
        streaming: streamingUrl(baseUrl),
        status: settings.status_page_url === "" ? null : settings.status_page_url,
        about: `${baseUrl}/about`,
        privacy_policy: `${baseUrl}/privacy-policy`,
        terms_of_service:
          settings.terms_of_service.trim() === "" ? null : `${baseUrl}/terms-of-service`,
      },
      // The key browsers subscribe to Web Push with (secrets.json, made on first start).
      vapid: { public_key: instance.vapidPublicKey },
      accounts: {
        max_featured_tags: ACCOUNT_LIMITS.maxFeaturedTags,
        max_pinned_statuses: ACCOUNT_LIMITS.maxPinnedStatuses,
        max_display_name_length: ACCOUNT_LIMITS.maxDisplayNameLength,
        max_note_length: ACCOUNT_LIMITS.maxNoteLength,
        max_profile_fields: ACCOUNT_LIMITS.maxProfileFields,
        profile_field_name_limit: ACCOUNT_LIMITS.profileFieldNameLimit,
        profile_field_value_limit: ACCOUNT_LIMITS.profileFieldValueLimit,
        max_avatar_description_length: ACCOUNT_LIMITS.maxAvatarDescriptionLength,
        max_header_description_length: ACCOUNT_LIMITS.maxHeaderDescriptionLength,
      },
      statuses: v1.statuses,
      media_attachments: {
        ...v1.media_attachments,
        description_limit: MEDIA_LIMITS.descriptionLimit,
      },
      polls: v1.polls,
      translation: { enabled: false },
      timelines_access: {
        live_feeds: feedAccessOf(settings, "live"),
        hashtag_feeds: { ...topic },
        trending_link_feeds: { ...topic },
      },
      limited_federation: false,
    },
    registrations: {
      enabled,
      approval_required: settings.registrations === "approval",
      // As Mastodon: the message explains why sign-ups are closed, so only then is it shown.
      message:
        !enabled && settings.registrations_message.trim() !== ""
          ? textToHtml(settings.registrations_message)
          : null,
      url: null,
      min_age: null,
      // The reason field is optional in approval mode until sign-up lets admins require it.
      reason_required: false,
    },
    api_versions: { mastodon: MASTODON_API_VERSION },
    contact: {
      email: settings.contact_email,
      account:
        instance.contactAccount === null ? null : toAccount(instance.contactAccount, baseUrl),
    },
    rules: instance.rules.map(toRule),
    wrapstodon: null,
  };
}

export function toV1Instance(instance: PublicInstance): V1Instance {
  const { baseUrl, settings, stats } = instance;
  return {
    uri: instance.domain,
    title: settings.title,
    short_description: settings.description,
    // Mastodon 4 sends the short description here too (the long one moved to its own endpoint).
    description: settings.description,
    email: settings.contact_email,
    version: instance.software.versionString,
    urls: { streaming_api: streamingUrl(baseUrl) },
    stats: {
      user_count: stats.userCount,
      status_count: stats.statusCount,
      domain_count: stats.domainCount,
    },
    thumbnail: assetUrl(baseUrl, THUMBNAIL),
    languages: [...settings.languages],
    registrations: settings.registrations !== "closed",
    approval_required: settings.registrations === "approval",
    // Invites come with the invites work; until then nobody can create one.
    invites_enabled: false,
    configuration: v1Configuration(),
    contact_account:
      instance.contactAccount === null ? null : toAccount(instance.contactAccount, baseUrl),
    rules: instance.rules.map(toRule),
  };
}
