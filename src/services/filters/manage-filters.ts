// Filters v2 — https://docs.joinmastodon.org/methods/filters/
// Create, read, update and delete one's filters, with nested keyword changes as Mastodon's
// keywords_attributes (an id updates or, with _destroy, removes that keyword of this filter;
// no id adds one). Someone else's filter is 404. Every change sends filters_changed.
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import { FILTERS_PER_ACCOUNT, KEYWORDS_PER_FILTER } from "../../domain/filters.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import {
  countFilterParts,
  countFilters,
  deleteFilter as deleteFilterRow,
  deleteKeywords,
  findFiltersOf,
  findKeywordsOf,
  findOwnFilter,
  insertFilter,
  insertKeyword,
  updateFilter as updateFilterRow,
  updateKeyword,
} from "../../repos/filters.ts";
import {
  checkAction,
  checkContext,
  checkKeyword,
  checkTitle,
  expiryFrom,
  type LoadedFilter,
  loadFilters,
  publishFiltersChanged,
} from "./common.ts";

export interface KeywordChange {
  id?: string | undefined;
  keyword?: string | undefined;
  wholeWord?: boolean | undefined;
  destroy?: boolean | undefined;
}

export interface FilterInput {
  title?: string | undefined;
  context?: string[] | undefined;
  action?: string | undefined;
  /** Seconds from now; null clears the expiry; undefined leaves it. */
  expiresIn?: number | null | undefined;
  keywords?: KeywordChange[] | undefined;
}

export async function listFilters(ctx: AppContext, accountId: string): Promise<LoadedFilter[]> {
  return loadFilters(ctx, await findFiltersOf(ctx.db, accountId));
}

export async function getFilter(ctx: AppContext, accountId: string, id: string) {
  const row = await findOwnFilter(ctx.db, accountId, id);
  if (row === undefined) throw notFound();
  const [loaded] = await loadFilters(ctx, [row]);
  return loaded as LoadedFilter;
}

export async function createFilter(
  ctx: AppContext,
  accountId: string,
  input: FilterInput,
): Promise<LoadedFilter> {
  const title = checkTitle(input.title ?? "");
  const context = checkContext(input.context ?? []);
  const action = checkAction(input.action ?? "warn");
  const id = ctx.newId();
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if ((await countFilters(trx, accountId)) >= FILTERS_PER_ACCOUNT) {
      throw unprocessable(
        `Validation failed: You have reached the maximum of ${FILTERS_PER_ACCOUNT} filters`,
      );
    }
    await insertFilter(trx, {
      id,
      account_id: accountId,
      title,
      context,
      action,
      expires_at: expiryFrom(ctx, input.expiresIn ?? null),
      at,
    });
    await applyKeywordChanges(ctx, trx, id, input.keywords ?? [], at);
  });
  await publishFiltersChanged(ctx, accountId);
  return getFilter(ctx, accountId, id);
}

export async function updateFilter(
  ctx: AppContext,
  accountId: string,
  id: string,
  input: FilterInput,
): Promise<LoadedFilter> {
  if ((await findOwnFilter(ctx.db, accountId, id)) === undefined) throw notFound();
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await updateFilterRow(
      trx,
      id,
      {
        ...(input.title === undefined ? {} : { title: checkTitle(input.title) }),
        ...(input.context === undefined ? {} : { context: checkContext(input.context) }),
        ...(input.action === undefined ? {} : { action: checkAction(input.action) }),
        ...(input.expiresIn === undefined ? {} : { expires_at: expiryFrom(ctx, input.expiresIn) }),
      },
      at,
    );
    await applyKeywordChanges(ctx, trx, id, input.keywords ?? [], at);
  });
  await publishFiltersChanged(ctx, accountId);
  return getFilter(ctx, accountId, id);
}

export async function deleteFilter(ctx: AppContext, accountId: string, id: string) {
  if ((await findOwnFilter(ctx.db, accountId, id)) === undefined) throw notFound();
  await deleteFilterRow(ctx.db, id);
  await publishFiltersChanged(ctx, accountId);
}

/** keywords_attributes: updates and removals must name keywords of this filter (else 404). */
export async function applyKeywordChanges(
  ctx: AppContext,
  db: Db,
  filterId: string,
  changes: KeywordChange[],
  at: string,
): Promise<void> {
  if (changes.length === 0) return;
  const existing = new Set((await findKeywordsOf(db, [filterId])).map((k) => k.id));
  for (const change of changes) {
    if (change.id !== undefined && !existing.has(change.id)) throw notFound();
  }
  const removed = changes.filter((c) => c.id !== undefined && c.destroy === true);
  await deleteKeywords(
    db,
    filterId,
    removed.map((c) => c.id as string),
  );
  for (const change of changes) {
    if (change.destroy === true) continue;
    if (change.id !== undefined) {
      await updateKeyword(
        db,
        change.id,
        {
          ...(change.keyword === undefined ? {} : { keyword: checkKeyword(change.keyword) }),
          ...(change.wholeWord === undefined ? {} : { whole_word: change.wholeWord }),
        },
        at,
      );
    } else {
      // Rails' reject_if: :all_blank drops attribute sets with nothing in them.
      if (change.keyword === undefined && change.wholeWord === undefined) continue;
      await insertKeyword(db, {
        id: ctx.newId(),
        filterId,
        keyword: checkKeyword(change.keyword ?? ""),
        wholeWord: change.wholeWord ?? true,
        at,
      });
    }
  }
  if ((await countFilterParts(db, "custom_filter_keywords", filterId)) > KEYWORDS_PER_FILTER) {
    throw unprocessable(
      `Validation failed: A filter may have at most ${KEYWORDS_PER_FILTER} keywords`,
    );
  }
}
