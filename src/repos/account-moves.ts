// Moving a local account: the aliases it lists in `alsoKnownAs` (Mastodon's account_aliases)
// and the moves it made (account_migrations, which the 30-day cooldown reads).
import type { Db } from "../db/index.ts";

export interface AliasRow {
  id: string;
  acct: string;
  uri: string;
  created_at: string;
}

export async function listAliases(db: Db, accountId: string): Promise<AliasRow[]> {
  const rows = await db
    .selectFrom("account_aliases")
    .select(["id", "acct", "uri", "created_at"])
    .where("account_id", "=", accountId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}

/** The actor ids a local account lists in `alsoKnownAs`. */
export async function findAliasUris(db: Db, accountId: string): Promise<string[]> {
  return (await listAliases(db, accountId)).map((a) => a.uri);
}

/** False when the account lists that alias already. */
export async function insertAlias(
  db: Db,
  alias: { id: string; accountId: string; acct: string; uri: string; at: string },
): Promise<boolean> {
  const row = await db
    .insertInto("account_aliases")
    .values({
      id: alias.id,
      account_id: alias.accountId,
      acct: alias.acct,
      uri: alias.uri,
      created_at: alias.at,
    })
    .onConflict((oc) => oc.columns(["account_id", "uri"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteAlias(db: Db, accountId: string, aliasId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("account_aliases")
    .where("account_id", "=", accountId)
    .where("id", "=", aliasId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** When the account last moved, or null. */
export async function lastMigrationAt(db: Db, accountId: string): Promise<string | null> {
  const row = await db
    .selectFrom("account_migrations")
    .select("created_at")
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) return null;
  const at = row.created_at as unknown;
  return at instanceof Date ? at.toISOString() : String(at);
}

export async function insertMigration(
  db: Db,
  m: {
    id: string;
    accountId: string;
    acct: string;
    targetId: string;
    followers: number;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto("account_migrations")
    .values({
      id: m.id,
      account_id: m.accountId,
      acct: m.acct,
      target_account_id: m.targetId,
      followers_count: m.followers,
      created_at: m.at,
    })
    .execute();
}
