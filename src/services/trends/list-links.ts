// GET /api/v1/trends/links and /api/v1/timelines/link — https://docs.joinmastodon.org/methods/trends/#links
// Links trend by their preview card's URL and show only once a moderator approved them (as
// Mastodon). The link timeline answers only for such a link: public posts showing its card,
// by authors who opted into discovery, through the visibility rule.
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { idForTime } from "../../domain/id.ts";
import {
  countCardUses,
  findApprovedTrendingCard,
  findStatusesWithCard,
  findTrendingCards,
  type PreviewCardRow,
} from "../../repos/preview-cards.ts";
import type { StatusRow } from "../../repos/statuses.ts";
import { HISTORY_DAYS } from "../tags/common.ts";
import type { OffsetPage } from "./list-trends.ts";

const DAY_MS = 86_400_000;

export interface LoadedLink {
  card: PreviewCardRow;
  /** Newest first: midnight UTC in seconds, posts and distinct accounts that day. */
  history: { day: number; uses: number; accounts: number }[];
}

/** Approved trending links with their last seven days of shares: two queries. */
export async function listTrendingLinks(ctx: AppContext, page: OffsetPage): Promise<LoadedLink[]> {
  const cards = await findTrendingCards(ctx.db, page);
  const today = Math.floor(ctx.clock.now().getTime() / DAY_MS) * DAY_MS;
  const starts = Array.from(
    { length: HISTORY_DAYS },
    (_, i) => today - (HISTORY_DAYS - 1 - i) * DAY_MS,
  );
  const boundaries = [...starts, today + DAY_MS].map((ms) => new Date(ms).toISOString());
  const uses = await countCardUses(
    ctx.db,
    cards.map((c) => String(c.id)),
    boundaries,
    idForTime(new Date(starts[0] as number)),
  );
  const counted = new Map(uses.map((u) => [`${u.cardId}:${u.day}`, u]));
  return cards.map((card) => ({
    card,
    history: starts
      .map((start, i) => {
        const use = counted.get(`${card.id}:${i}`);
        return { day: start / 1000, uses: use?.uses ?? 0, accounts: use?.accounts ?? 0 };
      })
      .reverse(),
  }));
}

/**
 * The link timeline's page, or undefined when `url` is not an approved trending link.
 * `scope` is what the topic feed settings let the reader see ("none": an empty page).
 */
export async function linkTimeline(
  ctx: AppContext,
  viewerId: string | null,
  url: string,
  page: Page,
  scope: "all" | "local" | "remote" | "none",
): Promise<StatusRow[] | undefined> {
  const card = await findApprovedTrendingCard(ctx.db, url);
  if (card === undefined) return undefined;
  if (scope === "none") return [];
  const now = ctx.clock.now().toISOString();
  return findStatusesWithCard(ctx.db, String(card.id), viewerId, page, { scope, now });
}
