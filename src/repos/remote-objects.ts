// What the inbox looks up and writes for objects of other servers: accounts and statuses by
// their ActivityPub id, remote attachments (linked, never downloaded), remote polls, and the
// activity ids (follows, favourites, blocks) an Undo names.
import type { Insertable, Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { AccountsTable, MediaAttachmentsTable, MediaMeta } from "../db/schema/index.ts";
import type { AccountRow } from "./accounts.ts";
import type { StatusRow } from "./statuses.ts";

export async function findAccountByUri(db: Db, uri: string): Promise<AccountRow | undefined> {
  return db.selectFrom("accounts").selectAll().where("uri", "=", uri).executeTakeFirst();
}

/** Accounts (local or known remote) by actor id, for mentions and addressing. */
export async function findAccountsByUris(db: Db, uris: readonly string[]): Promise<AccountRow[]> {
  if (uris.length === 0) return [];
  return db
    .selectFrom("accounts")
    .selectAll()
    .where("uri", "in", [...new Set(uris)])
    .execute();
}

export async function insertRemoteAccount(
  db: Db,
  row: Insertable<AccountsTable>,
): Promise<AccountRow> {
  return db.insertInto("accounts").values(row).returningAll().executeTakeFirstOrThrow();
}

/** The status with this ActivityPub id, deleted or not (callers decide). */
export async function findStatusByUri(db: Db, uri: string): Promise<StatusRow | undefined> {
  return db.selectFrom("statuses").selectAll().where("uri", "=", uri).executeTakeFirst();
}

export interface NewRemoteMedia {
  id: string;
  accountId: string;
  statusId: string;
  type: MediaAttachmentsTable["type"];
  remoteUrl: string;
  contentType: string | null;
  description: string | null;
  blurhash: string | null;
  focus: { x: number; y: number } | null;
  meta: MediaMeta | null;
  at: string;
}

export async function insertRemoteMedia(db: Db, media: NewRemoteMedia[]): Promise<void> {
  if (media.length === 0) return;
  await db
    .insertInto("media_attachments")
    .values(
      media.map((m) => ({
        id: m.id,
        account_id: m.accountId,
        status_id: m.statusId,
        type: m.type,
        file_content_type: m.contentType,
        remote_url: m.remoteUrl,
        description: m.description,
        blurhash: m.blurhash,
        focus_x: m.focus?.x ?? null,
        focus_y: m.focus?.y ?? null,
        meta: m.meta === null ? null : JSON.stringify(m.meta),
        processing: "done" as const,
        created_at: m.at,
        updated_at: m.at,
      })),
    )
    .execute();
}

export async function deleteMediaOfStatus(db: Db, statusId: string): Promise<void> {
  await db.deleteFrom("media_attachments").where("status_id", "=", statusId).execute();
}

export type MediaRowOf = Selectable<MediaAttachmentsTable>;

export interface NewRemotePoll {
  id: string;
  statusId: string;
  accountId: string;
  options: string[];
  multiple: boolean;
  expiresAt: string | null;
  closedAt: string | null;
  votersCount: number;
  /** Votes per option as the poll's server counts them. */
  tallies: number[];
  at: string;
}

/** A remote poll: its own server counts the votes; we keep its counts and the deadline. */
export async function insertRemotePoll(db: Db, poll: NewRemotePoll): Promise<void> {
  await db
    .insertInto("polls")
    .values({
      id: poll.id,
      status_id: poll.statusId,
      account_id: poll.accountId,
      options: JSON.stringify(poll.options),
      multiple: poll.multiple,
      expires_at: poll.expiresAt,
      closed_at: poll.closedAt,
      voters_count: String(poll.votersCount),
      remote_tallies: JSON.stringify(poll.tallies),
      votes_count: String(poll.tallies.reduce((a, b) => a + b, 0)),
      created_at: poll.at,
      updated_at: poll.at,
    })
    .execute();
  await db
    .updateTable("statuses")
    .set({ poll_id: poll.id })
    .where("id", "=", poll.statusId)
    .execute();
}

/** The follow (or pending request) a remote Follow activity made, by that activity's id. */
export async function findFollowByUri(
  db: Db,
  uri: string,
): Promise<{ table: "follows" | "follow_requests"; accountId: string; targetId: string } | null> {
  for (const table of ["follows", "follow_requests"] as const) {
    const row = await db
      .selectFrom(table)
      .select(["account_id", "target_account_id"])
      .where("uri", "=", uri)
      .executeTakeFirst();
    if (row !== undefined)
      return {
        table,
        accountId: String(row.account_id),
        targetId: String(row.target_account_id),
      };
  }
  return null;
}

/** The status a remote Like (by its id) favourited. */
export async function findFavouriteByUri(
  db: Db,
  uri: string,
): Promise<{ accountId: string; statusId: string } | undefined> {
  const row = await db
    .selectFrom("favourites")
    .select(["account_id", "status_id"])
    .where("uri", "=", uri)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { accountId: String(row.account_id), statusId: String(row.status_id) };
}

export async function findBlockByUri(
  db: Db,
  uri: string,
): Promise<{ accountId: string; targetId: string } | undefined> {
  const row = await db
    .selectFrom("blocks")
    .select(["account_id", "target_account_id"])
    .where("uri", "=", uri)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { accountId: String(row.account_id), targetId: String(row.target_account_id) };
}

/** Live statuses of an account (Delete of an actor removes them one by one). */
export async function findLiveStatusIdsOf(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("statuses")
    .select("id")
    .where("account_id", "=", accountId)
    .where("deleted_at", "is", null)
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => String(r.id));
}

export async function markAccountSuspended(db: Db, accountId: string, at: string): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ suspended_at: at, updated_at: at })
    .where("id", "=", accountId)
    .where("suspended_at", "is", null)
    .execute();
}

/**
 * Replies that arrived before their parent: linked to it now. Returns how many of them count
 * in its replies_count (public and unlisted, as when a reply arrives after its parent).
 */
export async function linkWaitingReplies(
  db: Db,
  parent: { uri: string; id: string; accountId: string },
): Promise<number> {
  const rows = await db
    .updateTable("statuses")
    .set({
      in_reply_to_id: parent.id,
      in_reply_to_account_id: parent.accountId,
      in_reply_to_uri: null,
    })
    .where("in_reply_to_uri", "=", parent.uri)
    .returning(["visibility"])
    .execute();
  return rows.filter((r) => r.visibility === "public" || r.visibility === "unlisted").length;
}

export interface RemoteEmoji {
  shortcode: string;
  uri: string;
  url: string;
}

/** Another server's emoji, linked by URL: new ones inserted, known ones pointed at the new image. */
export async function upsertRemoteEmojis(
  db: Db,
  domain: string,
  emojis: RemoteEmoji[],
  newId: () => string,
  at: string,
): Promise<void> {
  if (emojis.length === 0) return;
  const existing = await db
    .selectFrom("custom_emojis")
    .select(["id", "shortcode", "image_remote_url", "uri"])
    .where("domain", "=", domain)
    .where(
      "shortcode",
      "in",
      emojis.map((e) => e.shortcode),
    )
    .execute();
  const known = new Map(existing.map((e) => [e.shortcode, e]));
  for (const emoji of emojis) {
    const row = known.get(emoji.shortcode);
    if (row === undefined) {
      await db
        .insertInto("custom_emojis")
        .values({
          id: newId(),
          shortcode: emoji.shortcode,
          domain,
          uri: emoji.uri,
          image_key: "",
          static_key: "",
          image_remote_url: emoji.url,
          visible_in_picker: false,
          created_at: at,
          updated_at: at,
        })
        .execute();
      known.set(emoji.shortcode, {
        id: "",
        shortcode: emoji.shortcode,
        image_remote_url: emoji.url,
        uri: emoji.uri,
      });
    } else if (row.image_remote_url !== emoji.url || row.uri !== emoji.uri)
      await db
        .updateTable("custom_emojis")
        .set({ image_remote_url: emoji.url, uri: emoji.uri, updated_at: at })
        .where("id", "=", row.id)
        .execute();
  }
}

/** Our accounts that follow `accountId` (a moving remote account), oldest follow first. */
export async function findLocalFollowerIds(
  db: Db,
  accountId: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("follows")
    .innerJoin("accounts", "accounts.id", "follows.account_id")
    .select("follows.account_id")
    .where("follows.target_account_id", "=", accountId)
    .where("accounts.domain", "is", null)
    .orderBy("follows.account_id")
    .limit(limit)
    .execute();
  return rows.map((r) => String(r.account_id));
}

export async function setMovedTo(db: Db, accountId: string, targetId: string): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ moved_to_account_id: targetId })
    .where("id", "=", accountId)
    .execute();
}
