// Notifications v1, how they are made: each type by the real action once its jobs ran, the
// NotifyService rules that stop one (blocks either way, muted notifications, domain blocks,
// muted threads, oneself), undoing an event, scopes. Reading them: notifications-list.
import assert from "node:assert/strict";
import { before, beforeEach, test } from "node:test";
import { favourite } from "../../src/services/interactions/favourite.ts";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { empty, type Json, notifications, ok, post, reset, settle } from "./notifications-kit.ts";

describeEachDatabase("notifications v1", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const ids = () => rig().fixtures;
  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write follow");
    bob = await createToken(rig().ctx, "bob", "read write follow");
    admin = await createToken(rig().ctx, "admin", "read write follow");
  });
  beforeEach(async () => reset(rig()));

  test("scopes: read:notifications to read, write:notifications to change", async () => {
    for (const path of [
      "/api/v1/notifications",
      "/api/v1/notifications/unread_count",
      "/api/v1/notifications/1",
    ])
      await assertAuthEnforced(rig(), { method: "GET", path, scope: "read:notifications" });
    for (const path of ["/api/v1/notifications/clear", "/api/v1/notifications/1/dismiss"])
      await assertAuthEnforced(rig(), { method: "POST", path, scope: "write:notifications" });
  });

  test("favourite, boost, follow and mention notify the author once the jobs ran", async () => {
    const s = await post(rig(), bob, { status: "hello" });
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/reblog`, alice);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, alice);
    const mention = await post(rig(), alice, { status: "hi @bob" });
    assert.deepEqual(await notifications(rig(), bob), [], "nothing before the jobs run");
    await settle(rig());
    const list = await notifications(rig(), bob);
    assert.deepEqual(
      list.map((n: Json) => n.type),
      ["mention", "follow", "reblog", "favourite"],
    );
    for (const n of list) assert.equal(n.account.id, ids().alice.id);
    assert.equal(list[0].status.id, mention.id);
    assert.equal(list[2].status.id, s.id, "a boost shows the boosted post");
    assert.equal(list[3].status.id, s.id);
    assert.equal(list[1].status, undefined);
    assert.match(list[3].group_key, /^favourite-\d+-\d+$/);
    assert.equal(list[0].group_key, `ungrouped-${list[0].id}`);
    // Favouriting again (and retried jobs) do not notify twice; nobody hears of themself.
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, bob);
    await settle(rig());
    assert.equal((await notifications(rig(), bob)).length, 4);
    assert.deepEqual(await notifications(rig(), alice), []);
  });

  test("follow requests, the bell (status), polls, edits of boosted posts and quotes", async () => {
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ locked: true })
      .where("id", "=", ids().bob.id)
      .execute();
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, alice);
    await settle(rig());
    assert.deepEqual(
      (await notifications(rig(), bob)).map((n: Json) => n.type),
      ["follow_request"],
    );
    // alice rings bob's bell: bob's posts notify her, not his replies to others.
    await rig().ctx.db.updateTable("accounts").set({ locked: false }).execute();
    await ok(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/follow`, bob);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, admin, { notify: true });
    const other = await post(rig(), alice, { status: "root" });
    await settle(rig());
    const news = await post(rig(), bob, { status: "news" });
    await post(rig(), bob, { status: "reply", in_reply_to_id: other.id });
    await settle(rig());
    const adminSees = await notifications(rig(), admin, "?types[]=status");
    assert.deepEqual(
      adminSees.map((n: Json) => n.status.id),
      [news.id],
    );

    // A poll's end tells its voters and its author.
    const polled = await post(rig(), bob, {
      status: "poll",
      poll: { options: ["a", "b"], expires_in: 300 },
    });
    await ok(rig(), "POST", `/api/v1/polls/${polled.poll.id}/votes`, alice, { choices: [0] });
    rig().clock.advance(301_000);
    await settle(rig());
    for (const token of [alice, bob]) {
      const polls = await notifications(rig(), token, "?types[]=poll");
      assert.equal(polls.length, 1);
      assert.equal(polls[0].status.id, polled.id);
      assert.equal(polls[0].account.id, ids().bob.id);
    }

    // An edit tells those who boosted it; a quote tells the quoted author.
    await ok(rig(), "POST", `/api/v1/statuses/${news.id}/reblog`, alice);
    await ok(rig(), "PUT", `/api/v1/statuses/${news.id}`, bob, { status: "news, edited" });
    const quote = await post(rig(), alice, { status: "so true", quoted_status_id: news.id });
    await settle(rig());
    const updates = await notifications(rig(), alice, "?types[]=update");
    assert.equal(updates.length, 1);
    assert.equal(updates[0].status.id, news.id);
    const quotes = await notifications(rig(), bob, "?types[]=quote");
    assert.deepEqual(
      quotes.map((n: Json) => n.status.id),
      [quote.id],
    );
  });

  test("blocks either way, muted notifications, domain blocks and muted threads stop them", async () => {
    const s = await post(rig(), bob, { status: "quiet" });
    // A block made before the job runs, either way, stops it.
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/block`, bob);
    await settle(rig());
    await ok(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/unblock`, bob);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/reblog`, alice);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/block`, alice);
    await settle(rig());
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/unblock`, alice);
    assert.deepEqual(await notifications(rig(), bob), []);
    await rig().ctx.db.deleteFrom("favourites").execute();
    // bob mutes alice with notifications hidden: her favourite makes none.
    await ok(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/mute`, bob, {
      notifications: true,
    });
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await settle(rig());
    assert.deepEqual(await notifications(rig(), bob), []);
    // A mute that keeps notifications lets them through.
    await ok(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/mute`, bob, {
      notifications: false,
    });
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, admin);
    await settle(rig());
    assert.deepEqual(
      (await notifications(rig(), bob)).map((n: Json) => n.account.id),
      [ids().admin.id],
    );
    // A mention in a post that also names someone bob blocks: none (filter_from_mentions).
    await ok(rig(), "POST", `/api/v1/accounts/${ids().carol.id}/block`, bob);
    await post(rig(), alice, { status: "@bob @carol@remote.test hi both" });
    await settle(rig());
    assert.deepEqual(await notifications(rig(), bob, "?types[]=mention"), []);
    // A muted thread: boosts of it notify nobody.
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/mute`, bob);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/reblog`, admin);
    await settle(rig());
    assert.equal((await notifications(rig(), bob, "?types[]=reblog")).length, 0);
    // A remote sender whose domain bob blocks: nothing.
    await empty(rig(), "POST", "/api/v1/domain_blocks", bob, { domain: "remote.test" });
    const t = await post(rig(), bob, { status: "from afar" });
    await favourite(rig().ctx, ids().carol.id, t.id);
    await settle(rig());
    assert.equal((await notifications(rig(), bob, "?types[]=favourite")).length, 1);
    // And the notification rows say so too.
    const rows = await rig().ctx.db.selectFrom("notifications").select("from_account_id").execute();
    assert.deepEqual(
      rows.map((r) => String(r.from_account_id)),
      [ids().admin.id],
    );
  });

  test("undoing the event takes its notification away; doing it again notifies again", async () => {
    const s = await post(rig(), bob, { status: "undo" });
    // Undone before the job ran: nobody is told.
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/unfavourite`, alice);
    await settle(rig());
    assert.deepEqual(await notifications(rig(), bob), []);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/reblog`, alice);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, alice);
    await settle(rig());
    assert.equal((await notifications(rig(), bob)).length, 3);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/unfavourite`, alice);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/unreblog`, alice);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/unfollow`, alice);
    assert.deepEqual(await notifications(rig(), bob), []);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await settle(rig());
    assert.deepEqual(
      (await notifications(rig(), bob)).map((n: Json) => n.type),
      ["favourite"],
    );
    // A follow request's notification goes when the request is answered.
    await rig().ctx.db.updateTable("accounts").set({ locked: true }).execute();
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, admin);
    await settle(rig());
    assert.equal((await notifications(rig(), bob, "?types[]=follow_request")).length, 1);
    await ok(rig(), "POST", `/api/v1/follow_requests/${ids().admin.id}/authorize`, bob);
    assert.deepEqual(await notifications(rig(), bob, "?types[]=follow_request"), []);
  });
});
