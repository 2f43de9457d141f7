// Polls and their votes. A poll is written with its status (same transaction); votes are one
// row per choice, and the per-option tallies are counted from them when read — one grouped
// query for a whole page of polls, which also tells the viewer's own choices.
import { type Selectable, sql } from "kysely";
import type { Db } from "../db/index.ts";
import type { PollsTable } from "../db/schema/index.ts";

export type PollRow = Selectable<PollsTable>;

export interface NewPoll {
  id: string;
  statusId: string;
  accountId: string;
  options: string[];
  multiple: boolean;
  hideTotals: boolean;
  expiresAt: string;
  at: string;
}

export async function insertPoll(db: Db, poll: NewPoll): Promise<void> {
  await db
    .insertInto("polls")
    .values({
      id: poll.id,
      status_id: poll.statusId,
      account_id: poll.accountId,
      options: JSON.stringify(poll.options),
      multiple: poll.multiple,
      hide_totals: poll.hideTotals,
      expires_at: poll.expiresAt,
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

export async function findPollById(db: Db, id: string): Promise<PollRow | undefined> {
  return db.selectFrom("polls").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findPollOfStatus(db: Db, statusId: string): Promise<PollRow | undefined> {
  return db.selectFrom("polls").selectAll().where("status_id", "=", statusId).executeTakeFirst();
}

export async function findPollsOfStatuses(
  db: Db,
  statusIds: readonly string[],
): Promise<PollRow[]> {
  if (statusIds.length === 0) return [];
  return db
    .selectFrom("polls")
    .selectAll()
    .where("status_id", "in", [...statusIds])
    .execute();
}

export interface PollTally {
  pollId: string;
  choice: number;
  votes: number;
  /** Whether the viewer is among them. */
  mine: boolean;
}

/** Votes per (poll, choice), with whether `viewerId` cast one of them: one query. */
export async function findPollTallies(
  db: Db,
  pollIds: readonly string[],
  viewerId: string | null,
): Promise<PollTally[]> {
  if (pollIds.length === 0) return [];
  const viewer = viewerId ?? "0";
  const rows = await db
    .selectFrom("poll_votes")
    .select((eb) => [
      "poll_id",
      "choice",
      eb.fn.countAll().as("votes"),
      sql<
        number | string
      >`sum(case when account_id = cast(${viewer} as bigint) then 1 else 0 end)`.as("mine"),
    ])
    .where("poll_id", "in", [...pollIds])
    .groupBy(["poll_id", "choice"])
    .execute();
  return rows.map((r) => ({
    pollId: String(r.poll_id),
    choice: Number(r.choice),
    votes: Number(r.votes),
    mine: Number(r.mine) > 0,
  }));
}

/**
 * Takes the poll's row lock (PostgreSQL; SQLite has one writer) so that two ballots of the
 * same voter cannot both pass the "already voted" check; returns the voter's earlier choices.
 */
export async function lockPollForVote(
  db: Db,
  pollId: string,
  accountId: string,
  at: string,
): Promise<number[] | undefined> {
  const touched = await db
    .updateTable("polls")
    .set({ updated_at: at })
    .where("id", "=", pollId)
    .executeTakeFirst();
  if (Number(touched.numUpdatedRows) === 0) return undefined;
  const rows = await db
    .selectFrom("poll_votes")
    .select("choice")
    .where("poll_id", "=", pollId)
    .where("account_id", "=", accountId)
    .execute();
  return rows.map((r) => Number(r.choice));
}

export async function insertVotes(
  db: Db,
  votes: { id: string; pollId: string; accountId: string; choice: number; uri?: string | null }[],
  at: string,
): Promise<void> {
  if (votes.length === 0) return;
  await db
    .insertInto("poll_votes")
    .values(
      votes.map((v) => ({
        id: v.id,
        poll_id: v.pollId,
        account_id: v.accountId,
        choice: v.choice,
        uri: v.uri ?? null,
        created_at: at,
      })),
    )
    .execute();
}

/** Moves the totals after a ballot: its votes, and one more voter on a first ballot. */
export async function countBallot(
  db: Db,
  pollId: string,
  votes: number,
  newVoter: boolean,
): Promise<void> {
  await db
    .updateTable("polls")
    .set({
      votes_count: sql<string>`votes_count + ${votes}`,
      voters_count: sql<string>`voters_count + ${newVoter ? 1 : 0}`,
    })
    .where("id", "=", pollId)
    .execute();
}

/** Closes the poll if it is still open; false when it was closed already. */
export async function closePollRow(db: Db, pollId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("polls")
    .set({ closed_at: at, updated_at: at })
    .where("id", "=", pollId)
    .where("closed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Replaces a poll's options and settings; with `resetVotes`, its votes go (Mastodon). */
export async function updatePoll(
  db: Db,
  pollId: string,
  changes: {
    options: string[];
    multiple: boolean;
    hideTotals: boolean;
    expiresAt: string;
    resetVotes: boolean;
  },
  at: string,
): Promise<void> {
  if (changes.resetVotes) await db.deleteFrom("poll_votes").where("poll_id", "=", pollId).execute();
  await db
    .updateTable("polls")
    .set({
      options: JSON.stringify(changes.options),
      multiple: changes.multiple,
      hide_totals: changes.hideTotals,
      expires_at: changes.expiresAt,
      closed_at: null,
      updated_at: at,
      ...(changes.resetVotes ? { votes_count: "0", voters_count: "0" } : {}),
    })
    .where("id", "=", pollId)
    .execute();
}

export async function deletePoll(db: Db, pollId: string): Promise<void> {
  await db.updateTable("statuses").set({ poll_id: null }).where("poll_id", "=", pollId).execute();
  await db.deleteFrom("polls").where("id", "=", pollId).execute();
}

/** A remote poll's state as its server reports it now (Update of the Question). */
export async function refreshRemotePoll(
  db: Db,
  pollId: string,
  state: {
    options: string[];
    tallies: number[];
    votersCount: number;
    expiresAt: string | null;
    closedAt: string | null;
  },
  at: string,
): Promise<void> {
  await db
    .updateTable("polls")
    .set({
      options: JSON.stringify(state.options),
      remote_tallies: JSON.stringify(state.tallies),
      votes_count: String(state.tallies.reduce((a, b) => a + b, 0)),
      voters_count: String(state.votersCount),
      expires_at: state.expiresAt,
      closed_at: state.closedAt,
      updated_at: at,
    })
    .where("id", "=", pollId)
    .execute();
}

/**
 * A local ballot on a remote poll counts at once in its stored tallies (Mastodon's
 * PollVote#increment_counter_cache); the next Update of the Question brings the server's own.
 */
export async function bumpRemoteTallies(
  db: Db,
  poll: PollRow,
  choices: readonly number[],
): Promise<void> {
  if (poll.remote_tallies === null) return;
  const tallies = poll.options.map((_, i) => poll.remote_tallies?.[i] ?? 0);
  for (const c of choices) tallies[c] = (tallies[c] ?? 0) + 1;
  await db
    .updateTable("polls")
    .set({ remote_tallies: JSON.stringify(tallies) })
    .where("id", "=", poll.id)
    .execute();
}
