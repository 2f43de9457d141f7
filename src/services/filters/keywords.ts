// Filter keywords — https://docs.joinmastodon.org/methods/filters/#keywords-get
// Listed and added under their filter, read, changed and removed by their own id; a keyword
// of someone else's filter is 404. Every change sends filters_changed.
import type { AppContext } from "../../context.ts";
import { notFound } from "../../lib/errors.ts";
import {
  deleteKeywords,
  findKeywordsOf,
  findOwnFilter,
  findOwnKeyword,
  type KeywordRow,
  updateKeyword,
} from "../../repos/filters.ts";
import { checkKeyword, publishFiltersChanged } from "./common.ts";
import { applyKeywordChanges } from "./manage-filters.ts";

export async function listKeywords(ctx: AppContext, accountId: string, filterId: string) {
  if ((await findOwnFilter(ctx.db, accountId, filterId)) === undefined) throw notFound();
  return findKeywordsOf(ctx.db, [filterId]);
}

export async function addKeyword(
  ctx: AppContext,
  accountId: string,
  filterId: string,
  input: { keyword: string; wholeWord: boolean },
): Promise<KeywordRow> {
  if ((await findOwnFilter(ctx.db, accountId, filterId)) === undefined) throw notFound();
  checkKeyword(input.keyword);
  const at = ctx.clock.now().toISOString();
  const before = new Set((await findKeywordsOf(ctx.db, [filterId])).map((k) => k.id));
  await ctx.db
    .transaction()
    .execute((trx) =>
      applyKeywordChanges(
        ctx,
        trx,
        filterId,
        [{ keyword: input.keyword, wholeWord: input.wholeWord }],
        at,
      ),
    );
  await publishFiltersChanged(ctx, accountId);
  const added = (await findKeywordsOf(ctx.db, [filterId])).find((k) => !before.has(k.id));
  if (added === undefined) throw new Error("keyword vanished");
  return added;
}

export async function getKeyword(ctx: AppContext, accountId: string, id: string) {
  const row = await findOwnKeyword(ctx.db, accountId, id);
  if (row === undefined) throw notFound();
  return row;
}

export async function changeKeyword(
  ctx: AppContext,
  accountId: string,
  id: string,
  input: { keyword?: string | undefined; wholeWord?: boolean | undefined },
): Promise<KeywordRow> {
  await getKeyword(ctx, accountId, id);
  await updateKeyword(
    ctx.db,
    id,
    {
      ...(input.keyword === undefined ? {} : { keyword: checkKeyword(input.keyword) }),
      ...(input.wholeWord === undefined ? {} : { whole_word: input.wholeWord }),
    },
    ctx.clock.now().toISOString(),
  );
  await publishFiltersChanged(ctx, accountId);
  return getKeyword(ctx, accountId, id);
}

export async function removeKeyword(ctx: AppContext, accountId: string, id: string) {
  const row = await getKeyword(ctx, accountId, id);
  await deleteKeywords(ctx.db, String(row.custom_filter_id), [id]);
  await publishFiltersChanged(ctx, accountId);
}
