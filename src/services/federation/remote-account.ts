// Stores what a remote actor document says about its account (src/federation/remote-actor.ts
// fetches and checks it, then hands over plain data): a new accounts row, or the existing one
// refreshed. HTML is sanitized here, on the way in, so every reader can trust `note` and fields.
import type { AppContext } from "../../context.ts";
import { UniqueViolationError } from "../../db/errors.ts";
import type { ProfileField } from "../../db/schema/index.ts";
import { htmlToText, sanitizeHtml } from "../../domain/text/sanitize-html.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { updateAccount } from "../../repos/profiles.ts";
import {
  findAccountByUri,
  findLiveStatusIdsOf,
  insertRemoteAccount,
  markAccountSuspended,
  type RemoteEmoji,
} from "../../repos/remote-objects.ts";
import { blockFor } from "../instance-domain-blocks/policy.ts";
import { deleteStatus } from "../statuses/delete-status.ts";
import { storeRemoteEmojis } from "./remote-emojis.ts";

export interface RemoteAccountData {
  uri: string;
  username: string;
  /** The acct: domain WebFinger confirmed (lower-case punycode, with a port if any). */
  domain: string;
  url: string | null;
  /** Raw (unsanitized) HTML and text as the document had them. */
  name: string | null;
  summary: string | null;
  fields: { name: string; value: string }[];
  avatarUrl: string | null;
  headerUrl: string | null;
  locked: boolean;
  bot: boolean;
  /** The actor's type (Group: a Lemmy community, a Friendica forum); absent: Person. */
  actorType?: string;
  discoverable: boolean | null;
  indexable: boolean;
  memorial: boolean;
  inboxUrl: string | null;
  sharedInboxUrl: string | null;
  outboxUrl: string | null;
  followersUrl: string | null;
  followingUrl: string | null;
  featuredUrl: string | null;
  /** Collection totals when they could be read; null keeps the stored number. */
  followersCount: number | null;
  followingCount: number | null;
  statusesCount: number | null;
  /** The actor's `published`, when given. */
  publishedAt: string | null;
  /** Custom emoji its name, note and fields use (stored under its domain). */
  emojis: RemoteEmoji[];
}

// Mastodon's hard limits for remote profiles (Account::DISPLAY_NAME_LENGTH_HARD_LIMIT and
// friends), so a hostile document cannot make every account page huge.
const NAME_LIMIT = 200;
const NOTE_LIMIT = 50_000;
const FIELDS_LIMIT = 50;
const FIELD_NAME_LIMIT = 2_047;
const FIELD_VALUE_LIMIT = 2_047;

function profile(data: RemoteAccountData, at: string) {
  const fields: ProfileField[] = data.fields.slice(0, FIELDS_LIMIT).map((f) => ({
    name: htmlToText(f.name).slice(0, FIELD_NAME_LIMIT),
    value: sanitizeHtml(f.value.slice(0, FIELD_VALUE_LIMIT)),
    verified_at: null,
  }));
  const counts = {
    ...(data.followersCount === null ? {} : { followers_count: data.followersCount }),
    ...(data.followingCount === null ? {} : { following_count: data.followingCount }),
    ...(data.statusesCount === null ? {} : { statuses_count: data.statusesCount }),
  };
  return {
    display_name: htmlToText(data.name ?? "")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, NAME_LIMIT),
    note: sanitizeHtml((data.summary ?? "").slice(0, NOTE_LIMIT)),
    fields: JSON.stringify(fields),
    url: data.url,
    avatar_remote_url: data.avatarUrl,
    header_remote_url: data.headerUrl,
    locked: data.locked,
    bot: data.bot,
    actor_type: data.actorType ?? "Person",
    discoverable: data.discoverable,
    indexable: data.indexable,
    memorial: data.memorial,
    inbox_url: data.inboxUrl,
    shared_inbox_url: data.sharedInboxUrl,
    outbox_url: data.outboxUrl,
    followers_url: data.followersUrl,
    following_url: data.followingUrl,
    featured_url: data.featuredUrl,
    fetched_at: at,
    last_webfingered_at: at,
    updated_at: at,
    ...counts,
  };
}

/** The account for this actor, created or refreshed. */
export async function upsertRemoteAccount(
  ctx: AppContext,
  data: RemoteAccountData,
): Promise<AccountRow> {
  const at = ctx.clock.now().toISOString();
  await storeRemoteEmojis(ctx, data.domain, data.emojis);
  const existing = await findAccountByUri(ctx.db, data.uri);
  if (existing !== undefined) {
    // Never turn a local account into a remote one, whatever a document claims.
    if (existing.domain === null) return existing;
    await updateAccount(ctx.db, existing.id, profile(data, at));
    return (await findAccountByUri(ctx.db, data.uri)) as AccountRow;
  }
  // A new account of a blocked domain arrives with the block's mark (Mastodon's
  // auto_suspend?/auto_silence? in ProcessAccountService).
  const block = await blockFor(ctx, data.domain);
  try {
    return await insertRemoteAccount(ctx.db, {
      id: ctx.newId(),
      username: data.username,
      domain: data.domain,
      uri: data.uri,
      last_status_at: null,
      suspended_at: block?.severity === "suspend" ? block.created_at : null,
      silenced_at: block?.severity === "silence" ? block.created_at : null,
      created_at: data.publishedAt ?? at,
      ...profile(data, at),
    });
  } catch (error) {
    // Two activities of a new actor raced: the other insert won; use its row.
    if (!(error instanceof UniqueViolationError)) throw error;
    const row = await findAccountByUri(ctx.db, data.uri);
    if (row === undefined) throw error;
    return row;
  }
}

/**
 * Delete(actor): the account's posts go (each through delete-status.ts, so counters, boosts
 * and streams follow) and the account is kept as suspended, as Mastodon keeps a tombstone
 * of a deleted remote account so it cannot come back under the same id.
 */
export async function removeRemoteAccount(ctx: AppContext, account: AccountRow): Promise<void> {
  if (account.domain === null) return;
  for (const statusId of await findLiveStatusIdsOf(ctx.db, account.id))
    await deleteStatus(ctx, account.id, statusId);
  await markAccountSuspended(ctx.db, account.id, ctx.clock.now().toISOString());
}
