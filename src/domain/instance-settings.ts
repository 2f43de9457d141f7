// Instance settings an administrator changes (CLI `hearth settings set`, later the admin UI):
// their names, defaults and validation. Stored as JSON values in `instance_settings`.

export type RegistrationsMode = "open" | "approval" | "closed";
/** Who may read a live or topic feed (domain/feed-access.ts); Mastodon's values. */
export type FeedAccessValue = "public" | "authenticated" | "disabled";

export interface InstanceSettings {
  title: string;
  /** One paragraph, plain text: v2 `description`, v1 `short_description`. */
  description: string;
  /** Longer text shown on the about page, plain text with blank lines between paragraphs. */
  extended_description: string;
  contact_email: string;
  /** Username of the local account people can contact, or "" for none. */
  contact_account: string;
  registrations: RegistrationsMode;
  registrations_message: string;
  privacy_policy: string;
  /** Empty means no terms of service (GET .../terms_of_service answers 404, as Mastodon). */
  terms_of_service: string;
  /** ISO 639-1 codes of the languages the server's community uses. */
  languages: string[];
  status_page_url: string;
  /** Staff picks suggested to everyone (Mastodon's bootstrap_timeline_accounts): local usernames. */
  featured_accounts: string[];
  /** Mastodon 4.5's timelines_access: public timelines and streams, local and remote posts. */
  local_live_feed_access: FeedAccessValue;
  remote_live_feed_access: FeedAccessValue;
  /** Hashtag and link timelines and hashtag streams. */
  local_topic_feed_access: FeedAccessValue;
  remote_topic_feed_access: FeedAccessValue;
  /** open: federate with everyone not suspended; allowlist: only `hearth domain-allows` hosts. */
  federation_mode: "open" | "allowlist";
  /** Signed GETs required for ActivityPub documents (HEARTH_AUTHORIZED_FETCH=true also turns it on). */
  authorized_fetch: boolean;
}

export const DEFAULT_SETTINGS: Readonly<InstanceSettings> = Object.freeze({
  title: "Hearth",
  description: "A small, friendly corner of the fediverse.",
  extended_description: "",
  contact_email: "",
  contact_account: "",
  // New servers ask a moderator to approve sign-ups: an open server on the internet draws spam
  // before its owner has set anything up. Change it with `hearth settings set registrations open`.
  registrations: "approval",
  registrations_message: "",
  privacy_policy: "",
  terms_of_service: "",
  languages: ["en"],
  status_page_url: "",
  featured_accounts: [],
  // Mastodon's defaults: the feeds are open to anyone (signed-out visitors included).
  local_live_feed_access: "public",
  remote_live_feed_access: "public",
  local_topic_feed_access: "public",
  remote_topic_feed_access: "public",
  federation_mode: "open",
  authorized_fetch: false,
});

export type SettingKey = keyof InstanceSettings;
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as string[]).includes(key);
}

export type SettingResult<K extends SettingKey> =
  | { ok: true; value: InstanceSettings[K] }
  | { ok: false; error: string };

const LIMITS: Partial<Record<SettingKey, number>> = {
  title: 100,
  description: 500,
  registrations_message: 1000,
  extended_description: 100_000,
  privacy_policy: 100_000,
  terms_of_service: 100_000,
};

/** Turns the text an administrator typed into a setting value, or says why it cannot be one. */
export function parseSetting<K extends SettingKey>(key: K, text: string): SettingResult<K> {
  const ok = (value: unknown) => ({ ok: true, value }) as SettingResult<K>;
  const fail = (error: string) => ({ ok: false, error }) as SettingResult<K>;
  const limit = LIMITS[key];
  if (limit !== undefined && [...text].length > limit)
    return fail(`${key} is longer than ${limit} characters`);
  switch (key) {
    case "title":
      return text.trim() === "" ? fail("title cannot be empty") : ok(text.trim());
    case "registrations":
      return text === "open" || text === "approval" || text === "closed"
        ? ok(text)
        : fail("registrations must be open, approval or closed");
    case "contact_email":
      return text === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)
        ? ok(text)
        : fail(`contact_email "${text}" is not an email address`);
    case "contact_account": {
      const username = text.replace(/^@/, "");
      return username === "" || /^[a-z0-9_]{1,30}$/i.test(username)
        ? ok(username)
        : fail(`contact_account "${text}" is not a local username`);
    }
    case "languages": {
      const codes = text
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== "");
      const bad = codes.find((c) => !/^[a-z]{2,3}$/.test(c));
      if (bad !== undefined) return fail(`languages: "${bad}" is not an ISO 639 language code`);
      return codes.length === 0 ? fail("languages needs at least one code") : ok(codes);
    }
    case "featured_accounts": {
      const names = text
        .split(",")
        .map((s) => s.trim().replace(/^@/, ""))
        .filter((s) => s !== "");
      const bad = names.find((n) => !/^[a-z0-9_]{1,30}$/i.test(n));
      return bad === undefined
        ? ok(names)
        : fail(`featured_accounts: "${bad}" is not a local username`);
    }
    case "local_live_feed_access":
    case "remote_live_feed_access":
    case "local_topic_feed_access":
    case "remote_topic_feed_access":
      return text === "public" || text === "authenticated" || text === "disabled"
        ? ok(text)
        : fail(`${key} must be public, authenticated or disabled`);
    case "federation_mode":
      return text === "open" || text === "allowlist"
        ? ok(text)
        : fail("federation_mode must be open or allowlist");
    case "authorized_fetch":
      return text === "true" || text === "false"
        ? ok(text === "true")
        : fail("authorized_fetch must be true or false");
    case "status_page_url":
      if (text === "") return ok(text);
      try {
        const url = new URL(text);
        return url.protocol === "https:" || url.protocol === "http:"
          ? ok(text)
          : fail("status_page_url must be an http(s) URL");
      } catch {
        return fail("status_page_url must be an http(s) URL");
      }
    default:
      return ok(text);
  }
}
