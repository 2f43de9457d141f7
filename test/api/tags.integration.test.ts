// Hashtags: GET /api/v1/tags/:name, follow / unfollow, GET /api/v1/followed_tags — names as
// posts write them, history from live public posts only, each rule tried the wrong way.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, countQueries, type Json, post } from "./statuses-kit.ts";

const DAY = 86_400_000;
const nextLink = (res: { headers: Headers }) =>
  /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
const namesOf = (list: Json[]) => list.map((t: { name: string }) => t.name);

describeEachDatabase("hashtags", (rig) => {
  let alice: string;
  let bob: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
  });

  const midnight = () => Math.floor(rig().clock.now().getTime() / DAY) * DAY;
  const tagRows = async (name: string) =>
    rig().ctx.db.selectFrom("tags").selectAll().where("name", "=", name).execute();
  const follows = async (name: string) =>
    (
      await rig()
        .ctx.db.selectFrom("tag_follows")
        .innerJoin("tags", "tags.id", "tag_follows.tag_id")
        .select("tag_follows.account_id")
        .where("tags.name", "=", name)
        .execute()
    ).map((r) => String(r.account_id));

  test("follow and unfollow need write:follows, followed_tags read:follows", async () => {
    for (const action of ["follow", "unfollow"])
      await assertAuthEnforced(rig(), {
        method: "POST",
        path: `/api/v1/tags/guarded/${action}`,
        scope: "write:follows",
      });
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/followed_tags",
      scope: "read:follows",
    });
  });

  test("GET /tags/:name is public; a token must be valid and shows its user's flags", async () => {
    await post(rig(), bob, { status: "#Public" });
    const anon = await call(rig(), "GET", "/api/v1/tags/public", undefined);
    assert.equal(anon.status, 200);
    assert.equal(anon.body.name, "Public");
    assert.equal(anon.body.following, undefined);
    assert.equal(anon.body.featuring, undefined);
    const app = await call(rig(), "GET", "/api/v1/tags/public", await createToken(rig().ctx, null));
    assert.equal(app.status, 200);
    assert.equal(app.body.following, undefined);
    // Mastodon asks for no scope: even a push-only token shows the flags.
    const push = await createToken(rig().ctx, "alice", "push");
    const flagged = await call(rig(), "GET", "/api/v1/tags/public", push);
    assert.equal(flagged.body.following, false);
    assert.equal(flagged.body.featuring, false);
    const bad = await call(rig(), "GET", "/api/v1/tags/public", "not-a-token");
    assert.equal(bad.status, 401);
  });

  test("names that cannot be hashtags are a 404 on every endpoint, as Mastodon", async () => {
    for (const name of ["123", "foo-bar", "%23foo", "a%20b", "foo.", "_%C2%B7", "a".repeat(501)]) {
      const shown = await call(rig(), "GET", `/api/v1/tags/${name}`, alice);
      assert.equal(shown.status, 404, name);
      assert.deepEqual(shown.body, { error: "Record not found" });
      for (const action of ["follow", "unfollow", "feature", "unfeature"]) {
        const res = await call(rig(), "POST", `/api/v1/tags/${name}/${action}`, alice);
        assert.equal(res.status, 404, `${action} ${name}`);
      }
    }
    const count = await rig()
      .ctx.db.selectFrom("tag_follows")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  test('a valid name nobody used: id "", seven empty days, and nothing is created', async () => {
    const res = await call(rig(), "GET", "/api/v1/tags/NeverUsed", alice);
    assert.equal(res.status, 200);
    assert.equal(res.body.id, "");
    assert.equal(res.body.name, "NeverUsed");
    assert.equal(res.body.url, `${rig().config.baseUrl}/tags/neverused`);
    assert.equal(res.body.following, false);
    const today = midnight() / 1000;
    assert.deepEqual(
      res.body.history,
      Array.from({ length: 7 }, (_, i) => ({
        day: String(today - i * 86_400),
        uses: "0",
        accounts: "0",
      })),
    );
    assert.deepEqual(await tagRows("neverused"), []);
  });

  test("names match across case and Unicode width, as posts store them", async () => {
    const s = await post(rig(), bob, { status: "#Café au lait" });
    assert.equal(s.tags[0].name, "Café");
    const tag = (await tagRows("café"))[0];
    assert.ok(tag);
    for (const spelling of ["CAFÉ", "caf%C3%A9", "%EF%BD%83%EF%BD%81%EF%BD%86%C3%A9"]) {
      const res = await call(rig(), "GET", `/api/v1/tags/${spelling}`, undefined);
      assert.equal(res.status, 200, spelling);
      assert.equal(res.body.id, String(tag.id));
      assert.equal(res.body.name, "Café");
      assert.equal(res.body.url, `${rig().config.baseUrl}/tags/caf%C3%A9`);
      assert.equal(res.body.history[0].uses, "1");
    }
  });

  test("history: live public and unlisted posts per day, distinct authors, seven days", async () => {
    await post(rig(), bob, { status: "#history one" });
    await post(rig(), bob, { status: "#history two", visibility: "unlisted" });
    await post(rig(), alice, { status: "#History three" });
    await post(rig(), alice, { status: "#history hidden", visibility: "private" });
    await post(rig(), alice, { status: "#history @bob", visibility: "direct" });
    const gone = await post(rig(), alice, { status: "#history deleted" });
    assert.equal((await call(rig(), "DELETE", `/api/v1/statuses/${gone.id}`, alice)).status, 200);
    rig().clock.advance(DAY);
    await post(rig(), bob, { status: "next day #history" });

    const res = await call(rig(), "GET", "/api/v1/tags/history", undefined);
    const today = midnight() / 1000;
    assert.deepEqual(res.body.history.slice(0, 3), [
      { day: String(today), uses: "1", accounts: "1" },
      { day: String(today - 86_400), uses: "3", accounts: "2" },
      { day: String(today - 2 * 86_400), uses: "0", accounts: "0" },
    ]);
    assert.equal(res.body.history.length, 7);

    // Six days on, the first day is the oldest shown; a day later it has left the window.
    rig().clock.advance(5 * DAY);
    const week = await call(rig(), "GET", "/api/v1/tags/history", undefined);
    assert.equal(week.body.history[6].uses, "3");
    rig().clock.advance(DAY);
    const later = await call(rig(), "GET", "/api/v1/tags/history", undefined);
    assert.deepEqual(
      later.body.history.map((d: Json) => d.uses),
      ["0", "0", "0", "0", "0", "0", "1"],
    );
  });

  test("follow: a new name is created as written, following twice is one follow", async () => {
    const first = await call(rig(), "POST", "/api/v1/tags/BrandNew/follow", alice);
    assert.equal(first.status, 200);
    assert.equal(first.body.name, "BrandNew");
    assert.equal(first.body.following, true);
    assert.equal(first.body.featuring, false);
    const row = (await tagRows("brandnew"))[0];
    assert.equal(first.body.id, String(row?.id));
    assert.equal(row?.display_name, "BrandNew");
    const again = await call(rig(), "POST", "/api/v1/tags/brandnew/follow", alice);
    assert.equal(again.body.following, true);
    assert.equal(again.body.name, "BrandNew");
    assert.deepEqual(await follows("brandnew"), [rig().fixtures.alice.id]);

    // The flag is per viewer.
    assert.equal((await call(rig(), "GET", "/api/v1/tags/brandnew", alice)).body.following, true);
    assert.equal((await call(rig(), "GET", "/api/v1/tags/brandnew", bob)).body.following, false);

    const undone = await call(rig(), "POST", "/api/v1/tags/BRANDNEW/unfollow", alice);
    assert.equal(undone.status, 200);
    assert.equal(undone.body.following, false);
    assert.deepEqual(await follows("brandnew"), []);
    // Unfollowing what one does not follow, or what nobody used, is still a Tag.
    const twice = await call(rig(), "POST", "/api/v1/tags/brandnew/unfollow", alice);
    assert.equal(twice.body.following, false);
    const unknown = await call(rig(), "POST", "/api/v1/tags/nobodyever/unfollow", alice);
    assert.equal(unknown.status, 200);
    assert.equal(unknown.body.id, "");
    assert.deepEqual(await tagRows("nobodyever"), []);
  });

  test("followed_tags: newest follow first, Link pages by follow id, own only", async () => {
    for (const name of ["first", "second", "third"])
      await call(rig(), "POST", `/api/v1/tags/${name}/follow`, bob);
    await call(rig(), "POST", "/api/v1/tags/alicesown/follow", alice);
    // Re-following an old tag does not move it up.
    await call(rig(), "POST", "/api/v1/tags/first/follow", bob);

    const page = await call(rig(), "GET", "/api/v1/followed_tags?limit=2", bob);
    assert.equal(page.status, 200);
    assert.deepEqual(namesOf(page.body), ["third", "second"]);
    assert.ok(page.body.every((t: Json) => t.following === true && t.history.length === 7));
    const next = nextLink(page);
    assert.ok(next);
    const rest = await call(rig(), "GET", new URL(next).pathname + new URL(next).search, bob);
    assert.deepEqual(namesOf(rest.body), ["first"]);
    assert.equal(nextLink(rest), undefined);

    const all = await call(rig(), "GET", "/api/v1/followed_tags", bob);
    assert.deepEqual(namesOf(all.body), ["third", "second", "first"]);
    const mine = await call(rig(), "GET", "/api/v1/followed_tags", alice);
    assert.deepEqual(namesOf(mine.body), ["alicesown"]);
  });

  test("followed_tags: a fixed number of queries whatever the page size", async () => {
    const one = await countQueries(rig(), () =>
      call(rig(), "GET", "/api/v1/followed_tags?limit=1", bob),
    );
    const three = await countQueries(rig(), () =>
      call(rig(), "GET", "/api/v1/followed_tags?limit=3", bob),
    );
    assert.equal(one, three);
  });
});
