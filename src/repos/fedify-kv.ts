// Rows of Fedify's key–value store (src/federation/kv-store.ts). Keys arrive already encoded
// (JSON text of the key array); values are any JSON. A row whose expires_at has passed counts
// as absent for every read and compare; cleanup deletes such rows in batches.
import { isDeepStrictEqual } from "node:util";
import { sql } from "kysely";
import type { Db } from "../db/index.ts";

export interface KvRow {
  key: string;
  value: unknown;
}

const jsonValue = (text: string): unknown => JSON.parse(text);

const live = (now: string) =>
  sql<boolean>`(fedify_kv.expires_at is null or fedify_kv.expires_at > ${now})`;

export async function findKvValue(db: Db, key: string, now: string): Promise<KvRow | undefined> {
  const row = await db
    .selectFrom("fedify_kv")
    .select(["key", "value"])
    .where("key", "=", key)
    .where(live(now))
    .executeTakeFirst();
  return row === undefined ? undefined : { key: row.key, value: jsonValue(row.value) };
}

export async function putKvValue(
  db: Db,
  key: string,
  value: unknown,
  expiresAt: string | null,
): Promise<void> {
  const encoded = JSON.stringify(value);
  await db
    .insertInto("fedify_kv")
    .values({ key, value: encoded, expires_at: expiresAt })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: encoded, expires_at: expiresAt }))
    .execute();
}

export async function deleteKvValue(db: Db, key: string): Promise<void> {
  await db.deleteFrom("fedify_kv").where("key", "=", key).execute();
}

/**
 * Sets `key` to `next` only if its live value deep-equals `expected` (undefined: absent).
 * Inside one transaction, the row locked on PostgreSQL; SQLite runs one writer at a time.
 */
export async function compareAndSwapKv(
  db: Db,
  key: string,
  expected: unknown,
  next: unknown,
  expiresAt: string | null,
  now: string,
  lockRows: boolean,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom("fedify_kv").select(["value", "expires_at"]).where("key", "=", key);
    if (lockRows) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    const current =
      row === undefined || (row.expires_at !== null && row.expires_at <= now)
        ? undefined
        : jsonValue(row.value);
    if (!isDeepStrictEqual(current, expected)) return false;
    const encoded = JSON.stringify(next);
    if (row === undefined) {
      // No row to lock: of two racing inserts one does nothing, and that one lost.
      const inserted = await trx
        .insertInto("fedify_kv")
        .values({ key, value: encoded, expires_at: expiresAt })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
    }
    await trx
      .updateTable("fedify_kv")
      .set({ value: encoded, expires_at: expiresAt })
      .where("key", "=", key)
      .execute();
    return true;
  });
}

/** Escapes LIKE's wildcards (with `\` as the escape character). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * Live rows whose key equals the encoded prefix or extends it (`["a"]` matches `["a"]` and
 * `["a","b"]`, not `["ab"]`), in key order; all live rows without a prefix.
 */
export async function listKvValues(
  db: Db,
  encodedPrefix: string | null,
  now: string,
): Promise<KvRow[]> {
  let query = db.selectFrom("fedify_kv").select(["key", "value"]).where(live(now));
  if (encodedPrefix !== null) {
    // `["a","b"]` without its closing bracket, then a comma: the next element must follow.
    const open = `${likeLiteral(encodedPrefix.slice(0, -1))},%`;
    query = query.where((eb) =>
      eb.or([eb("key", "=", encodedPrefix), sql<boolean>`key like ${open} escape '\\'`]),
    );
  }
  const rows = await query.orderBy("key").execute();
  return rows.map((r) => ({ key: r.key, value: jsonValue(r.value) }));
}

/** Deletes up to `limit` rows whose expiry has passed; returns how many went. */
export async function deleteExpiredKv(db: Db, now: string, limit: number): Promise<number> {
  const result = await db
    .deleteFrom("fedify_kv")
    .where("key", "in", (eb) =>
      eb
        .selectFrom("fedify_kv")
        .select("key")
        .where("expires_at", "is not", null)
        .where("expires_at", "<=", now)
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
