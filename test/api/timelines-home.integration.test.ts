// The home timeline: posts reach followers' homes through the fan-out job (never before it
// runs), with Mastodon's home rules — blocks, mutes, replies to strangers, direct posts only
// to those mentioned, per-follow languages — and relationship changes keep homes true.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { trimFeeds } from "../../src/repos/feeds.ts";
import { fanOutStatus } from "../../src/services/timelines/fan-out.ts";
import { assertAuthEnforced, createToken, describeEachDatabase, FIXED_TIME } from "../rig/index.ts";
import { call, countQueries, type Json } from "./relationships-kit.ts";
import { post } from "./statuses-kit.ts";

describeEachDatabase("home timeline", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const ids = () => rig().fixtures;
  const home = async (token: string, query = "") => {
    const res = await call(rig(), "GET", `/api/v1/timelines/home${query}`, token);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res;
  };
  const homeIds = async (token: string) => (await home(token)).body.map((s: Json) => s.id);
  const follow = async (token: string, id: string, body: Record<string, unknown> = {}) => {
    const res = await call(rig(), "POST", `/api/v1/accounts/${id}/follow`, token, body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };
  const clearFeeds = async () => {
    await rig().ctx.db.deleteFrom("feed_entries").execute();
  };

  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
    await follow(bob, ids().alice.id);
    await runDueJobs(rig().ctx);
  });

  test("needs a token with read:statuses", async () => {
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/timelines/home",
      scope: "read:statuses",
    });
  });

  test("a post reaches its author's and followers' homes when the fan-out job runs", async () => {
    const s = await post(rig(), alice, { status: "hello followers" });
    assert.ok(!(await homeIds(bob)).includes(s.id), "not before the job runs");
    await runDueJobs(rig().ctx);
    assert.equal((await homeIds(bob))[0], s.id);
    assert.equal((await homeIds(alice))[0], s.id);
    assert.ok(!(await homeIds(admin)).includes(s.id), "not to someone who does not follow");
    const page = await home(bob);
    assert.equal(page.body[0].account.id, ids().alice.id);
    assert.equal(page.body[0].favourited, false);
  });

  test("private posts reach followers; direct ones only the followers they mention", async () => {
    const priv = await post(rig(), alice, { status: "followers only", visibility: "private" });
    const dmOther = await post(rig(), alice, { status: "@admin psst", visibility: "direct" });
    const dmBob = await post(rig(), alice, { status: "@bob psst", visibility: "direct" });
    await runDueJobs(rig().ctx);
    const bobs = await homeIds(bob);
    assert.ok(bobs.includes(priv.id));
    assert.ok(bobs.includes(dmBob.id));
    assert.ok(!bobs.includes(dmOther.id));
  });

  test("a reply to someone the reader does not follow stays out; self-threads come in", async () => {
    const adminPost = await post(rig(), admin, { status: "a stranger's post" });
    const replyToStranger = await post(rig(), alice, {
      status: "@admin interesting",
      in_reply_to_id: adminPost.id,
    });
    const own = await post(rig(), alice, { status: "thread start" });
    const selfReply = await post(rig(), alice, { status: "thread 2", in_reply_to_id: own.id });
    await runDueJobs(rig().ctx);
    const bobs = await homeIds(bob);
    assert.ok(!bobs.includes(replyToStranger.id));
    assert.ok(bobs.includes(selfReply.id));
  });

  test("a follow limited to some languages lets only those in", async () => {
    await follow(bob, ids().alice.id, { languages: ["de"] });
    const en = await post(rig(), alice, { status: "in english", language: "en" });
    const de = await post(rig(), alice, { status: "auf deutsch", language: "de" });
    await runDueJobs(rig().ctx);
    const bobs = await homeIds(bob);
    assert.ok(bobs.includes(de.id));
    assert.ok(!bobs.includes(en.id));
    await follow(bob, ids().alice.id, { languages: [] });
  });

  test("muting removes the author's posts from home, and mutes hide at once", async () => {
    const before = await post(rig(), alice, { status: "before the mute" });
    await runDueJobs(rig().ctx);
    assert.ok((await homeIds(bob)).includes(before.id));
    const muted = await call(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/mute`, bob);
    assert.equal(muted.status, 200);
    // Hidden even before the unmerge job ran.
    assert.ok(!(await homeIds(bob)).includes(before.id));
    await runDueJobs(rig().ctx);
    const rows = await rig()
      .ctx.db.selectFrom("feed_entries")
      .select("status_id")
      .where("feed_id", "=", ids().bob.id)
      .where("account_id", "=", ids().alice.id)
      .execute();
    assert.deepEqual(rows, []);
    const during = await post(rig(), alice, { status: "while muted" });
    await runDueJobs(rig().ctx);
    assert.ok(!(await homeIds(bob)).includes(during.id));
    await call(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/unmute`, bob);
  });

  test("unfollowing empties, following again brings recent posts back", async () => {
    const p = await post(rig(), alice, { status: "still here" });
    await runDueJobs(rig().ctx);
    assert.ok((await homeIds(bob)).includes(p.id));
    await call(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/unfollow`, bob);
    await runDueJobs(rig().ctx);
    assert.ok(!(await homeIds(bob)).includes(p.id));
    await follow(bob, ids().alice.id);
    await runDueJobs(rig().ctx);
    const bobs = await homeIds(bob);
    assert.ok(bobs.includes(p.id));
    // Private posts come back for a follower; direct ones to others never.
    assert.ok(!bobs.some((id: string) => id === undefined));
  });

  test("blocking takes each side's posts out of the other's home", async () => {
    await follow(alice, ids().bob.id);
    const fromBob = await post(rig(), bob, { status: "bob speaks" });
    const fromAlice = await post(rig(), alice, { status: "alice speaks" });
    await runDueJobs(rig().ctx);
    assert.ok((await homeIds(alice)).includes(fromBob.id));
    await call(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/block`, alice);
    await runDueJobs(rig().ctx);
    assert.ok(!(await homeIds(alice)).includes(fromBob.id));
    assert.ok(!(await homeIds(bob)).includes(fromAlice.id));
    const count = await rig()
      .ctx.db.selectFrom("feed_entries")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("feed_id", "=", ids().alice.id)
      .where("account_id", "=", ids().bob.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
    await call(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/unblock`, alice);
    await follow(bob, ids().alice.id);
    await runDueJobs(rig().ctx);
  });

  test("boosts reach followers unless reblogs are off or the post is already there", async () => {
    const stranger = await post(rig(), admin, { status: "worth sharing" });
    const boost = await call(rig(), "POST", `/api/v1/statuses/${stranger.id}/reblog`, alice);
    assert.equal(boost.status, 200, JSON.stringify(boost.body));
    await runDueJobs(rig().ctx);
    const page = await home(bob);
    assert.equal(page.body[0].id, boost.body.id);
    assert.equal(page.body[0].reblog.id, stranger.id);
    // Already in bob's home: a second boost of it (by bob's other followee) is not repeated.
    await follow(bob, ids().admin.id);
    const own = await post(rig(), admin, { status: "in bob's home already" });
    await runDueJobs(rig().ctx);
    const again = await call(rig(), "POST", `/api/v1/statuses/${own.id}/reblog`, alice);
    await runDueJobs(rig().ctx);
    const ids2 = await homeIds(bob);
    assert.ok(ids2.includes(own.id));
    assert.ok(!ids2.includes(again.body.id));
    await call(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/unfollow`, bob);
    // A follow with reblogs off lets alice's posts in but not her boosts.
    await follow(bob, ids().alice.id, { reblogs: false });
    const other = await post(rig(), admin, { status: "another" });
    const quiet = await call(rig(), "POST", `/api/v1/statuses/${other.id}/reblog`, alice);
    const hers = await post(rig(), alice, { status: "her own words" });
    await runDueJobs(rig().ctx);
    const bobs = await homeIds(bob);
    assert.ok(bobs.includes(hers.id));
    assert.ok(!bobs.includes(quiet.body.id));
    await follow(bob, ids().alice.id, { reblogs: true });
  });

  test("a remote post fans out to local followers through the same service", async () => {
    const carol = ids().carol.id;
    await rig()
      .ctx.db.insertInto("follows")
      .values({
        id: rig().ctx.newId(),
        account_id: ids().bob.id,
        target_account_id: carol,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
    const id = rig().ctx.newId();
    await rig()
      .ctx.db.insertInto("statuses")
      .values({
        id,
        uri: `https://remote.test/users/carol/statuses/${id}`,
        url: null,
        account_id: carol,
        in_reply_to_id: null,
        in_reply_to_account_id: null,
        reblog_of_id: null,
        content: "<p>from afar</p>",
        visibility: "public",
        language: "en",
        application_id: null,
        local: false,
        edited_at: null,
        deleted_at: null,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
    const delivered = await fanOutStatus(rig().ctx, id);
    assert.deepEqual(delivered, [ids().bob.id]);
    assert.equal((await homeIds(bob))[0], id);
  });

  test("pages: limit, max_id, min_id and Link headers", async () => {
    await clearFeeds();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await post(rig(), alice, { status: `page ${i}` })).id);
    await runDueJobs(rig().ctx);
    const first = await home(bob, "?limit=2");
    assert.deepEqual(
      first.body.map((s: Json) => s.id),
      [made[4], made[3]],
    );
    assert.match(first.headers.get("link") ?? "", /max_id=.*rel="next".*min_id=.*rel="prev"/s);
    const next = await home(bob, `?limit=2&max_id=${made[3]}`);
    assert.deepEqual(
      next.body.map((s: Json) => s.id),
      [made[2], made[1]],
    );
    const newer = await home(bob, `?limit=2&min_id=${made[1]}`);
    assert.deepEqual(
      newer.body.map((s: Json) => s.id),
      [made[3], made[2]],
    );
    const queriesFor = async (limit: number) =>
      countQueries(rig(), () => home(bob, `?limit=${limit}`));
    assert.equal(
      await queriesFor(1),
      await queriesFor(5),
      "a page costs a fixed number of queries",
    );
  });

  test("feeds are capped at their newest entries", async () => {
    await clearFeeds();
    for (let i = 0; i < 6; i++) await post(rig(), alice, { status: `cap ${i}` });
    await runDueJobs(rig().ctx);
    await trimFeeds(rig().ctx.db, 4);
    assert.equal((await homeIds(bob)).length, 4);
    assert.equal((await homeIds(alice)).length, 4);
  });

  test("a user back after more than a week gets their home rebuilt, 206 until then", async () => {
    await clearFeeds();
    rig().clock.advance(8 * 24 * 3600_000);
    const meanwhile = await post(rig(), alice, { status: "while bob was away" });
    await runDueJobs(rig().ctx);
    const bobEntries = await rig()
      .ctx.db.selectFrom("feed_entries")
      .select("status_id")
      .where("feed_id", "=", ids().bob.id)
      .execute();
    assert.deepEqual(bobEntries, [], "an inactive reader's home is not filled");
    // The spec documents 206 without a body schema: the body is the same array of statuses.
    const back = await rig().get<Json>("/api/v1/timelines/home", {
      headers: { authorization: `Bearer ${bob}` },
    });
    assert.equal(back.status, 206);
    assert.ok(Array.isArray(back.body));
    assert.ok(!back.body.some((s: Json) => s.id === meanwhile.id));
    await runDueJobs(rig().ctx);
    const rebuilt = await call(rig(), "GET", "/api/v1/timelines/home", bob);
    assert.equal(rebuilt.status, 200);
    assert.equal(rebuilt.body[0].id, meanwhile.id);
  });
});
