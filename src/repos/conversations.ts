// Conversations (threads) and the accounts that muted one. A post's conversation_id is
// written with the post (statuses.ts); this file starts threads, answers "did this account
// take part", and keeps the mutes (read for hydration with the other marks, status-interactions.ts).
import { sql } from "kysely";
import type { Db } from "../db/index.ts";

export async function insertConversation(
  db: Db,
  row: { id: string; at: string; uri?: string | null },
): Promise<string> {
  await db
    .insertInto("conversations")
    .values({ id: row.id, uri: row.uri ?? null, created_at: row.at })
    .execute();
  return row.id;
}

/** Whether `accountId` wrote a live post in the thread or is mentioned in one. */
export async function tookPartIn(
  db: Db,
  accountId: string,
  conversationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("statuses")
    .select(sql<number>`1`.as("one"))
    .where("statuses.conversation_id", "=", conversationId)
    .where("statuses.deleted_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("statuses.account_id", "=", accountId),
        eb.exists(
          eb
            .selectFrom("mentions")
            .select(sql`1`.as("one"))
            .whereRef("mentions.status_id", "=", "statuses.id")
            .where("mentions.account_id", "=", accountId),
        ),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Mutes the thread for the account unless muted; true when a row was added. */
export async function insertConversationMute(
  db: Db,
  row: { accountId: string; conversationId: string; at: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto("conversation_mutes")
    .values({ account_id: row.accountId, conversation_id: row.conversationId, created_at: row.at })
    .onConflict((oc) => oc.columns(["account_id", "conversation_id"]).doNothing())
    .returning("conversation_id")
    .execute();
  return inserted.length > 0;
}

/** True when a mute was there. */
export async function deleteConversationMute(
  db: Db,
  accountId: string,
  conversationId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom("conversation_mutes")
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
