// Per-user preferences (users.settings, a JSON object): what is stored is merged over these
// defaults, so a setting added later needs no migration. Names follow Mastodon's keys of
// GET /api/v1/preferences and CredentialAccount.source.
import { isQuotePolicy, type QuotePolicy } from "./quote-policy.ts";

export const VISIBILITIES = ["public", "unlisted", "private", "direct"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const EXPAND_MEDIA = ["default", "show_all", "hide_all"] as const;
export type ExpandMedia = (typeof EXPAND_MEDIA)[number];

export interface UserSettings {
  /** posting:default:visibility — source[privacy]. */
  defaultPrivacy: Visibility;
  /** posting:default:sensitive — source[sensitive]. */
  defaultSensitive: boolean;
  /** posting:default:language — source[language]; null: the client decides. */
  defaultLanguage: string | null;
  /** reading:expand:media */
  expandMedia: ExpandMedia;
  /** reading:expand:spoilers */
  expandSpoilers: boolean;
  /** reading:autoplay:gifs */
  autoplayGifs: boolean;
  /** posting:default:quote_policy — source[quote_policy]: who may quote new public posts. */
  defaultQuotePolicy: QuotePolicy;
}

export const DEFAULT_USER_SETTINGS: Readonly<UserSettings> = Object.freeze({
  defaultPrivacy: "public",
  defaultSensitive: false,
  defaultLanguage: null,
  expandMedia: "default",
  expandSpoilers: false,
  autoplayGifs: false,
  defaultQuotePolicy: "public",
});

const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === "string" && (list as readonly string[]).includes(v);

/** The stored object read leniently: anything unknown or mistyped falls back to the default. */
export function readUserSettings(stored: unknown): UserSettings {
  const s = (typeof stored === "object" && stored !== null ? stored : {}) as Record<
    string,
    unknown
  >;
  const d = DEFAULT_USER_SETTINGS;
  return {
    defaultPrivacy: isOneOf(VISIBILITIES, s.defaultPrivacy) ? s.defaultPrivacy : d.defaultPrivacy,
    defaultSensitive:
      typeof s.defaultSensitive === "boolean" ? s.defaultSensitive : d.defaultSensitive,
    defaultLanguage: typeof s.defaultLanguage === "string" ? s.defaultLanguage : d.defaultLanguage,
    expandMedia: isOneOf(EXPAND_MEDIA, s.expandMedia) ? s.expandMedia : d.expandMedia,
    expandSpoilers: typeof s.expandSpoilers === "boolean" ? s.expandSpoilers : d.expandSpoilers,
    autoplayGifs: typeof s.autoplayGifs === "boolean" ? s.autoplayGifs : d.autoplayGifs,
    defaultQuotePolicy: isQuotePolicy(s.defaultQuotePolicy)
      ? s.defaultQuotePolicy
      : d.defaultQuotePolicy,
  };
}

export function isVisibility(value: string): value is Visibility {
  return isOneOf(VISIBILITIES, value);
}
