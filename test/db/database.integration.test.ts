// Both databases must look the same to the code above them: value types, error classes,
// and migrations that go down and up again.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ForeignKeyViolationError, UniqueViolationError } from "../../src/db/errors.ts";
import { migrateDown, migrateToLatest, pendingMigrations } from "../../src/db/migrate.ts";
import { migrations } from "../../src/db/migrations/index.ts";
import { describeEachDatabase } from "../rig/index.ts";

const row = (id: string, username: string, domain: string | null = null) => ({
  id,
  username,
  domain,
  uri: `https://x.test/users/${id}`,
  url: null,
  inbox_url: null,
  shared_inbox_url: null,
  discoverable: true,
  last_status_at: null,
  suspended_at: null,
  fields: JSON.stringify([{ name: "Web", value: "<a>x</a>", verified_at: null }]),
  created_at: "2026-01-02T03:04:05.678Z",
  updated_at: "2026-01-02T03:04:05.678Z",
});

describeEachDatabase(
  "database adapters",
  (rig) => {
    test("ids, booleans, JSON and timestamps read back the same on both databases", async () => {
      const { db } = rig().ctx;
      await db.insertInto("accounts").values(row("9223372036854775806", "Zed")).execute();
      const back = await db
        .selectFrom("accounts")
        .selectAll()
        .where("id", "=", "9223372036854775806")
        .executeTakeFirstOrThrow();
      assert.equal(back.id, "9223372036854775806");
      assert.equal(back.locked, false);
      assert.equal(back.discoverable, true);
      assert.equal(back.followers_count, 0);
      assert.deepEqual(back.fields, [{ name: "Web", value: "<a>x</a>", verified_at: null }]);
      assert.equal(back.created_at, "2026-01-02T03:04:05.678Z");
      assert.equal(back.suspended_at, null);
    });

    test("a duplicate username (any case, same domain) is a UniqueViolationError", async () => {
      const { db } = rig().ctx;
      await db.insertInto("accounts").values(row("1001", "dup")).execute();
      await assert.rejects(
        db.insertInto("accounts").values(row("1002", "DUP")).execute(),
        UniqueViolationError,
      );
      // The same name on another server is a different account.
      await db
        .insertInto("accounts")
        .values(row("1003", "dup", "remote.test"))
        .execute();
      await assert.rejects(
        db
          .insertInto("accounts")
          .values(row("1004", "Dup", "remote.test"))
          .execute(),
        UniqueViolationError,
      );
    });

    test("a user for a missing account is a ForeignKeyViolationError", async () => {
      await assert.rejects(
        rig()
          .ctx.db.insertInto("users")
          .values({
            id: "2001",
            account_id: "424242",
            email: "x@y.test",
            password_hash: null,
            role: null,
            locale: null,
            confirmed_at: null,
            last_active_at: null,
            created_at: "2026-01-01T00:00:00.000Z",
            updated_at: "2026-01-01T00:00:00.000Z",
          })
          .execute(),
        ForeignKeyViolationError,
      );
    });

    test("a failed transaction leaves nothing behind", async () => {
      const { db } = rig().ctx;
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await trx.insertInto("accounts").values(row("3001", "ghost")).execute();
          await trx.insertInto("accounts").values(row("3002", "GHOST")).execute();
        }),
        UniqueViolationError,
      );
      const found = await db
        .selectFrom("accounts")
        .select("id")
        .where("id", "in", ["3001", "3002"])
        .execute();
      assert.deepEqual(found, []);
    });

    test("migrations roll back to nothing and apply again", async () => {
      const { db } = rig().ctx;
      const all = Object.keys(migrations);
      assert.deepEqual(await pendingMigrations(db), []);
      const rolledBack: string[] = [];
      for (let step = 0; step < all.length; step++) rolledBack.push(...(await migrateDown(db)));
      assert.deepEqual(rolledBack, [...all].reverse());
      assert.deepEqual(await pendingMigrations(db), all);
      assert.deepEqual(await migrateToLatest(db), all);
      assert.deepEqual(await migrateToLatest(db), []);
    });
  },
  { seed: false },
);
