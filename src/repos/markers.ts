// Timeline markers (0023): where a user stopped reading home and notifications.
import type { Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { MarkersTable } from "../db/schema/index.ts";

export type MarkerRow = Selectable<MarkersTable>;

export function findMarkers(db: Db, accountId: string, timelines: readonly string[]) {
  if (timelines.length === 0) return Promise.resolve([] as MarkerRow[]);
  return db
    .selectFrom("markers")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("timeline", "in", [...timelines])
    .execute();
}

/**
 * Sets a marker: a new one starts at version 0, each update adds one (Mastodon's
 * lock_version). One statement, so two racing saves both count.
 */
export async function upsertMarker(
  db: Db,
  row: { accountId: string; timeline: string; lastReadId: string; at: string },
): Promise<void> {
  await db
    .insertInto("markers")
    .values({
      account_id: row.accountId,
      timeline: row.timeline,
      last_read_id: row.lastReadId,
      version: 0,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(["account_id", "timeline"]).doUpdateSet((eb) => ({
        last_read_id: row.lastReadId,
        version: eb(eb.ref("markers.version"), "+", 1),
        updated_at: row.at,
      })),
    )
    .execute();
}
