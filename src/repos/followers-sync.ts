// Reads for FEP-8fcf followers synchronisation: our local accounts that follow a remote one.
import type { Db } from "../db/index.ts";

export interface LocalFollower {
  id: string;
  uri: string;
}

/** Local accounts following `accountId` (a remote account), with their actor URIs. */
export async function listLocalFollowersOf(db: Db, accountId: string): Promise<LocalFollower[]> {
  const rows = await db
    .selectFrom("follows as f")
    .innerJoin("accounts as a", "a.id", "f.account_id")
    .select(["a.id", "a.uri"])
    .where("f.target_account_id", "=", accountId)
    .where("a.domain", "is", null)
    .execute();
  return rows.map((r) => ({ id: String(r.id), uri: r.uri }));
}
