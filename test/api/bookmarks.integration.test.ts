// Bookmarks: POST /api/v1/statuses/:id/{bookmark,unbookmark}, GET /api/v1/bookmarks and the
// settings export (bookmarks.csv) — each rule tried once the wrong way.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { setPassword } from "../api/oauth-kit.ts";
import { go, signedIn } from "../pages/settings-kit.ts";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, countQueries, type Json, post } from "./statuses-kit.ts";

const idsOf = (list: Json[]) => list.map((s: { id: string }) => s.id);

describeEachDatabase("bookmarks", (rig) => {
  let alice: string;
  let bob: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
  });

  test("each endpoint enforces its token and scope", async () => {
    const s = await post(rig(), bob, { status: "auth" });
    for (const action of ["bookmark", "unbookmark"])
      await assertAuthEnforced(rig(), {
        method: "POST",
        path: `/api/v1/statuses/${s.id}/${action}`,
        scope: "write:bookmarks",
      });
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/bookmarks",
      scope: "read:bookmarks",
    });
  });

  test("bookmark: flag for the owner only, idempotent, newest first, then removed", async () => {
    const a = await post(rig(), bob, { status: "first" });
    const b = await post(rig(), bob, { status: "second", visibility: "unlisted" });
    const res = await call(rig(), "POST", `/api/v1/statuses/${b.id}/bookmark`, alice);
    assert.equal(res.status, 200);
    assert.equal(res.body.bookmarked, true);
    await call(rig(), "POST", `/api/v1/statuses/${b.id}/bookmark`, alice);
    await call(rig(), "POST", `/api/v1/statuses/${a.id}/bookmark`, alice);
    const list = await call(rig(), "GET", "/api/v1/bookmarks", alice);
    assert.equal(list.status, 200);
    assert.deepEqual(idsOf(list.body), [a.id, b.id]);
    for (const s of list.body) assert.equal(s.bookmarked, true);
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${a.id}`, bob)).body.bookmarked,
      false,
    );
    assert.deepEqual((await call(rig(), "GET", "/api/v1/bookmarks", bob)).body, []);
    const account = await call(
      rig(),
      "GET",
      `/api/v1/accounts/${rig().fixtures.bob.id}/statuses?limit=2`,
      alice,
    );
    assert.deepEqual(
      account.body.map((s: Json) => s.bookmarked),
      [true, true],
    );

    const paged = await call(rig(), "GET", "/api/v1/bookmarks?limit=1", alice);
    assert.deepEqual(idsOf(paged.body), [a.id]);
    const next = /<([^>]+)>; rel="next"/.exec(paged.headers.get("link") ?? "")?.[1];
    assert.ok(next);
    assert.deepEqual(idsOf((await call(rig(), "GET", next.replace(rig().url, ""), alice)).body), [
      b.id,
    ]);

    const removed = await call(rig(), "POST", `/api/v1/statuses/${a.id}/unbookmark`, alice);
    assert.equal(removed.status, 200);
    assert.equal(removed.body.bookmarked, false);
    const again = await call(rig(), "POST", `/api/v1/statuses/${a.id}/unbookmark`, alice);
    assert.equal(again.status, 200);
    assert.deepEqual(idsOf((await call(rig(), "GET", "/api/v1/bookmarks", alice)).body), [b.id]);
    await call(rig(), "POST", `/api/v1/statuses/${b.id}/unbookmark`, alice);
  });

  test("a status the viewer cannot see is a 404 and is not listed", async () => {
    const hidden = await post(rig(), bob, { status: "direct", visibility: "direct" });
    for (const action of ["bookmark", "unbookmark"])
      assert.equal(
        (await call(rig(), "POST", `/api/v1/statuses/${hidden.id}/${action}`, alice)).status,
        404,
      );
    assert.equal((await call(rig(), "POST", "/api/v1/statuses/99999/bookmark", alice)).status, 404);
    const s = await post(rig(), bob, { status: "will go" });
    await call(rig(), "POST", `/api/v1/statuses/${s.id}/bookmark`, alice);
    await call(rig(), "DELETE", `/api/v1/statuses/${s.id}`, bob);
    assert.ok(!idsOf((await call(rig(), "GET", "/api/v1/bookmarks", alice)).body).includes(s.id));
  });

  test("a page of bookmarks costs the same number of queries for 2 as for 20", async () => {
    const token = await createToken(rig().ctx, "admin");
    for (let i = 0; i < 20; i++) {
      const s = await post(rig(), bob, { status: `b${i} @alice #t${i}` });
      await call(rig(), "POST", `/api/v1/statuses/${s.id}/bookmark`, token);
    }
    const cost = (limit: number) =>
      countQueries(rig(), () => call(rig(), "GET", `/api/v1/bookmarks?limit=${limit}`, token));
    const small = await cost(2);
    assert.equal(await cost(20), small);
    assert.ok(small <= 10, `${small} queries`);
  });

  test("the settings export: one status URI per line, visible bookmarks only", async () => {
    await setPassword(rig(), "alice");
    const jar = await signedIn(rig(), rig().fixtures.alice.user);
    const page = await go(rig(), jar, "/settings/import");
    assert.match(page.text, /href="\/settings\/exports\/bookmarks\.csv"/);
    const kept = await post(rig(), bob, { status: "keep" });
    const mine = await post(rig(), alice, { status: "mine", visibility: "private" });
    const gone = await post(rig(), bob, { status: "gone" });
    for (const s of [kept, mine, gone])
      await call(rig(), "POST", `/api/v1/statuses/${s.id}/bookmark`, alice);
    await call(rig(), "DELETE", `/api/v1/statuses/${gone.id}`, bob);
    const csv = await go(rig(), jar, "/settings/exports/bookmarks.csv");
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
    assert.match(csv.headers.get("content-disposition") ?? "", /bookmarks\.csv/);
    assert.equal(csv.text, `${mine.uri}\n${kept.uri}\n`);
  });
});
