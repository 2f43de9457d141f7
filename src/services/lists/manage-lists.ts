// Creating, renaming and deleting lists — https://docs.joinmastodon.org/methods/lists/
// A list is private to its owner: another user's list answers as if it did not exist (404).
import type { AppContext } from "../../context.ts";
import { isId } from "../../domain/id.ts";
import { unprocessable } from "../../lib/errors.ts";
import {
  countLists,
  deleteList as deleteListRow,
  findListsHolding,
  findListsOf,
  findOwnList,
  insertList,
  type ListRow,
  updateList as updateListRow,
} from "../../repos/lists.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { LISTS_PER_ACCOUNT, type RepliesPolicy } from "./common.ts";

export interface ListChanges {
  title?: string | undefined;
  repliesPolicy?: RepliesPolicy | undefined;
  exclusive?: boolean | undefined;
}

export async function createList(
  ctx: AppContext,
  ownerId: string,
  input: { title: string; repliesPolicy: RepliesPolicy; exclusive: boolean },
): Promise<ListRow> {
  const at = ctx.clock.now().toISOString();
  const id = ctx.newId();
  await ctx.db.transaction().execute(async (trx) => {
    if ((await countLists(trx, ownerId)) >= LISTS_PER_ACCOUNT) {
      throw unprocessable("Validation failed: You have reached the maximum number of lists");
    }
    await insertList(trx, {
      id,
      account_id: ownerId,
      title: input.title,
      replies_policy: input.repliesPolicy,
      exclusive: input.exclusive,
      created_at: at,
      updated_at: at,
    });
  });
  const row = await findOwnList(ctx.db, ownerId, id);
  if (row === undefined) throw new Error("list vanished");
  return row;
}

export function getLists(ctx: AppContext, ownerId: string): Promise<ListRow[]> {
  return findListsOf(ctx.db, ownerId);
}

/** undefined when missing or someone else's (also for a malformed id, as from a stream name). */
export async function getList(ctx: AppContext, ownerId: string, listId: string) {
  if (!isId(listId)) return undefined;
  return findOwnList(ctx.db, ownerId, listId);
}

/** The owner's lists that hold an account (GET /api/v1/accounts/:id/lists); undefined: no such account. */
export async function getListsHolding(ctx: AppContext, ownerId: string, accountId: string) {
  if ((await findAccountById(ctx.db, accountId)) === undefined) return undefined;
  return findListsHolding(ctx.db, ownerId, accountId);
}

export async function updateList(
  ctx: AppContext,
  ownerId: string,
  listId: string,
  changes: ListChanges,
): Promise<ListRow | undefined> {
  const list = await findOwnList(ctx.db, ownerId, listId);
  if (list === undefined) return undefined;
  await updateListRow(ctx.db, listId, {
    ...(changes.title === undefined ? {} : { title: changes.title }),
    ...(changes.repliesPolicy === undefined ? {} : { replies_policy: changes.repliesPolicy }),
    ...(changes.exclusive === undefined ? {} : { exclusive: changes.exclusive }),
    updated_at: ctx.clock.now().toISOString(),
  });
  return findOwnList(ctx.db, ownerId, listId);
}

/** false when there was no such list of the owner's. */
export async function deleteList(ctx: AppContext, ownerId: string, listId: string) {
  const list = await findOwnList(ctx.db, ownerId, listId);
  if (list === undefined) return false;
  await ctx.db.transaction().execute((trx) => deleteListRow(trx, listId));
  return true;
}
