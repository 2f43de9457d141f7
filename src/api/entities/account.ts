// Account — https://docs.joinmastodon.org/entities/Account/
// A pure function of an `accounts` row and what hydration loaded for it (the user's role):
// every documented key, null where we know nothing. Moved accounts come with federation.
import { MISSING_AVATAR_PATH, MISSING_HEADER_PATH } from "../../assets/manifest.ts";
import type { ProfileField } from "../../db/schema/index.ts";
import type { RoleDefinition } from "../../domain/permissions.ts";
import { SYSTEM_PATH } from "../../media/storage.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { type AccountRole, toAccountRoles } from "./role.ts";

export type { AccountRole } from "./role.ts";

/** What an Account needs beyond its row. */
export interface AccountExtras {
  /** URL of a stored file (AppContext.storage.url); default: the local-disk URL. */
  mediaUrl?: (key: string) => string;
  /** The local user's role; omitted: none highlighted. */
  role?: RoleDefinition;
  /** Custom emoji the profile uses (api/entities/custom-emoji.ts); omitted: none. */
  emojis?: CustomEmoji[];
  /** The account this one moved to, serialized; omitted: none. */
  moved?: Account | null;
}

export interface Field {
  name: string;
  value: string;
  verified_at: string | null;
}

export interface CustomEmoji {
  shortcode: string;
  url: string;
  static_url: string;
  visible_in_picker: boolean;
  category: string | null;
}

export interface Account {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  locked: boolean;
  bot: boolean;
  discoverable: boolean | null;
  indexable: boolean;
  group: boolean;
  created_at: string;
  note: string;
  url: string | null;
  uri: string;
  avatar: string;
  avatar_static: string;
  avatar_description: string;
  header: string;
  header_static: string;
  header_description: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  last_status_at: string | null;
  hide_collections: boolean | null;
  noindex: boolean | null;
  emojis: CustomEmoji[];
  roles: AccountRole[] | null;
  fields: Field[];
  moved: Account | null;
  suspended: boolean;
  limited: boolean;
  memorial: boolean;
  show_featured: boolean;
  show_media: boolean;
  show_media_replies: boolean;
  feature_approval: null;
}

/** Midnight UTC of the day `iso` falls on: Mastodon shows only the day an account was made. */
function dayOf(iso: string): string {
  return `${iso.slice(0, 10)}T00:00:00.000Z`;
}

export function toField(field: ProfileField): Field {
  return { name: field.name, value: field.value, verified_at: field.verified_at ?? null };
}

export function toAccount(
  account: AccountRow,
  baseUrl: string,
  extras: AccountExtras = {},
): Account {
  const local = account.domain === null;
  const suspended = account.suspended_at !== null;
  const mediaUrl = extras.mediaUrl ?? ((key: string) => `${baseUrl}${SYSTEM_PATH}/${key}`);
  // A suspended account shows the default pictures, as on Mastodon.
  // Remote pictures are linked where their server publishes them (0025), not downloaded.
  const picture = (
    key: string | null,
    staticKey: string | null,
    remote: string | null | undefined,
    missing: string,
  ) => {
    if (suspended || (key === null && remote == null))
      return { url: `${baseUrl}${missing}`, still: `${baseUrl}${missing}` };
    if (key === null) return { url: remote as string, still: remote as string };
    return { url: mediaUrl(key), still: mediaUrl(staticKey ?? key) };
  };
  const avatar = picture(
    account.avatar_key,
    account.avatar_static_key,
    account.avatar_remote_url,
    MISSING_AVATAR_PATH,
  );
  const header = picture(
    account.header_key,
    account.header_static_key,
    account.header_remote_url,
    MISSING_HEADER_PATH,
  );
  return {
    id: String(account.id),
    username: account.username,
    acct: local ? account.username : `${account.username}@${account.domain}`,
    // A suspended account keeps its name and counts but shows nothing it wrote (as Mastodon).
    display_name: suspended ? "" : account.display_name,
    locked: suspended ? false : Boolean(account.locked),
    bot: suspended ? false : Boolean(account.bot),
    discoverable: suspended ? false : account.discoverable,
    indexable: suspended ? false : Boolean(account.indexable),
    group: account.actor_type === "Group",
    created_at: dayOf(account.created_at),
    // @NOTE: `note` holds HTML: sanitized on the way in for remote accounts, rendered from the
    // source text for local ones (the accounts work does that when profiles become editable).
    note: suspended ? "" : account.note,
    url: account.url ?? (local ? `${baseUrl}/@${account.username}` : null),
    uri: account.uri,
    avatar: avatar.url,
    avatar_static: avatar.still,
    avatar_description: suspended ? "" : account.avatar_description,
    header: header.url,
    header_static: header.still,
    header_description: suspended ? "" : account.header_description,
    followers_count: Number(account.followers_count),
    following_count: Number(account.following_count),
    statuses_count: Number(account.statuses_count),
    last_status_at: account.last_status_at === null ? null : account.last_status_at.slice(0, 10),
    // Known for our own people (nothing hidden by default); unknown for remote ones that never said.
    hide_collections: local ? (account.hide_collections ?? false) : account.hide_collections,
    noindex: local ? false : null,
    emojis: suspended ? [] : (extras.emojis ?? []),
    // Only highlighted roles are public, and only for local accounts.
    roles: local ? (extras.role === undefined ? [] : toAccountRoles(extras.role)) : null,
    fields: suspended ? [] : (account.fields ?? []).map(toField),
    moved: extras.moved ?? null,
    suspended,
    // Silenced by an instance domain block (Mastodon's `limited`); rows built by hand may lack it.
    limited: account.silenced_at != null,
    memorial: account.memorial,
    show_featured: true,
    show_media: true,
    show_media_replies: true,
    // Collections (Mastodon 4.6) are not implemented, so nobody can feature anyone yet.
    feature_approval: null,
  };
}
