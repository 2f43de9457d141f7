// Filters v1 — https://docs.joinmastodon.org/methods/filters/#v1 (deprecated in 4.0)
// As Mastodon maps them: a v1 filter is one keyword of a v2 filter (its id is the keyword's);
// creating makes a v2 filter titled by the phrase with that one keyword; `irreversible` is the
// hide action; changing the filter's own settings through a keyword of a filter with several
// keywords is refused (422); deleting removes the keyword only.
import type { AppContext } from "../../context.ts";
import { unprocessable } from "../../lib/errors.ts";
import { findFiltersOf, findKeywordsOf, findOwnFilter, updateFilter } from "../../repos/filters.ts";
import {
  checkAction,
  checkContext,
  expiryFrom,
  type FilterRow,
  type KeywordRow,
} from "./common.ts";
import { changeKeyword, getKeyword, removeKeyword } from "./keywords.ts";
import { createFilter } from "./manage-filters.ts";

export interface V1Filter {
  keyword: KeywordRow;
  filter: FilterRow;
}

export interface V1FilterInput {
  phrase?: string | undefined;
  context?: string[] | undefined;
  irreversible?: boolean | undefined;
  wholeWord?: boolean | undefined;
  expiresIn?: number | null | undefined;
}

export async function listV1Filters(ctx: AppContext, accountId: string): Promise<V1Filter[]> {
  const filters = await findFiltersOf(ctx.db, accountId);
  const byId = new Map(filters.map((f) => [f.id, f]));
  const keywords = await findKeywordsOf(
    ctx.db,
    filters.map((f) => f.id),
  );
  return keywords.flatMap((keyword) => {
    const filter = byId.get(String(keyword.custom_filter_id));
    return filter === undefined ? [] : [{ keyword, filter }];
  });
}

export async function getV1Filter(
  ctx: AppContext,
  accountId: string,
  id: string,
): Promise<V1Filter> {
  const keyword = await getKeyword(ctx, accountId, id);
  const filter = await findOwnFilter(ctx.db, accountId, String(keyword.custom_filter_id));
  if (filter === undefined) throw new Error("filter vanished");
  return { keyword, filter };
}

export async function createV1Filter(
  ctx: AppContext,
  accountId: string,
  input: V1FilterInput,
): Promise<V1Filter> {
  const phrase = input.phrase ?? "";
  const loaded = await createFilter(ctx, accountId, {
    title: phrase,
    context: input.context ?? [],
    action: input.irreversible === true ? "hide" : "warn",
    expiresIn: input.expiresIn ?? null,
    keywords: [{ keyword: phrase, wholeWord: input.wholeWord ?? true }],
  });
  const keyword = loaded.keywords[0];
  if (keyword === undefined) throw unprocessable("Validation failed: Keyword can't be blank");
  return { keyword, filter: loaded.filter };
}

export async function updateV1Filter(
  ctx: AppContext,
  accountId: string,
  id: string,
  input: V1FilterInput,
): Promise<V1Filter> {
  const current = await getV1Filter(ctx, accountId, id);
  const filterChanges = {
    ...(input.context === undefined ? {} : { context: checkContext(input.context) }),
    ...(input.irreversible === undefined
      ? {}
      : { action: checkAction(input.irreversible ? "hide" : "warn") }),
    ...(input.expiresIn === undefined ? {} : { expires_at: expiryFrom(ctx, input.expiresIn) }),
  };
  if (Object.keys(filterChanges).length > 0) {
    const siblings = await findKeywordsOf(ctx.db, [current.filter.id]);
    if (siblings.length > 1) {
      throw unprocessable("Legacy filter API cannot update filters with more than one keyword");
    }
    await updateFilter(ctx.db, current.filter.id, filterChanges, ctx.clock.now().toISOString());
  }
  await changeKeyword(ctx, accountId, id, { keyword: input.phrase, wholeWord: input.wholeWord });
  return getV1Filter(ctx, accountId, id);
}

export function deleteV1Filter(ctx: AppContext, accountId: string, id: string): Promise<void> {
  return removeKeyword(ctx, accountId, id);
}
