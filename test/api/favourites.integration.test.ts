// Favourites: POST /api/v1/statuses/:id/{favourite,unfavourite}, GET /api/v1/favourites and
// GET /api/v1/statuses/:id/favourited_by — each rule tried once the wrong way.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, countQueries, type Json, post } from "./statuses-kit.ts";

const idsOf = (list: Json[]) => list.map((s: { id: string }) => s.id);
const nextLink = (res: { headers: Headers }) =>
  /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
const favouritesCount = async (rig: () => { ctx: { db: Json } }, id: string) =>
  Number(
    (
      await rig()
        .ctx.db.selectFrom("statuses")
        .select("favourites_count")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).favourites_count,
  );

describeEachDatabase("favourites", (rig) => {
  let alice: string;
  let bob: string;
  let admin: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
  });

  test("each endpoint enforces its token and scope", async () => {
    const s = await post(rig(), bob, { status: "auth" });
    for (const action of ["favourite", "unfavourite"])
      await assertAuthEnforced(rig(), {
        method: "POST",
        path: `/api/v1/statuses/${s.id}/${action}`,
        scope: "write:favourites",
      });
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/favourites",
      scope: "read:favourites",
    });
  });

  test("favourite: flag and count once, however often; unfavourite never below zero", async () => {
    const s = await post(rig(), bob, { status: "like me" });
    const first = await call(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    assert.equal(first.status, 200);
    assert.equal(first.body.favourited, true);
    assert.equal(first.body.favourites_count, 1);
    const again = await call(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    assert.equal(again.body.favourites_count, 1);
    await call(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, admin);
    assert.equal(await favouritesCount(rig, s.id), 2);

    // The flag is per viewer, in every read.
    const asAlice = await call(rig(), "GET", `/api/v1/statuses/${s.id}`, alice);
    assert.equal(asAlice.body.favourited, true);
    assert.equal(asAlice.body.favourites_count, 2);
    const asBob = await call(rig(), "GET", `/api/v1/statuses/${s.id}`, bob);
    assert.equal(asBob.body.favourited, false);
    const anon = await call(rig(), "GET", `/api/v1/statuses/${s.id}`, undefined);
    assert.equal(anon.body.favourited, undefined);
    const listed = await call(
      rig(),
      "GET",
      `/api/v1/accounts/${rig().fixtures.bob.id}/statuses?limit=5`,
      alice,
    );
    assert.equal(listed.body.find((x: Json) => x.id === s.id).favourited, true);

    const undone = await call(rig(), "POST", `/api/v1/statuses/${s.id}/unfavourite`, alice);
    assert.equal(undone.status, 200);
    assert.equal(undone.body.favourited, false);
    assert.equal(undone.body.favourites_count, 1);
    const twice = await call(rig(), "POST", `/api/v1/statuses/${s.id}/unfavourite`, alice);
    assert.equal(twice.body.favourites_count, 1);
    await call(rig(), "POST", `/api/v1/statuses/${s.id}/unfavourite`, admin);
    await call(rig(), "POST", `/api/v1/statuses/${s.id}/unfavourite`, admin);
    assert.equal(await favouritesCount(rig, s.id), 0);
  });

  test("a status the viewer cannot see, deleted or unknown is a 404", async () => {
    const hidden = await post(rig(), bob, { status: "followers only", visibility: "private" });
    for (const action of ["favourite", "unfavourite"]) {
      const res = await call(rig(), "POST", `/api/v1/statuses/${hidden.id}/${action}`, alice);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { error: "Record not found" });
    }
    assert.equal(await favouritesCount(rig, hidden.id), 0);
    const gone = await post(rig(), bob, { status: "soon gone" });
    await call(rig(), "DELETE", `/api/v1/statuses/${gone.id}`, bob);
    assert.equal(
      (await call(rig(), "POST", `/api/v1/statuses/${gone.id}/favourite`, alice)).status,
      404,
    );
    for (const id of ["123456", "abc"])
      assert.equal(
        (await call(rig(), "POST", `/api/v1/statuses/${id}/favourite`, alice)).status,
        404,
      );
    // The author still may; a status that becomes invisible leaves the list.
    const mine = await call(rig(), "POST", `/api/v1/statuses/${hidden.id}/favourite`, bob);
    assert.equal(mine.body.favourited, true);
  });

  test("GET /api/v1/favourites: newest favourite first, 45 over pages by Link header", async () => {
    const token = await createToken(rig().ctx, "admin");
    const posted: string[] = [];
    for (let i = 0; i < 45; i++) posted.push((await post(rig(), bob, { status: `p${i}` })).id);
    // Favourited oldest post last: the list follows the favourites, not the posts.
    for (const id of [...posted].reverse())
      await call(rig(), "POST", `/api/v1/statuses/${id}/favourite`, token);
    const seen: string[] = [];
    let url: string | undefined = "/api/v1/favourites?limit=20";
    let pages = 0;
    while (url !== undefined) {
      const res = await call(rig(), "GET", url.replace(rig().url, ""), token);
      assert.equal(res.status, 200);
      for (const s of res.body) assert.equal(s.favourited, true);
      seen.push(...idsOf(res.body));
      url = nextLink(res);
      pages++;
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, posted);
    // prev of the first page: nothing newer.
    const first = await call(rig(), "GET", "/api/v1/favourites?limit=20", token);
    const prev = /<([^>]+)>; rel="prev"/.exec(first.headers.get("link") ?? "")?.[1];
    assert.ok(prev?.includes("min_id="));
    const newer = await call(rig(), "GET", (prev as string).replace(rig().url, ""), token);
    assert.deepEqual(newer.body, []);
  });

  test("the favourites list leaves out what the owner can no longer see", async () => {
    const token = await createToken(rig().ctx, "alice");
    const s = await post(rig(), bob, { status: "to delete" });
    await call(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, token);
    assert.ok(idsOf((await call(rig(), "GET", "/api/v1/favourites", token)).body).includes(s.id));
    await call(rig(), "DELETE", `/api/v1/statuses/${s.id}`, bob);
    assert.ok(!idsOf((await call(rig(), "GET", "/api/v1/favourites", token)).body).includes(s.id));
  });

  test("favourited_by: public for a visible status, paginated, 404 otherwise", async () => {
    const s = await post(rig(), alice, { status: "popular" });
    await call(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, bob);
    await call(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, admin);
    const all = await call(rig(), "GET", `/api/v1/statuses/${s.id}/favourited_by`, undefined);
    assert.equal(all.status, 200);
    assert.deepEqual(idsOf(all.body), [rig().fixtures.admin.id, rig().fixtures.bob.id]);
    const one = await call(rig(), "GET", `/api/v1/statuses/${s.id}/favourited_by?limit=1`, bob);
    assert.deepEqual(idsOf(one.body), [rig().fixtures.admin.id]);
    const next = nextLink(one);
    assert.ok(next);
    const rest = await call(rig(), "GET", next.replace(rig().url, ""), bob);
    assert.deepEqual(idsOf(rest.body), [rig().fixtures.bob.id]);

    const hidden = await post(rig(), alice, { status: "private", visibility: "private" });
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${hidden.id}/favourited_by`, undefined)).status,
      404,
    );
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${hidden.id}/favourited_by`, alice)).status,
      200,
    );
  });

  test("a page of favourites costs the same number of queries for 2 as for 20", async () => {
    const cost = (limit: number) =>
      countQueries(rig(), () => call(rig(), "GET", `/api/v1/favourites?limit=${limit}`, admin));
    const small = await cost(2);
    const large = await cost(20);
    assert.equal(large, small);
    assert.ok(large <= 10, `${large} queries`);
  });
});
