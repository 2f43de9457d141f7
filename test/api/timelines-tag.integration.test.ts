// The hashtag timeline (any[], all[], none[], local, remote, only_media; public posts only,
// not boosts, replies included; anonymous readers allowed), the link timeline (empty until
// preview cards exist), and hide filters with the public context.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json, post } from "./statuses-kit.ts";

describeEachDatabase("hashtag timeline", (rig) => {
  let alice = "";
  let bob = "";
  let cats: Json;
  let catsDogs: Json;
  let dogs: Json;
  let unlisted: Json;
  const tag = async (path: string, token?: string) => {
    const res = await call(rig(), "GET", `/api/v1/timelines/tag/${path}`, token);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res;
  };
  const tagIds = async (path: string, token?: string) =>
    (await tag(path, token)).body.map((s: Json) => s.id);

  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write");
    bob = await createToken(rig().ctx, "bob", "read write");
    cats = await post(rig(), alice, { status: "I love #Cats" });
    catsDogs = await post(rig(), alice, { status: "#cats and #dogs" });
    dogs = await post(rig(), bob, { status: "only #dogs" });
    unlisted = await post(rig(), alice, { status: "quiet #cats", visibility: "unlisted" });
    await call(rig(), "POST", `/api/v1/statuses/${cats.id}/reblog`, bob);
  });

  test("public posts with the tag, newest first, case-insensitive; anonymous too", async () => {
    assert.deepEqual(await tagIds("cats"), [catsDogs.id, cats.id]);
    assert.deepEqual(await tagIds("CATS", bob), [catsDogs.id, cats.id]);
    assert.ok(!(await tagIds("cats")).includes(unlisted.id), "public only");
    const page = await tag("cats?limit=1");
    assert.equal(page.body.length, 1);
    assert.match(page.headers.get("link") ?? "", /rel="next"/);
  });

  test("any[] widens, all[] narrows, none[] excludes", async () => {
    assert.deepEqual(await tagIds("cats?any[]=dogs"), [dogs.id, catsDogs.id, cats.id]);
    assert.deepEqual(await tagIds("cats?all[]=dogs"), [catsDogs.id]);
    assert.deepEqual(await tagIds("dogs?none[]=cats"), [dogs.id]);
    assert.deepEqual(await tagIds("nobody-uses-this"), []);
    assert.deepEqual(await tagIds("bad%20name"), []);
  });

  test("local, remote and only_media", async () => {
    assert.deepEqual(await tagIds("cats?local=true"), [catsDogs.id, cats.id]);
    assert.deepEqual(await tagIds("cats?remote=true"), []);
    assert.deepEqual(await tagIds("cats?only_media=true"), []);
  });

  test("hide filters for the public context drop posts; home-only ones do not", async () => {
    const filter = await call(rig(), "POST", "/api/v2/filters", bob, {
      title: "no dogs",
      context: ["public"],
      filter_action: "hide",
      keywords_attributes: [{ keyword: "dogs" }],
    });
    assert.equal(filter.status, 200);
    assert.deepEqual(await tagIds("cats", bob), [cats.id]);
    assert.deepEqual(await tagIds("cats", alice), [catsDogs.id, cats.id]);
    await call(rig(), "PUT", `/api/v2/filters/${filter.body.id}`, bob, { context: ["home"] });
    assert.deepEqual(await tagIds("cats", bob), [catsDogs.id, cats.id]);
  });

  test("the link timeline is 404 for a link that does not trend (as Mastodon)", async () => {
    const res = await call(
      rig(),
      "GET",
      "/api/v1/timelines/link?url=https%3A%2F%2Fexample.com",
      bob,
    );
    assert.equal(res.status, 404);
  });
});
