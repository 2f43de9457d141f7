// What ActivityPub documents of our own actors read: the local account with its user's state,
// and the pages of their collections (followers, following, outbox, featured, featured tags).
// Collection pages are ranges on the row id, newest first, as the client API's lists.
import { sql } from "kysely";
import type { Db } from "../db/index.ts";
import type { AccountRow } from "./accounts.ts";
import type { StatusRow } from "./statuses.ts";

export interface LocalActorRow {
  account: AccountRow;
  /** null: no user any more (the account was deleted and stays as a tombstone). */
  user: { confirmedAt: string | null; approved: boolean } | null;
}

async function withUser(db: Db, account: AccountRow | undefined): Promise<LocalActorRow | null> {
  if (account === undefined || account.domain !== null) return null;
  const user = await db
    .selectFrom("users")
    .select(["confirmed_at", "approved"])
    .where("account_id", "=", account.id)
    .executeTakeFirst();
  return {
    account,
    user: user === undefined ? null : { confirmedAt: user.confirmed_at, approved: user.approved },
  };
}

/** The local account with this id (and its user), or null. */
export async function findLocalActor(db: Db, accountId: string): Promise<LocalActorRow | null> {
  if (!/^\d{1,19}$/.test(accountId)) return null;
  const account = await db
    .selectFrom("accounts")
    .selectAll()
    .where("id", "=", accountId)
    .where("domain", "is", null)
    .executeTakeFirst();
  return withUser(db, account);
}

/** The local account with this username in any case (and its user), or null. */
export async function findLocalActorByUsername(
  db: Db,
  username: string,
): Promise<LocalActorRow | null> {
  const account = await db
    .selectFrom("accounts")
    .selectAll()
    .where("domain", "is", null)
    .where((eb) => eb(eb.fn("lower", ["username"]), "=", username.toLowerCase()))
    .executeTakeFirst();
  return withUser(db, account);
}

export interface UriPageEntry {
  cursor: string;
  uri: string;
  /** Remote accounts: where deliveries go (local ones have none). */
  inbox: string | null;
  sharedInbox: string | null;
}

/**
 * A page of the accounts following `accountId` (inbound) or followed by it, as actor URIs;
 * suspended accounts are left out, as in the client API. `uriPrefix` keeps only actors under
 * one server (FEP-8fcf followers synchronisation).
 */
export async function listFollowUris(
  db: Db,
  direction: "followers" | "following",
  accountId: string,
  maxId: string | null,
  limit: number,
  uriPrefix: string | null = null,
): Promise<UriPageEntry[]> {
  const inbound = direction === "followers";
  let query = db
    .selectFrom("follows as f")
    .innerJoin("accounts as a", "a.id", inbound ? "f.account_id" : "f.target_account_id")
    .select(["f.id as cursor", "a.uri", "a.inbox_url", "a.shared_inbox_url"])
    .where(inbound ? "f.target_account_id" : "f.account_id", "=", accountId)
    .where("a.suspended_at", "is", null);
  if (maxId !== null) query = query.where(sql<boolean>`f.id < cast(${maxId} as bigint)`);
  if (uriPrefix !== null)
    query = query.where(sql<boolean>`substr(a.uri, 1, ${uriPrefix.length}) = ${uriPrefix}`);
  const rows = await query.orderBy("f.id", "desc").limit(limit).execute();
  return rows.map((r) => ({
    cursor: String(r.cursor),
    uri: r.uri,
    inbox: r.inbox_url,
    sharedInbox: r.shared_inbox_url,
  }));
}

export interface OutboxEntry {
  status: StatusRow;
  /** For a boost: the boosted post's URI. */
  reblogOfUri: string | null;
}

/** Public and unlisted posts and boosts of a local account, newest first (Mastodon's outbox). */
export async function listOutboxStatuses(
  db: Db,
  accountId: string,
  maxId: string | null,
  limit: number,
): Promise<OutboxEntry[]> {
  let query = db
    .selectFrom("statuses")
    .leftJoin("statuses as original", "original.id", "statuses.reblog_of_id")
    .selectAll("statuses")
    .select("original.uri as reblog_of_uri")
    .where("statuses.account_id", "=", accountId)
    .where("statuses.local", "=", true)
    .where("statuses.deleted_at", "is", null)
    .where("statuses.visibility", "in", ["public", "unlisted"])
    // A boost of a post that is gone or not public any more is not shown.
    .where((eb) =>
      eb.or([
        eb("statuses.reblog_of_id", "is", null),
        eb.and([
          eb("original.deleted_at", "is", null),
          eb("original.visibility", "in", ["public", "unlisted"]),
        ]),
      ]),
    );
  if (maxId !== null) query = query.where(sql<boolean>`statuses.id < cast(${maxId} as bigint)`);
  const rows = await query.orderBy("statuses.id", "desc").limit(limit).execute();
  return rows.map(({ reblog_of_uri, ...status }) => ({
    status: status as StatusRow,
    reblogOfUri: reblog_of_uri ?? null,
  }));
}

/** A local post by id if it is public or unlisted and not deleted (served as a Note). */
export async function findPublicLocalStatus(db: Db, id: string): Promise<StatusRow | undefined> {
  if (!/^\d{1,19}$/.test(id)) return undefined;
  return db
    .selectFrom("statuses")
    .innerJoin("accounts", "accounts.id", "statuses.account_id")
    .selectAll("statuses")
    .where("statuses.id", "=", id)
    .where("statuses.local", "=", true)
    .where("statuses.deleted_at", "is", null)
    .where("statuses.reblog_of_id", "is", null)
    .where("statuses.visibility", "in", ["public", "unlisted"])
    .where("accounts.suspended_at", "is", null)
    .executeTakeFirst();
}

/** The account's pinned posts that anyone may see, most recently pinned first. */
export async function listPublicPins(db: Db, accountId: string): Promise<StatusRow[]> {
  return db
    .selectFrom("status_pins as p")
    .innerJoin("statuses", "statuses.id", "p.status_id")
    .selectAll("statuses")
    .where("p.account_id", "=", accountId)
    .where("statuses.deleted_at", "is", null)
    .where("statuses.visibility", "in", ["public", "unlisted"])
    .orderBy("p.created_at", "desc")
    .execute();
}

/** Names of the account's featured hashtags (display form), in the order they were added. */
export async function listFeaturedTagNames(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("featured_tags as f")
    .innerJoin("tags as t", "t.id", "f.tag_id")
    .select(["t.name", "t.display_name"])
    .where("f.account_id", "=", accountId)
    .orderBy("f.id")
    .execute();
  return rows.map((r) => r.display_name || r.name);
}

export interface NoteMention {
  statusId: string;
  uri: string;
  acct: string;
}

/** Who each post mentions, with the actor URIs a Mention tag needs (one query per page). */
export async function findMentionTargets(
  db: Db,
  statusIds: readonly string[],
): Promise<NoteMention[]> {
  if (statusIds.length === 0) return [];
  const rows = await db
    .selectFrom("mentions as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["m.status_id", "a.uri", "a.username", "a.domain"])
    .where("m.status_id", "in", [...statusIds])
    .orderBy("m.id")
    .execute();
  return rows.map((r) => ({
    statusId: String(r.status_id),
    uri: r.uri,
    acct: r.domain === null ? r.username : `${r.username}@${r.domain}`,
  }));
}

/** The URIs of the posts these replies answer, by status id. */
export async function findUrisByIds(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("statuses")
    .select(["id", "uri"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [String(r.id), r.uri]));
}
