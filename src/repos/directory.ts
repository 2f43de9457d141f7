// The profile directory: accounts that opted in (`discoverable`), listed (not suspended,
// local ones confirmed and approved), without those the viewer blocked, muted or is blocked
// by. `active`: most recent post first (never posted last); `new`: newest account first.
import { sql } from "kysely";
import type { Db } from "../db/index.ts";
import { excludedByViewer, listedAccount } from "./account-filters.ts";
import type { AccountRow } from "./accounts.ts";

export interface DirectoryQuery {
  viewerId: string | null;
  order: "active" | "new";
  localOnly: boolean;
  limit: number;
  offset: number;
  now: string;
}

export async function listDirectory(db: Db, q: DirectoryQuery): Promise<AccountRow[]> {
  let query = db
    .selectFrom("accounts")
    .selectAll("accounts")
    .where("accounts.discoverable", "=", true)
    .where("accounts.memorial", "=", false)
    .where(listedAccount);
  if (q.localOnly) query = query.where("accounts.domain", "is", null);
  const viewerId = q.viewerId;
  if (viewerId !== null) {
    query = query
      .where("accounts.id", "!=", viewerId)
      .where((eb) => eb.not(excludedByViewer(eb, viewerId, { mutes: true, now: q.now })));
  }
  query =
    q.order === "new"
      ? query.orderBy("accounts.id", "desc")
      : query.orderBy(sql`accounts.last_status_at desc nulls last`).orderBy("accounts.id", "desc");
  return query.limit(q.limit).offset(q.offset).execute();
}
