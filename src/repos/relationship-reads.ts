// Batched reads of relationships: the state between one account and many (a fixed number of
// queries whatever the number of targets), and the paginated lists (followers, following,
// follow requests, blocks, mutes). A mute whose expires_at has passed counts as absent
// everywhere; the next write of that pair replaces it.
import { sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";

export interface FollowState {
  showReblogs: boolean;
  notify: boolean;
  languages: string[] | null;
}

export interface RelationshipState {
  following: Map<string, FollowState>;
  followedBy: Set<string>;
  requested: Map<string, FollowState>;
  requestedBy: Set<string>;
  blocking: Set<string>;
  blockedBy: Set<string>;
  muting: Map<string, { hideNotifications: boolean; expiresAt: string | null }>;
  notes: Map<string, string>;
  endorsed: Set<string>;
}

/** Six queries for any number of targets (follows and requests read both ways at once). */
export async function findRelationshipState(
  db: Db,
  me: string,
  ids: readonly string[],
  now: string,
): Promise<RelationshipState> {
  const state: RelationshipState = {
    following: new Map(),
    followedBy: new Set(),
    requested: new Map(),
    requestedBy: new Set(),
    blocking: new Set(),
    blockedBy: new Set(),
    muting: new Map(),
    notes: new Map(),
    endorsed: new Set(),
  };
  if (ids.length === 0) return state;
  const targets = [...ids];
  for (const [table, out, inbound] of [
    ["follows", state.following, state.followedBy],
    ["follow_requests", state.requested, state.requestedBy],
  ] as const) {
    const rows = await db
      .selectFrom(table)
      .select(["account_id", "target_account_id", "show_reblogs", "notify", "languages"])
      .where((eb) =>
        eb.or([
          eb.and([eb("account_id", "=", me), eb("target_account_id", "in", targets)]),
          eb.and([eb("account_id", "in", targets), eb("target_account_id", "=", me)]),
        ]),
      )
      .execute();
    for (const r of rows) {
      if (String(r.account_id) === me) {
        out.set(String(r.target_account_id), {
          showReblogs: r.show_reblogs,
          notify: r.notify,
          languages: r.languages,
        });
      }
      if (String(r.target_account_id) === me) inbound.add(String(r.account_id));
    }
  }
  const blocks = await db
    .selectFrom("blocks")
    .select(["account_id", "target_account_id"])
    .where((eb) =>
      eb.or([
        eb.and([eb("account_id", "=", me), eb("target_account_id", "in", targets)]),
        eb.and([eb("account_id", "in", targets), eb("target_account_id", "=", me)]),
      ]),
    )
    .execute();
  for (const r of blocks) {
    if (String(r.account_id) === me) state.blocking.add(String(r.target_account_id));
    if (String(r.target_account_id) === me) state.blockedBy.add(String(r.account_id));
  }
  const mutes = await db
    .selectFrom("mutes")
    .select(["target_account_id", "hide_notifications", "expires_at"])
    .where("account_id", "=", me)
    .where("target_account_id", "in", targets)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .execute();
  for (const r of mutes) {
    state.muting.set(String(r.target_account_id), {
      hideNotifications: r.hide_notifications,
      expiresAt: r.expires_at,
    });
  }
  const notes = await db
    .selectFrom("account_notes")
    .select(["target_account_id", "comment"])
    .where("account_id", "=", me)
    .where("target_account_id", "in", targets)
    .execute();
  for (const r of notes) state.notes.set(String(r.target_account_id), r.comment);
  const pins = await db
    .selectFrom("account_pins")
    .select(["target_account_id"])
    .where("account_id", "=", me)
    .where("target_account_id", "in", targets)
    .execute();
  for (const r of pins) state.endorsed.add(String(r.target_account_id));
  return state;
}

export interface PageEntry {
  /** The relationship row's id: the pagination cursor. */
  cursor: string;
  accountId: string;
  /** Mutes only. */
  expiresAt?: string | null;
}

type ListKind = "followers" | "following" | "requests" | "blocks" | "mutes" | "endorsements";

/**
 * One page of a list around `owner`, newest relationship first. Followers and requests are the
 * rows pointing at the owner; the others are the owner's own rows. Suspended accounts are left
 * out of followers and following, as on Mastodon.
 */
export async function findRelationshipPage(
  db: Db,
  kind: ListKind,
  owner: string,
  page: Page,
  now: string,
): Promise<PageEntry[]> {
  const table =
    kind === "followers" || kind === "following"
      ? "follows"
      : kind === "requests"
        ? "follow_requests"
        : kind === "endorsements"
          ? "account_pins"
          : kind;
  const inbound = kind === "followers" || kind === "requests";
  const mine = inbound ? "r.target_account_id" : "r.account_id";
  const theirs = inbound ? "r.account_id" : "r.target_account_id";
  let query = db
    .selectFrom(`${table} as r` as "follows as r")
    .innerJoin("accounts as a", "a.id", theirs as "r.account_id")
    .select(["r.id as cursor", `${theirs} as other` as "r.account_id as other"])
    .where(mine as "r.account_id", "=", owner);
  if (kind === "followers" || kind === "following" || kind === "endorsements")
    query = query.where("a.suspended_at", "is", null);
  // Expired mutes are filtered in SQL, so that a page stays full and its Link header right.
  if (kind === "mutes")
    query = query.where(sql<boolean>`(r.expires_at is null or r.expires_at > ${now})`);
  const rows = await paginate(query, "r.id", page).execute();
  let expiries = new Map<string, string | null>();
  if (kind === "mutes" && rows.length > 0) {
    const mutes = await db
      .selectFrom("mutes")
      .select(["id", "expires_at"])
      .where(
        "id",
        "in",
        rows.map((r) => String(r.cursor)),
      )
      .execute();
    expiries = new Map(mutes.map((m) => [String(m.id), m.expires_at]));
  }
  const entries = rows.map((r) => ({
    cursor: String(r.cursor),
    accountId: String(r.other),
    ...(kind === "mutes" ? { expiresAt: expiries.get(String(r.cursor)) ?? null } : {}),
  }));
  return inDisplayOrder(entries, page);
}

export interface ExportRow {
  username: string;
  domain: string | null;
  showReblogs?: boolean;
  notify?: boolean;
  languages?: string[] | null;
  hideNotifications?: boolean;
}

/** Everything `owner` follows, blocks or mutes (live mutes only), oldest first, for exports. */
export async function findAllOwnTargets(
  db: Db,
  kind: "follows" | "blocks" | "mutes",
  owner: string,
  now: string,
): Promise<ExportRow[]> {
  if (kind === "follows") {
    const rows = await db
      .selectFrom("follows as r")
      .innerJoin("accounts as a", "a.id", "r.target_account_id")
      .select(["a.username", "a.domain", "r.show_reblogs", "r.notify", "r.languages"])
      .where("r.account_id", "=", owner)
      .orderBy("r.id")
      .execute();
    return rows.map((r) => ({
      username: r.username,
      domain: r.domain,
      showReblogs: r.show_reblogs,
      notify: r.notify,
      languages: r.languages,
    }));
  }
  if (kind === "mutes") {
    const rows = await db
      .selectFrom("mutes as r")
      .innerJoin("accounts as a", "a.id", "r.target_account_id")
      .select(["a.username", "a.domain", "r.hide_notifications"])
      .where("r.account_id", "=", owner)
      .where((eb) => eb.or([eb("r.expires_at", "is", null), eb("r.expires_at", ">", now)]))
      .orderBy("r.id")
      .execute();
    return rows.map((r) => ({
      username: r.username,
      domain: r.domain,
      hideNotifications: r.hide_notifications,
    }));
  }
  return db
    .selectFrom("blocks as r")
    .innerJoin("accounts as a", "a.id", "r.target_account_id")
    .select(["a.username", "a.domain"])
    .where("r.account_id", "=", owner)
    .orderBy("r.id")
    .execute();
}

/** Target account ids of all of `owner`'s rows in `table` (for an import that overwrites). */
export async function findAllTargetIds(
  db: Db,
  table: "follows" | "follow_requests" | "blocks" | "mutes",
  owner: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom(table)
    .select("target_account_id")
    .where("account_id", "=", owner)
    .execute();
  return rows.map((r) => String(r.target_account_id));
}

/**
 * For each target, the accounts `me` follows that follow it (Mastodon's familiar followers),
 * leaving out those who hide their collections. One query for any number of targets.
 */
export async function findFamiliarFollowers(
  db: Db,
  me: string,
  targets: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(targets.map((t) => [t, []]));
  if (targets.length === 0) return result;
  const rows = await db
    .selectFrom("follows as mine")
    .innerJoin("follows as theirs", "theirs.account_id", "mine.target_account_id")
    .innerJoin("accounts as a", "a.id", "theirs.account_id")
    .select(["theirs.account_id as follower", "theirs.target_account_id as target"])
    .where("mine.account_id", "=", me)
    .where("theirs.target_account_id", "in", [...targets])
    .where("a.suspended_at", "is", null)
    .where((eb) =>
      eb.or([eb("a.hide_collections", "is", null), eb("a.hide_collections", "=", false)]),
    )
    .orderBy("theirs.id", "desc")
    .execute();
  for (const r of rows) result.get(String(r.target))?.push(String(r.follower));
  return result;
}
