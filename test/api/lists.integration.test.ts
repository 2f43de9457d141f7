// Lists: CRUD and its limits, members (only accounts one follows, tied to the follow), the
// list timeline filled by fan-out with each replies policy, exclusive lists kept out of home,
// merge/unmerge on membership changes, ownership (someone else's list is 404).
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { channels } from "../../src/domain/streaming.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { LISTS_PER_ACCOUNT } from "../../src/services/lists/common.ts";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json, post } from "./statuses-kit.ts";

describeEachDatabase("lists", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const ids = () => rig().fixtures;
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await call(rig(), method, path, token, body);
    assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };
  /** Endpoints answering `{}` (the spec has no schema for them). */
  const empty = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await rig().send<Json>(method, path, body, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
    assert.deepEqual(res.body, {});
  };
  const raw = (method: string, path: string, token: string, body?: unknown) =>
    rig().send<Json>(method, path, body, { headers: { authorization: `Bearer ${token}` } });
  const newList = (token: string, body: Record<string, unknown>) =>
    ok("POST", "/api/v1/lists", token, body);
  const timeline = async (token: string, listId: string) =>
    ((await ok("GET", `/api/v1/timelines/list/${listId}`, token)) as Json[]).map((s) => s.id);
  const home = async (token: string) =>
    ((await ok("GET", "/api/v1/timelines/home", token)) as Json[]).map((s) => s.id);

  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write");
    bob = await createToken(rig().ctx, "bob", "read write");
    admin = await createToken(rig().ctx, "admin", "read write");
    // bob follows alice and admin.
    await ok("POST", `/api/v1/accounts/${ids().alice.id}/follow`, bob);
    await ok("POST", `/api/v1/accounts/${ids().admin.id}/follow`, bob);
    await runDueJobs(rig().ctx);
  });

  test("scopes: read:lists and write:lists", async () => {
    await assertAuthEnforced(rig(), { method: "GET", path: "/api/v1/lists", scope: "read:lists" });
    await assertAuthEnforced(rig(), {
      method: "POST",
      path: "/api/v1/lists",
      scope: "write:lists",
      body: { title: "x" },
    });
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/timelines/list/1",
      scope: "read:lists",
    });
  });

  test("create, read, rename, delete; defaults as Mastodon", async () => {
    const list = await newList(bob, { title: "Friends" });
    assert.deepEqual(
      { ...list, id: undefined },
      { id: undefined, title: "Friends", replies_policy: "list", exclusive: false },
    );
    const changed = await ok("PUT", `/api/v1/lists/${list.id}`, bob, {
      title: "Pals",
      replies_policy: "followed",
      exclusive: true,
    });
    assert.equal(changed.title, "Pals");
    assert.equal(changed.replies_policy, "followed");
    assert.equal(changed.exclusive, true);
    assert.equal((await ok("GET", `/api/v1/lists/${list.id}`, bob)).title, "Pals");
    assert.ok((await ok("GET", "/api/v1/lists", bob)).some((l: Json) => l.id === list.id));
    await empty("DELETE", `/api/v1/lists/${list.id}`, bob);
    assert.equal((await call(rig(), "GET", `/api/v1/lists/${list.id}`, bob)).status, 404);
  });

  test("bad input: blank or over-long title, unknown replies_policy", async () => {
    assert.equal((await raw("POST", "/api/v1/lists", bob, {})).status, 422);
    assert.equal((await raw("POST", "/api/v1/lists", bob, { title: "  " })).status, 422);
    const long = await raw("POST", "/api/v1/lists", bob, { title: "x".repeat(257) });
    assert.equal(long.status, 422);
    const policy = await raw("POST", "/api/v1/lists", bob, {
      title: "t",
      replies_policy: "everyone",
    });
    assert.equal(policy.status, 422);
    assert.match(policy.body.error, /replies_policy/);
  });

  test(`at most ${LISTS_PER_ACCOUNT} lists per account`, async () => {
    const existing = ((await ok("GET", "/api/v1/lists", admin)) as Json[]).length;
    for (let i = existing; i < LISTS_PER_ACCOUNT; i++) await newList(admin, { title: `l${i}` });
    const over = await raw("POST", "/api/v1/lists", admin, { title: "one too many" });
    assert.equal(over.status, 422);
    assert.match(over.body.error, /maximum/);
    const count = await rig()
      .ctx.db.selectFrom("lists")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("account_id", "=", ids().admin.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), LISTS_PER_ACCOUNT);
    await rig().ctx.db.deleteFrom("lists").where("account_id", "=", ids().admin.id).execute();
  });

  test("someone else's list is 404 everywhere", async () => {
    const list = await newList(bob, { title: "Mine" });
    for (const [method, path, body] of [
      ["GET", `/api/v1/lists/${list.id}`, undefined],
      ["PUT", `/api/v1/lists/${list.id}`, { title: "Theirs" }],
      ["DELETE", `/api/v1/lists/${list.id}`, undefined],
      ["GET", `/api/v1/lists/${list.id}/accounts`, undefined],
      ["POST", `/api/v1/lists/${list.id}/accounts`, { account_ids: [ids().bob.id] }],
      ["DELETE", `/api/v1/lists/${list.id}/accounts`, { account_ids: [ids().bob.id] }],
      ["GET", `/api/v1/timelines/list/${list.id}`, undefined],
    ] as const) {
      const res = await raw(method, path, alice, body);
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.deepEqual(res.body, { error: "Record not found" });
    }
    assert.equal((await ok("GET", `/api/v1/lists/${list.id}`, bob)).title, "Mine");
    assert.equal((await call(rig(), "GET", "/api/v1/lists/abc", bob)).status, 404);
  });

  test("members: only accounts one follows (422), listing with Link and limit=0", async () => {
    const list = await newList(bob, { title: "Members" });
    const path = `/api/v1/lists/${list.id}/accounts`;
    // bob does not follow carol.
    const stranger = await raw("POST", path, bob, { account_ids: [ids().carol.id] });
    assert.equal(stranger.status, 422);
    const missing = await raw("POST", path, bob, { account_ids: ["123456789"] });
    assert.equal(missing.status, 404);
    assert.equal((await raw("POST", path, bob, {})).status, 422);
    await empty("POST", path, bob, { account_ids: [ids().alice.id, ids().admin.id] });
    // Adding again changes nothing.
    await empty("POST", path, bob, { account_ids: [ids().alice.id] });
    const page = await call(rig(), "GET", `${path}?limit=1`, bob);
    assert.equal(page.body.length, 1);
    assert.match(page.headers.get("link") ?? "", /rel="next"/);
    const all = await ok("GET", `${path}?limit=0`, bob);
    assert.deepEqual(all.map((a: Json) => a.id).sort(), [ids().alice.id, ids().admin.id].sort());
    const holding = await ok("GET", `/api/v1/accounts/${ids().alice.id}/lists`, bob);
    assert.deepEqual(
      holding.map((l: Json) => l.id),
      [list.id],
    );
    assert.deepEqual(await ok("GET", `/api/v1/accounts/${ids().alice.id}/lists`, alice), []);
    await empty("DELETE", path, bob, { account_ids: [ids().admin.id] });
    assert.deepEqual(
      (await ok("GET", path, bob)).map((a: Json) => a.id),
      [ids().alice.id],
    );
    // Unfollowing takes the account off the follower's lists (the membership hangs on it).
    await ok("POST", `/api/v1/accounts/${ids().alice.id}/unfollow`, bob);
    assert.deepEqual(await ok("GET", path, bob), []);
    await ok("POST", `/api/v1/accounts/${ids().alice.id}/follow`, bob);
    await runDueJobs(rig().ctx);
  });

  test("fan-out fills the list; adding merges recent posts, removing unmerges", async () => {
    const before = await post(rig(), alice, { status: "before joining the list" });
    await runDueJobs(rig().ctx);
    const list = await newList(bob, { title: "Alice" });
    await empty("POST", `/api/v1/lists/${list.id}/accounts`, bob, {
      account_ids: [ids().alice.id],
    });
    assert.deepEqual(await timeline(bob, list.id), [], "merged by a job, not at once");
    await runDueJobs(rig().ctx);
    assert.ok((await timeline(bob, list.id)).includes(before.id));
    const after = await post(rig(), alice, { status: "after joining" });
    const adminPost = await post(rig(), admin, { status: "not a member" });
    await runDueJobs(rig().ctx);
    const got = await timeline(bob, list.id);
    assert.equal(got[0], after.id);
    assert.ok(!got.includes(adminPost.id));
    // Direct posts never go to lists.
    const dm = await post(rig(), alice, { status: "@bob psst", visibility: "direct" });
    await runDueJobs(rig().ctx);
    assert.ok(!(await timeline(bob, list.id)).includes(dm.id));
    await empty("DELETE", `/api/v1/lists/${list.id}/accounts`, bob, {
      account_ids: [ids().alice.id],
    });
    await runDueJobs(rig().ctx);
    assert.deepEqual(await timeline(bob, list.id), []);
    // Deleting the list takes its feed with it.
    await empty("POST", `/api/v1/lists/${list.id}/accounts`, bob, {
      account_ids: [ids().alice.id],
    });
    await runDueJobs(rig().ctx);
    await empty("DELETE", `/api/v1/lists/${list.id}`, bob);
    const left = await rig()
      .ctx.db.selectFrom("feed_entries")
      .select("status_id")
      .where("feed", "=", "list")
      .where("feed_id", "=", list.id)
      .execute();
    assert.deepEqual(left, []);
  });

  test("replies policy: none, list, followed", async () => {
    const none = await newList(bob, { title: "none", replies_policy: "none" });
    const onList = await newList(bob, { title: "list", replies_policy: "list" });
    const followed = await newList(bob, { title: "followed", replies_policy: "followed" });
    for (const l of [none, onList, followed]) {
      await empty("POST", `/api/v1/lists/${l.id}/accounts`, bob, { account_ids: [ids().alice.id] });
    }
    // admin is followed by bob but only in no list; alice replies to admin.
    const adminPost = await post(rig(), admin, { status: "root by admin" });
    const reply = await post(rig(), alice, { status: "@admin yes", in_reply_to_id: adminPost.id });
    const self = await post(rig(), alice, { status: "own thread", in_reply_to_id: reply.id });
    const selfReply = await post(rig(), alice, { status: "more", in_reply_to_id: self.id });
    await runDueJobs(rig().ctx);
    const inNone = await timeline(bob, none.id);
    const inList = await timeline(bob, onList.id);
    const inFollowed = await timeline(bob, followed.id);
    assert.ok(!inNone.includes(reply.id));
    assert.ok(!inList.includes(reply.id), "admin is not on that list");
    assert.ok(inFollowed.includes(reply.id), "bob follows admin");
    for (const got of [inNone, inList, inFollowed]) assert.ok(got.includes(selfReply.id));
    // Once admin is on the list, replies to admin come in there.
    await empty("POST", `/api/v1/lists/${onList.id}/accounts`, bob, {
      account_ids: [ids().admin.id],
    });
    const reply2 = await post(rig(), alice, {
      status: "@admin again",
      in_reply_to_id: adminPost.id,
    });
    await runDueJobs(rig().ctx);
    assert.ok((await timeline(bob, onList.id)).includes(reply2.id));
    assert.ok(!(await timeline(bob, none.id)).includes(reply2.id));
    for (const l of [none, onList, followed]) await empty("DELETE", `/api/v1/lists/${l.id}`, bob);
  });

  test("an exclusive list keeps its members' posts out of home", async () => {
    const list = await newList(bob, { title: "Only here", exclusive: true });
    await empty("POST", `/api/v1/lists/${list.id}/accounts`, bob, {
      account_ids: [ids().alice.id],
    });
    const s = await post(rig(), alice, { status: "exclusive" });
    const fromAdmin = await post(rig(), admin, { status: "still at home" });
    await runDueJobs(rig().ctx);
    assert.ok((await timeline(bob, list.id)).includes(s.id));
    const bobsHome = await home(bob);
    assert.ok(!bobsHome.includes(s.id));
    assert.ok(bobsHome.includes(fromAdmin.id));
    assert.ok((await home(alice)).includes(s.id), "the author still sees it");
    await ok("PUT", `/api/v1/lists/${list.id}`, bob, { exclusive: false });
    const s2 = await post(rig(), alice, { status: "not exclusive any more" });
    await runDueJobs(rig().ctx);
    assert.ok((await home(bob)).includes(s2.id));
    await empty("DELETE", `/api/v1/lists/${list.id}`, bob);
  });

  test("an update goes to the list's channel; unfollowing empties the list at once", async () => {
    const list = await newList(bob, { title: "Live" });
    await empty("POST", `/api/v1/lists/${list.id}/accounts`, bob, {
      account_ids: [ids().alice.id],
    });
    await runDueJobs(rig().ctx);
    const events: string[] = [];
    const stop = await rig().ctx.pubsub.subscribe(channels.list(list.id), (m: string) => {
      events.push(m);
    });
    const s = await post(rig(), alice, { status: "live in the list" });
    await runDueJobs(rig().ctx);
    await stop();
    assert.deepEqual(
      events.map((e) => JSON.parse(e)),
      [{ event: "update", payload: s.id }],
    );
    assert.ok((await timeline(bob, list.id)).includes(s.id));
    await ok("POST", `/api/v1/accounts/${ids().alice.id}/unfollow`, bob);
    assert.deepEqual(await timeline(bob, list.id), []);
    await ok("POST", `/api/v1/accounts/${ids().alice.id}/follow`, bob);
    await runDueJobs(rig().ctx);
    await empty("DELETE", `/api/v1/lists/${list.id}`, bob);
  });

  test("a list owner who mutes the author gets nothing in the list", async () => {
    const list = await newList(bob, { title: "Muted" });
    await empty("POST", `/api/v1/lists/${list.id}/accounts`, bob, {
      account_ids: [ids().alice.id],
    });
    await ok("POST", `/api/v1/accounts/${ids().alice.id}/mute`, bob);
    const s = await post(rig(), alice, { status: "while muted" });
    await runDueJobs(rig().ctx);
    assert.ok(!(await timeline(bob, list.id)).includes(s.id));
    await ok("POST", `/api/v1/accounts/${ids().alice.id}/unmute`, bob);
    await runDueJobs(rig().ctx);
    await empty("DELETE", `/api/v1/lists/${list.id}`, bob);
  });

  test("the lists CSV export has Mastodon's format", async () => {
    const list = await newList(bob, { title: "Export, me" });
    await empty("POST", `/api/v1/lists/${list.id}/accounts`, bob, {
      account_ids: [ids().alice.id],
    });
    const { exportListsCsv } = await import("../../src/services/lists/export-lists.ts");
    const csv = await exportListsCsv(rig().ctx, ids().bob.id);
    assert.ok(csv.includes(`"Export, me",alice@${rig().ctx.config.domain}\n`), csv);
    await empty("DELETE", `/api/v1/lists/${list.id}`, bob);
  });
});
