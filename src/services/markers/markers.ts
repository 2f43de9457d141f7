// Markers — https://docs.joinmastodon.org/methods/markers/
// Saved reading positions for home and notifications, so several clients stay in step.
// Unknown timeline names are ignored, as Mastodon's strong parameters do.
import type { AppContext } from "../../context.ts";
import { findMarkers, type MarkerRow, upsertMarker } from "../../repos/markers.ts";

export const MARKER_TIMELINES = ["home", "notifications"] as const;
export type MarkerTimeline = (typeof MARKER_TIMELINES)[number];

export function isMarkerTimeline(value: string): value is MarkerTimeline {
  return (MARKER_TIMELINES as readonly string[]).includes(value);
}

export function getMarkers(
  ctx: AppContext,
  accountId: string,
  timelines: readonly MarkerTimeline[],
): Promise<MarkerRow[]> {
  return findMarkers(ctx.db, accountId, timelines);
}

/** Saves the positions given (timeline → last read id) and returns those markers. */
export async function saveMarkers(
  ctx: AppContext,
  accountId: string,
  positions: ReadonlyMap<MarkerTimeline, string>,
): Promise<MarkerRow[]> {
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const [timeline, lastReadId] of positions) {
      await upsertMarker(trx, { accountId, timeline, lastReadId, at });
    }
  });
  return findMarkers(ctx.db, accountId, [...positions.keys()]);
}
