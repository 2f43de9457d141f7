// Trends: the recurring trends.refresh job scores tags (distinct accounts today against
// yesterday) and posts (boosts + favourites, decaying with age); tags show unless rejected,
// posts only once approved; everything fades with the clock.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { ensureRecurringJobs, runDueJobs } from "../../src/jobs/worker.ts";
import { reviewTrend } from "../../src/services/trends/review-trend.ts";
import { assertSchema, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json, post } from "./statuses-kit.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describeEachDatabase("trends", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const db = () => rig().ctx.db;
  /** Lets the recurring refresh (every five minutes) run at the rig's clock. */
  const refresh = async (advanceMs = 5 * MINUTE) => {
    await ensureRecurringJobs(rig().ctx);
    rig().clock.advance(advanceMs);
    await runDueJobs(rig().ctx);
  };
  const trendRow = (kind: "tag" | "status") =>
    db().selectFrom("trends").selectAll().where("kind", "=", kind).execute();
  const tagNames = async (path = "/api/v1/trends/tags") => {
    const res = await call(rig(), "GET", path, undefined);
    assert.equal(res.status, 200);
    return res.body.map((t: Json) => t.name);
  };
  const trendingStatuses = async (token?: string) => {
    const res = await call(rig(), "GET", "/api/v1/trends/statuses", token);
    assert.equal(res.status, 200);
    return res.body.map((s: Json) => s.id);
  };

  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
  });

  test("nothing trends at first; links are always empty", async () => {
    await refresh();
    assert.deepEqual(await tagNames(), []);
    assert.deepEqual(await trendingStatuses(), []);
    const links = await call(rig(), "GET", "/api/v1/trends/links", undefined);
    assert.equal(links.status, 200);
    assert.deepEqual(links.body, []);
  });

  test("a tag used by three accounts today trends, with history; one account is not enough", async () => {
    await post(rig(), alice, { status: "#Teatime" });
    await post(rig(), alice, { status: "again #teatime and #solo" });
    await post(rig(), alice, { status: "#solo #solo" });
    await refresh();
    assert.deepEqual(await tagNames(), [], "one account");
    await post(rig(), bob, { status: "#teatime" });
    // A private post does not count.
    await post(rig(), admin, { status: "#teatime", visibility: "private" });
    await refresh();
    assert.deepEqual(await tagNames(), [], "two accounts");
    await post(rig(), admin, { status: "#TEATIME" });
    await refresh();
    assert.deepEqual(await tagNames(), ["Teatime"]);
    const res = await call(rig(), "GET", "/api/v1/trends/tags", undefined);
    assert.equal(res.body[0].history[0].accounts, "3");
    // The older path answers the same (it is not in the spec: check the entities).
    const old = await rig().get<Json[]>("/api/v1/trends");
    assert.equal(old.status, 200);
    for (const tag of old.body) assertSchema("Tag", tag);
    assert.deepEqual(
      old.body.map((t) => t.name),
      ["Teatime"],
    );
    const [row] = await trendRow("tag");
    assert.equal(row?.review, "pending");
    assert.ok(Math.abs(Number(row?.score) - 4) < 0.01, `score ${row?.score}`);
  });

  test("a tag's score decays by half every eight hours and fades out", async () => {
    const before = Number((await trendRow("tag"))[0]?.score);
    await refresh(8 * HOUR - 5 * MINUTE);
    const after = Number((await trendRow("tag"))[0]?.score);
    assert.ok(Math.abs(after - before / 2) < 0.05, `${before} → ${after}`);
    assert.deepEqual(await tagNames(), ["Teatime"]);
    // Below 1 after two more half-lives: no longer trending, the unreviewed row forgotten.
    await refresh(17 * HOUR);
    assert.deepEqual(await tagNames(), []);
    assert.deepEqual(await trendRow("tag"), []);
  });

  test("a rejected tag never shows again", async () => {
    for (const token of [alice, bob, admin]) await post(rig(), token, { status: "#Rejectme" });
    await refresh();
    assert.deepEqual(await tagNames(), ["Rejectme"]);
    assert.deepEqual(await reviewTrend(rig().ctx, "tag", "#REJECTME", "rejected"), {
      type: "ok",
      targetId: (
        await db()
          .selectFrom("tags")
          .select("id")
          .where("name", "=", "rejectme")
          .executeTakeFirstOrThrow()
      ).id,
    });
    assert.deepEqual(await tagNames(), []);
    await refresh();
    assert.deepEqual(await tagNames(), []);
    assert.deepEqual(await reviewTrend(rig().ctx, "tag", "nosuchtag", "approved"), {
      type: "not-found",
    });
  });

  test("a post with three interactions trends once approved; quieter posts never", async () => {
    const f = rig().fixtures;
    await db()
      .updateTable("accounts")
      .set({ discoverable: true })
      .where("id", "in", [f.alice.id, f.bob.id])
      .execute();
    const hot = (await post(rig(), alice, { status: "hot take" })).id;
    const quiet = (await post(rig(), alice, { status: "friends only", visibility: "private" })).id;
    const hidden = (await post(rig(), admin, { status: "admin is not discoverable" })).id;
    const warned = (await post(rig(), bob, { status: "cw", spoiler_text: "careful" })).id;
    await call(rig(), "POST", `/api/v1/accounts/${f.alice.id}/follow`, bob);
    for (const id of [hot, quiet, hidden, warned]) {
      await call(rig(), "POST", `/api/v1/statuses/${id}/favourite`, bob);
      await call(rig(), "POST", `/api/v1/statuses/${id}/favourite`, admin);
      await call(rig(), "POST", `/api/v1/statuses/${id}/favourite`, alice);
    }
    await refresh();
    const rows = await trendRow("status");
    assert.deepEqual(
      rows.map((r) => r.target_id),
      [hot],
    );
    assert.equal(rows[0]?.review, "pending");
    assert.deepEqual(await trendingStatuses(), [], "not approved yet");
    assert.deepEqual(await reviewTrend(rig().ctx, "status", hot, "approved"), {
      type: "ok",
      targetId: hot,
    });
    assert.deepEqual(await trendingStatuses(), [hot]);
    assert.deepEqual(await trendingStatuses(bob), [hot]);
    // A post decays with its age (two-hour half-life): after a day it no longer trends.
    await refresh(24 * HOUR);
    assert.deepEqual(await trendingStatuses(), []);
    // The approval stays with the row.
    assert.equal((await trendRow("status"))[0]?.review, "approved");
  });

  test("a deleted or suspended author's trending post disappears at once", async () => {
    const id = (await post(rig(), alice, { status: "short lived" })).id;
    for (const token of [bob, admin, alice])
      await call(rig(), "POST", `/api/v1/statuses/${id}/reblog`, token);
    await refresh();
    await reviewTrend(rig().ctx, "status", id, "approved");
    assert.deepEqual(await trendingStatuses(), [id]);
    const other = (await post(rig(), alice, { status: "second" })).id;
    for (const token of [bob, admin, alice])
      await call(rig(), "POST", `/api/v1/statuses/${other}/favourite`, token);
    await refresh();
    await reviewTrend(rig().ctx, "status", other, "approved");
    // Offsets page the list, with a Link header.
    const first = await call(rig(), "GET", "/api/v1/trends/statuses?limit=1", undefined);
    assert.equal(first.body.length, 1);
    assert.match(first.headers.get("link") ?? "", /offset=1>; rel="next"/);
    const second = await call(rig(), "GET", "/api/v1/trends/statuses?limit=1&offset=1", undefined);
    assert.equal(second.body.length, 1);
    assert.notEqual(second.body[0].id, first.body[0].id);
    assert.equal((await call(rig(), "DELETE", `/api/v1/statuses/${id}`, alice)).status, 200);
    assert.deepEqual(await trendingStatuses(), [other]);
    await db()
      .updateTable("accounts")
      .set({ suspended_at: rig().clock.now().toISOString() })
      .where("id", "=", rig().fixtures.alice.id)
      .execute();
    assert.deepEqual(await trendingStatuses(), []);
  });
});
