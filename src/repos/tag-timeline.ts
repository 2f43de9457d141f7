// The hashtag timeline (Mastodon's TagFeed): public posts, not boosts, replies included,
// carrying any of `any` (the path's tag plus any[]), every one of `all`, none of `none`;
// local or remote only, with media only; through the visibility rule and the reader's mutes.
// Tag names here are already normalized (lower case, NFKC).
import { type ExpressionBuilder, sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import { authorNotMutedBy, hasMedia } from "../db/queries/reader-filters.ts";
import { authorNotSilencedFor } from "../db/queries/silenced.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import type { Database } from "../db/schema/index.ts";
import type { StatusRow } from "./statuses.ts";

export interface TagTimelineQuery {
  any: string[];
  all: string[];
  none: string[];
  scope: "all" | "local" | "remote";
  onlyMedia: boolean;
}

function taggedWith(eb: ExpressionBuilder<Database, "statuses">, names: string[]) {
  return eb.exists(
    eb
      .selectFrom("status_tags as st")
      .innerJoin("tags as t", "t.id", "st.tag_id")
      .select(sql`1`.as("one"))
      .whereRef("st.status_id", "=", "statuses.id")
      .where("t.name", "in", names),
  );
}

export async function findTaggedStatuses(
  db: Db,
  readerId: string | null,
  page: Page,
  q: TagTimelineQuery,
  now: string,
): Promise<StatusRow[]> {
  let query = db
    .selectFrom("statuses")
    .selectAll("statuses")
    .where("statuses.visibility", "=", "public")
    .where("statuses.reblog_of_id", "is", null)
    .where("statuses.deleted_at", "is", null)
    .where((eb) => taggedWith(eb, q.any))
    .where(visibleTo(readerId))
    .where(authorNotSilencedFor(readerId, "statuses.account_id"));
  for (const name of q.all) query = query.where((eb) => taggedWith(eb, [name]));
  if (q.none.length > 0) query = query.where((eb) => eb.not(taggedWith(eb, q.none)));
  if (q.scope === "local") query = query.where("statuses.local", "=", true);
  if (q.scope === "remote") query = query.where("statuses.local", "=", false);
  if (q.onlyMedia) query = query.where(hasMedia());
  if (readerId !== null)
    query = query.where(authorNotMutedBy(readerId, "statuses.account_id", now));
  return inDisplayOrder(await paginate(query, "statuses.id", page).execute(), page);
}
