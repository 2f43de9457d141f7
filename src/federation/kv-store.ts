// Fedify's KvStore on our own database (table fedify_kv, SQL in repos/fedify-kv.ts), so that
// its caches, idempotency records and circuit-breaker state survive restarts and are shared by
// every process of a PostgreSQL deployment. Expiry uses the context clock (tests move it).
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";
import type { AppContext } from "../context.ts";
import {
  compareAndSwapKv,
  deleteExpiredKv,
  deleteKvValue,
  findKvValue,
  listKvValues,
  putKvValue,
} from "../repos/fedify-kv.ts";

type KvContext = Pick<AppContext, "db" | "clock" | "dialect">;

const encodeKey = (key: KvKey): string => JSON.stringify(key);

export class DatabaseKvStore implements KvStore {
  readonly #ctx: KvContext;

  constructor(ctx: KvContext) {
    this.#ctx = ctx;
  }

  #now(): Date {
    return this.#ctx.clock.now();
  }

  #expiry(options: KvStoreSetOptions | undefined): string | null {
    if (options?.ttl == null) return null;
    const ms = options.ttl.total({ unit: "millisecond" });
    return new Date(this.#now().getTime() + ms).toISOString();
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const row = await findKvValue(this.#ctx.db, encodeKey(key), this.#now().toISOString());
    return row?.value as T | undefined;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    await putKvValue(this.#ctx.db, encodeKey(key), value, this.#expiry(options));
  }

  async delete(key: KvKey): Promise<void> {
    await deleteKvValue(this.#ctx.db, encodeKey(key));
  }

  async cas(
    key: KvKey,
    expectedValue: unknown,
    newValue: unknown,
    options?: KvStoreSetOptions,
  ): Promise<boolean> {
    return compareAndSwapKv(
      this.#ctx.db,
      encodeKey(key),
      expectedValue,
      newValue,
      this.#expiry(options),
      this.#now().toISOString(),
      this.#ctx.dialect === "postgres",
    );
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    const rows = await listKvValues(
      this.#ctx.db,
      prefix === undefined ? null : encodeKey(prefix),
      this.#now().toISOString(),
    );
    for (const row of rows) {
      const key = JSON.parse(row.key) as KvKey;
      // SQLite's LIKE ignores ASCII case: compare the elements exactly here.
      if (prefix !== undefined && !prefix.every((part, i) => key[i] === part)) continue;
      yield { key, value: row.value };
    }
  }

  /** Deletes expired rows, a batch at a time; returns how many went. */
  async cleanup(batch = 1000): Promise<number> {
    const now = this.#now().toISOString();
    let total = 0;
    for (;;) {
      const deleted = await deleteExpiredKv(this.#ctx.db, now, batch);
      total += deleted;
      if (deleted < batch) return total;
    }
  }
}
