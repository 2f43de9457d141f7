// An account that moved (an accepted Move activity) names its new account.
// Remote polls keep the tallies their server reports (Mastodon's polls.cached_tallies): we
// hold only our own users' vote rows for them, so the counts come from each Create/Update of
// the Question. Null for local polls, whose tallies are counted from poll_votes.
import type { Kysely } from "kysely";
import { json } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("polls").addColumn("remote_tallies", json(db)).execute();
  await db.schema.alterTable("accounts").addColumn("moved_to_account_id", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("accounts").dropColumn("moved_to_account_id").execute();
  await db.schema.alterTable("polls").dropColumn("remote_tallies").execute();
}
