// Hydration of Status entities: for any number of status rows, their authors (with roles),
// mentions, hashtags, applications and media in a fixed number of queries (six, and one for
// the custom emoji of statuses and authors when any text holds a `:shortcode:`, one for
// preview cards when any content holds a link), so a page of
// 40 costs what a page of 1 does. For a signed-in viewer, the per-viewer flags (favourited,
// bookmarked, pinned, reblogged, muted) add one query for the page.
import type { AppContext } from "../../context.ts";
import type { QuoteEntitlement } from "../../domain/quote-policy.ts";
import type { EmojiRow } from "../../repos/custom-emojis.ts";
import { findMediaOfStatuses, type MediaRow } from "../../repos/media.ts";
import { findCardsOfStatuses, type PreviewCardRow } from "../../repos/preview-cards.ts";
import { findAccountsByIds } from "../../repos/profiles.ts";
import type { QuoteRow } from "../../repos/quotes.ts";
import { findViewerMarks, NO_MARKS } from "../../repos/status-interactions.ts";
import {
  findApplicationsByIds,
  findMentionsOf,
  findTagsOf,
  findVisibleStatuses,
  type MentionRow,
} from "../../repos/status-reads.ts";
import { mayHaveCardLink } from "../cards/status-link.ts";
import { accountEmojiSource, type EmojiSource, loadEmojis } from "../emojis/load-emojis.ts";
import type { LoadedPoll } from "../polls/common.ts";
import { loadPollsOfStatuses } from "../polls/load-polls.ts";
import { type LoadedAccount, withRoles } from "../profiles/load-accounts.ts";
import { addQuoteRows, loadQuoteContext, quotedIdOf } from "../quotes/load-quotes.ts";
import type { QuoteViewState } from "../quotes/quote-view.ts";
import type { StatusRow } from "./common.ts";

export interface LoadedStatus {
  status: StatusRow;
  account: LoadedAccount;
  /** Mentions written in the text (silent ones are not shown). */
  mentions: MentionRow[];
  tags: { name: string; displayName: string }[];
  application: { name: string; website: string | null } | null;
  media: MediaRow[];
  /** Custom emoji in the text and content warning. */
  emojis: EmojiRow[];
  /** Its poll with tallies and the viewer's choices (null: none). */
  poll: LoadedPoll | null;
  /** The preview card of its first link (null: none, or not fetched yet). */
  card: PreviewCardRow | null;
  /** A boost's original, hydrated the same way (null for anything but a boost). */
  reblog: LoadedStatus | null;
  /** The viewer has boosted it (false without a viewer). */
  reblogged: boolean;
  /** The viewer muted its conversation (false without a viewer). */
  muted: boolean;
  /** The quote it makes, as the viewer may see it (null: not a quote). */
  quote: LoadedQuote | null;
  /** How its quote policy applies to the viewer (QuoteApproval.current_user). */
  quoteEntitlement: QuoteEntitlement;
  /** The viewer's own marks on it (all false without a viewer). */
  favourited: boolean;
  bookmarked: boolean;
  pinned: boolean;
}

/**
 * A quote as shown: Mastodon's Quote (the quoted post nested, one level) or, for a post that is
 * itself shown inside a quote, ShallowQuote (the quoted post's id only).
 */
export interface LoadedQuote {
  state: QuoteViewState;
  shallow: boolean;
  /** Set when the state lets the quoted post show. */
  quotedStatusId: string | null;
  /** The quoted post, hydrated (never for a shallow quote). */
  quoted: LoadedStatus | null;
}

/** What loadRound() fills; the rest comes from loadStatuses (nesting, boosts, threads). */
type FlatStatus = Omit<LoadedStatus, "reblog" | "quote" | "quoteEntitlement">;

/** One round of hydration for all rows at once, in the order given (no nesting). */
async function loadRound(
  ctx: AppContext,
  rows: StatusRow[],
  viewerId: string | null,
): Promise<FlatStatus[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const authorRows = await findAccountsByIds(ctx.db, [...new Set(rows.map((r) => r.account_id))]);
  const authors = await withRoles(ctx, authorRows, { emojis: false });
  const domainOf = new Map(authorRows.map((a) => [a.id, a.domain]));
  // One query for the emoji of the statuses and of their authors' profiles.
  const statusSources: EmojiSource[] = rows.map((r) => ({
    domain: domainOf.get(r.account_id) ?? null,
    texts: [r.local ? r.text : r.content, r.spoiler_text],
  }));
  const emojis = await loadEmojis(ctx, [...statusSources, ...authorRows.map(accountEmojiSource)]);
  for (const [i, author] of authors.entries()) author.emojis = emojis[rows.length + i] ?? [];
  const authorById = new Map(authors.map((a) => [a.account.id, a]));
  const mentions = await findMentionsOf(ctx.db, ids);
  const tags = await findTagsOf(ctx.db, ids);
  const appIds = rows.flatMap((r) => (r.application_id === null ? [] : [r.application_id]));
  const apps = await findApplicationsByIds(ctx.db, [...new Set(appIds)]);
  const media = await findMediaOfStatuses(ctx.db, ids);
  // Polls, then their tallies with the viewer's choices: two queries, none without polls.
  const polls = await loadPollsOfStatuses(ctx, rows, viewerId);
  // Cards: status_cards is kept right at write time (linked by the fetch job, unlinked by an
  // edit), so reads never parse the HTML; a page without links costs no query.
  const linking = rows.filter((r) => mayHaveCardLink(r.content)).map((r) => r.id);
  const cards = await findCardsOfStatuses(ctx.db, linking);
  // Only one's own statuses can be pinned; boosts and muted threads come in the same query.
  const conversationIds = rows.flatMap((r) => r.conversation_id ?? []);
  const marks =
    viewerId === null
      ? NO_MARKS
      : await findViewerMarks(
          ctx.db,
          viewerId,
          ids,
          rows.filter((r) => r.account_id === viewerId).map((r) => r.id),
          [...new Set(conversationIds)],
        );
  return rows.flatMap((status, i) => {
    const account = authorById.get(status.account_id);
    if (account === undefined) return [];
    return [
      {
        status,
        account,
        mentions: mentions.filter((m) => m.statusId === status.id && !m.silent),
        tags: tags.filter((t) => t.statusId === status.id),
        application:
          status.application_id === null ? null : (apps.get(status.application_id) ?? null),
        media: media.filter((m) => m.status_id === status.id),
        emojis: emojis[i] ?? [],
        poll: polls.get(status.id) ?? null,
        card: cards.get(status.id) ?? null,
        favourited: marks.favourited.has(status.id),
        bookmarked: marks.bookmarked.has(status.id),
        pinned: marks.pinned.has(status.id),
        reblogged: marks.reblogged.has(status.id),
        muted: status.conversation_id !== null && marks.muted.has(status.conversation_id),
      },
    ];
  });
}

/** How deep embedded statuses nest (a boost of a quote is two levels); bounds the queries. */
const EMBED_DEPTH = 2;

/** The statuses a row shows inside itself: a boost's original, a quote's quoted post. */
function embeddedIds(row: StatusRow, quoteOf: ReadonlyMap<string, QuoteRow>): string[] {
  return [...(row.reblog_of_id === null ? [] : [row.reblog_of_id]), ...quotedIdOf(row, quoteOf)];
}

/**
 * Hydrates rows in the order given; a row whose author is missing is dropped. Embedded statuses are fetched through the
 * visibility rule (one query per level, none without any) and hydrated in the same round as
 * the rows, so boosts cost a fixed number of queries too (the viewer's boosts and muted
 * threads come with the other per-viewer marks).
 */
export async function loadStatuses(
  ctx: AppContext,
  rows: StatusRow[],
  viewerId: string | null = null,
): Promise<LoadedStatus[]> {
  if (rows.length === 0) return [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const quoteOf = new Map<string, QuoteRow>();
  let frontier = rows;
  for (let level = 0; level < EMBED_DEPTH; level++) {
    await addQuoteRows(ctx.db, frontier, quoteOf);
    const wanted = [...new Set(frontier.flatMap((r) => embeddedIds(r, quoteOf)))].filter(
      (id) => !byId.has(id),
    );
    frontier = wanted.length === 0 ? [] : await findVisibleStatuses(ctx.db, wanted, viewerId);
    if (frontier.length === 0) break;
    for (const row of frontier) byId.set(row.id, row);
  }
  // The deepest level's quotes show as ShallowQuote: their rows, not their posts.
  await addQuoteRows(ctx.db, frontier, quoteOf);
  const all = [...byId.values()];
  const quotes = await loadQuoteContext(ctx, viewerId, quoteOf, all);
  const flat = new Map((await loadRound(ctx, all, viewerId)).map((l) => [l.status.id, l]));

  // `shallow`: shown inside a quote, so its own quote is a ShallowQuote (as Mastodon).
  const assemble = (id: string, depth: number, shallow = false): LoadedStatus | undefined => {
    const base = flat.get(id);
    if (base === undefined || depth > EMBED_DEPTH) return undefined;
    const original = base.status.reblog_of_id;
    // Reads never list a boost of a post the viewer cannot see (visibleTo); a row handed in
    // anyway (one's deleted boost, answered by DELETE) shows without it rather than failing.
    const reblog = original === null ? null : (assemble(original, depth + 1) ?? null);
    const view = quotes.views.get(id);
    const quoted =
      view?.shownId == null || shallow ? null : (assemble(view.shownId, depth + 1, true) ?? null);
    return {
      ...base,
      reblog,
      quote:
        view === undefined
          ? null
          : { state: view.state, shallow, quotedStatusId: view.shownId, quoted },
      quoteEntitlement: quotes.entitlement(base.status),
    };
  };
  return rows.flatMap((r) => assemble(r.id, 0) ?? []);
}
