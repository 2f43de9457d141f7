// Conversations and their mutes: POST /api/v1/statuses/:id/{mute,unmute}, the `muted` flag,
// threads made by posting, and the migration's backfill of existing posts.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import { type Kysely, Migrator, sql } from "kysely";
import { type Db, openDatabase } from "../../src/db/index.ts";
import { migrations } from "../../src/db/migrations/index.ts";
import {
  accountRow,
  assertAuthEnforced,
  createToken,
  describeEachDatabase,
  FIXED_TIME,
  testDialects,
} from "../rig/index.ts";
import { call, countQueries, type Json, post } from "./statuses-kit.ts";

describeEachDatabase("conversation mutes", (rig) => {
  let alice: string;
  let bob: string;
  let admin: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
  });
  const mute = (token: string, id: string) =>
    call(rig(), "POST", `/api/v1/statuses/${id}/mute`, token);
  const unmute = (token: string, id: string) =>
    call(rig(), "POST", `/api/v1/statuses/${id}/unmute`, token);
  // Mastodon's 422 has no `details` (the spec's ValidationError is its registration form's).
  const refusedMute = (token: string, id: string) =>
    rig().send<Json>("POST", `/api/v1/statuses/${id}/mute`, undefined, {
      headers: { authorization: `Bearer ${token}` },
    });
  const conversationOf = async (id: string) =>
    (
      await rig()
        .ctx.db.selectFrom("statuses")
        .select("conversation_id")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).conversation_id;

  test("each endpoint enforces its token and scope", async () => {
    const s = await post(rig(), alice, { status: "auth" });
    for (const action of ["mute", "unmute"])
      await assertAuthEnforced(rig(), {
        method: "POST",
        path: `/api/v1/statuses/${s.id}/${action}`,
        scope: "write:mutes",
      });
  });

  test("a post starts a conversation, replies join it, a boost has none", async () => {
    const root = await post(rig(), alice, { status: "root" });
    const reply = await post(rig(), bob, { status: "reply", in_reply_to_id: root.id });
    const deeper = await post(rig(), alice, { status: "deeper", in_reply_to_id: reply.id });
    const other = await post(rig(), alice, { status: "another thread" });
    const conversation = await conversationOf(root.id);
    assert.ok(conversation !== null);
    assert.equal(await conversationOf(reply.id), conversation);
    assert.equal(await conversationOf(deeper.id), conversation);
    assert.notEqual(await conversationOf(other.id), conversation);
    const row = await rig()
      .ctx.db.selectFrom("conversations")
      .selectAll()
      .where("id", "=", conversation as string)
      .executeTakeFirstOrThrow();
    assert.equal(row.uri, null);
    const boost = await call(rig(), "POST", `/api/v1/statuses/${root.id}/reblog`, bob);
    assert.equal(await conversationOf(boost.body.id), null);
  });

  test("mute: the whole thread, for the muter only; unmute lifts it; both idempotent", async () => {
    const root = await post(rig(), alice, { status: "noisy thread" });
    const reply = await post(rig(), bob, { status: "reply", in_reply_to_id: root.id });
    const muted = await mute(alice, root.id);
    assert.equal(muted.status, 200);
    assert.equal(muted.body.id, root.id);
    assert.equal(muted.body.muted, true);
    assert.equal((await mute(alice, root.id)).body.muted, true);
    const rows = await rig()
      .ctx.db.selectFrom("conversation_mutes")
      .selectAll()
      .where("account_id", "=", rig().fixtures.alice.id)
      .execute();
    const conversation = String(await conversationOf(root.id));
    assert.equal(rows.filter((r) => String(r.conversation_id) === conversation).length, 1);
    // Every post of the thread shows it muted to alice, and to no one else.
    const asAlice = await call(rig(), "GET", `/api/v1/statuses/${reply.id}`, alice);
    assert.equal(asAlice.body.muted, true);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${root.id}`, bob)).body.muted, false);
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${root.id}`, undefined)).body.muted,
      undefined,
    );
    const context = await call(rig(), "GET", `/api/v1/statuses/${root.id}/context`, alice);
    assert.ok(context.body.descendants.every((s: Json) => s.muted === true));
    const unrelated = await post(rig(), alice, { status: "elsewhere" });
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${unrelated.id}`, alice)).body.muted,
      false,
    );

    const lifted = await unmute(alice, reply.id);
    assert.equal(lifted.status, 200);
    assert.equal(lifted.body.muted, false);
    assert.equal((await unmute(alice, reply.id)).body.muted, false);
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${root.id}`, alice)).body.muted,
      false,
    );
  });

  test("only a thread one takes part in: author, replier or mentioned; else a 422", async () => {
    const root = await post(rig(), alice, { status: "hello @bob" });
    // bob is mentioned, admin is a stranger until they reply.
    assert.equal((await mute(bob, root.id)).body.muted, true);
    const stranger = await refusedMute(admin, root.id);
    assert.equal(stranger.status, 422);
    assert.match(stranger.body.error, /^Validation failed: /);
    const none = await rig()
      .ctx.db.selectFrom("conversation_mutes")
      .select("account_id")
      .where("account_id", "=", rig().fixtures.admin.id)
      .execute();
    assert.deepEqual(none, []);
    await post(rig(), admin, { status: "me too", in_reply_to_id: root.id });
    assert.equal((await mute(admin, root.id)).body.muted, true);
    // Unmuting has nothing to protect: no participation needed.
    const other = await post(rig(), alice, { status: "not yours" });
    assert.equal((await unmute(admin, other.id)).status, 200);
  });

  test("unknown, deleted or hidden: a 404", async () => {
    for (const id of ["123456", "abc"]) {
      const res = await mute(alice, id);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { error: "Record not found" });
      assert.equal((await unmute(alice, id)).status, 404);
    }
    const hidden = await post(rig(), bob, { status: "@admin only", visibility: "direct" });
    assert.equal((await mute(alice, hidden.id)).status, 404);
    assert.equal((await mute(admin, hidden.id)).body.muted, true);
    const gone = await post(rig(), alice, { status: "gone" });
    await call(rig(), "DELETE", `/api/v1/statuses/${gone.id}`, alice);
    assert.equal((await mute(alice, gone.id)).status, 404);
  });

  test("a boost stands for its original's thread", async () => {
    const root = await post(rig(), alice, { status: "boosted thread" });
    const boost = (await call(rig(), "POST", `/api/v1/statuses/${root.id}/reblog`, bob)).body;
    const res = await mute(alice, boost.id);
    assert.equal(res.status, 200);
    assert.equal(res.body.id, boost.id);
    assert.equal(res.body.muted, false);
    assert.equal(res.body.reblog.muted, true);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${root.id}`, alice)).body.muted, true);
  });

  test("the muted flag costs no query of its own", async () => {
    const root = await post(rig(), alice, { status: "counted" });
    const cost = (token: string) =>
      countQueries(rig(), () => call(rig(), "GET", `/api/v1/statuses/${root.id}`, token));
    const before = await cost(alice);
    await mute(alice, root.id);
    assert.equal(await cost(alice), before);
  });
});

// The migration gives existing posts threads: written before 0013, migrated, then checked.
for (const dialect of testDialects())
  test(`0013 backfills conversations [${dialect}]`, async () => {
    const { db, close } = await openScratch(dialect);
    try {
      const names = Object.keys(migrations).sort();
      const before = names[names.indexOf("0013-boosts-conversations") - 1] as string;
      const migrator = new Migrator({
        db: db as never,
        provider: { getMigrations: async () => migrations },
      });
      assert.equal((await migrator.migrateTo(before)).error, undefined);
      const loose = db as unknown as Kysely<Json>;
      await loose
        .insertInto("accounts")
        .values(accountRow({ id: "100", username: "a", domain: null }))
        .execute();
      const status = (id: string, inReplyTo: string | null, reblogOf: string | null = null) => ({
        id,
        uri: `https://hearth.test/ap/statuses/${id}`,
        account_id: "100",
        in_reply_to_id: inReplyTo,
        reblog_of_id: reblogOf,
        visibility: "public",
        local: true,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      });
      // A thread (one reply older than its parent, as remote posts may be), a lone post, a
      // reply whose parent never arrived, and a boost.
      for (const s of [
        status("1000", null),
        status("1001", "1000"),
        status("999", "1002"),
        status("1002", "1001"),
        status("2000", null),
        status("3000", "424242"),
        status("4000", null, "1000"),
      ])
        await loose.insertInto("statuses").values(s).execute();
      assert.equal((await migrator.migrateTo("0013-boosts-conversations")).error, undefined);
      const rows = await sql<{ id: string; conversation_id: string | null }>`
        select id, conversation_id from statuses order by id`.execute(db);
      const of = new Map(
        rows.rows.map((r) => [
          String(r.id),
          r.conversation_id === null ? null : String(r.conversation_id),
        ]),
      );
      for (const id of ["1000", "1001", "1002", "999"]) assert.equal(of.get(id), "1000", id);
      assert.equal(of.get("2000"), "2000");
      assert.equal(of.get("3000"), "3000");
      assert.equal(of.get("4000"), null);
      const conversations = await sql<{
        n: number;
      }>`select count(*) as n from conversations`.execute(db);
      assert.equal(Number(conversations.rows[0]?.n), 3);
    } finally {
      await close();
    }
  });

/** A database of its own (not migrated), as the rig makes them. */
async function openScratch(dialect: string): Promise<{ db: Db; close(): Promise<void> }> {
  if (dialect === "sqlite") {
    const handle = openDatabase({ kind: "sqlite", path: ":memory:" });
    return { db: handle.db, close: () => handle.close() };
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const name = `hearth_test_${randomBytes(6).toString("hex")}`;
  const admin = openDatabase({ kind: "postgres", url });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  await admin.close();
  const own = new URL(url);
  own.pathname = `/${name}`;
  const handle = openDatabase({ kind: "postgres", url: own.toString() });
  return {
    db: handle.db,
    close: async () => {
      await handle.close();
      const cleanup = openDatabase({ kind: "postgres", url });
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(cleanup.db);
      await cleanup.close();
    },
  };
}
