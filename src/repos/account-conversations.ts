// Each account's view of its direct conversations (0023 account_conversations, Mastodon's
// AccountConversation): one row per account, thread and set of other participants, pointing
// at the newest direct post, with an unread flag. Pages by last_status_id, as Mastodon.
import { type Selectable, sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import type { AccountConversationsTable } from "../db/schema/index.ts";

export type AccountConversationRow = Selectable<AccountConversationsTable>;

const bigint = (id: string) => sql<string>`cast(${id} as bigint)`;

export function findAccountConversations(db: Db, accountId: string, conversationId: string) {
  return db
    .selectFrom("account_conversations")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversationId)
    .execute();
}

export async function insertAccountConversation(db: Db, row: AccountConversationRow) {
  await db
    .insertInto("account_conversations")
    .values({ ...row, participant_account_ids: JSON.stringify(row.participant_account_ids) })
    .execute();
}

export async function updateAccountConversation(
  db: Db,
  id: string,
  changes: { last_status_id?: string; unread?: boolean; updated_at: string },
) {
  await db.updateTable("account_conversations").set(changes).where("id", "=", id).execute();
}

export function findAccountConversation(db: Db, accountId: string, id: string) {
  return db
    .selectFrom("account_conversations")
    .selectAll()
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

export function findConversationPage(
  db: Db,
  accountId: string,
  page: Page,
): Promise<AccountConversationRow[]> {
  const query = db
    .selectFrom("account_conversations")
    .selectAll()
    .where("account_id", "=", accountId);
  return paginate(query, "account_conversations.last_status_id", page)
    .execute()
    .then((rows) => inDisplayOrder(rows, page));
}

export async function deleteAccountConversation(db: Db, accountId: string, id: string) {
  const result = await db
    .deleteFrom("account_conversations")
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Among `recipientIds`, those who should not hear from `authorId`: they block or mute the
 * author, or the author blocks them (Mastodon's NotifyService would drop the mention).
 */
export async function findRecipientsIgnoring(
  db: Db,
  authorId: string,
  recipientIds: readonly string[],
  now: string,
): Promise<Set<string>> {
  if (recipientIds.length === 0) return new Set();
  const ids = recipientIds.map(bigint);
  const blocks = await db
    .selectFrom("blocks")
    .select(["account_id", "target_account_id"])
    .where((eb) =>
      eb.or([
        eb.and([eb("account_id", "in", ids), eb("target_account_id", "=", authorId)]),
        eb.and([eb("account_id", "=", authorId), eb("target_account_id", "in", ids)]),
      ]),
    )
    .execute();
  const mutes = await db
    .selectFrom("mutes")
    .select("account_id")
    .where("account_id", "in", ids)
    .where("target_account_id", "=", authorId)
    .where((m) => m.or([m("expires_at", "is", null), m("expires_at", ">", now)]))
    .execute();
  const out = new Set<string>();
  for (const b of blocks) {
    out.add(String(b.account_id) === authorId ? String(b.target_account_id) : String(b.account_id));
  }
  for (const m of mutes) out.add(String(m.account_id));
  return out;
}
