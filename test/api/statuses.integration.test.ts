// POST, GET and DELETE /api/v1/statuses: each rule tried once the wrong way.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { accountCounts, call, post } from "./statuses-kit.ts";

describeEachDatabase("statuses: create, read, delete", (rig) => {
  let alice: string;
  let bob: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
  });
  const ids = () => rig().fixtures;

  test("create and delete enforce their token and scope", async () => {
    await assertAuthEnforced(rig(), {
      method: "POST",
      path: "/api/v1/statuses",
      scope: "write:statuses",
      body: { status: "auth check" },
    });
    await assertAuthEnforced(rig(), {
      method: "DELETE",
      path: "/api/v1/statuses/1",
      scope: "write:statuses",
    });
  });

  test("a post: rendered content, every key, counts and the author's last_status_at", async () => {
    const before = await accountCounts(rig(), ids().alice.id);
    const s = await post(rig(), alice, {
      status: "Hello #World, see https://example.com/a/very/long/path/that/goes/on and on",
      language: "en",
    });
    assert.equal(s.visibility, "public");
    assert.equal(s.language, "en");
    assert.equal(s.account.id, ids().alice.id);
    assert.match(s.content, /^<p>Hello <a href="https:\/\/hearth\.test\/tags\/World"/);
    assert.match(s.content, /<span class="ellipsis">example\.com\/a\/very\/long\/path\/t<\/span>/);
    assert.deepEqual(s.tags, [{ name: "World", url: "https://hearth.test/tags/world" }]);
    assert.deepEqual(s.mentions, []);
    assert.deepEqual(s.media_attachments, []);
    assert.equal(s.reblog, null);
    assert.equal(s.poll, null);
    assert.equal(s.card, null);
    assert.equal(s.favourited, false);
    assert.equal(s.pinned, false);
    assert.deepEqual(s.filtered, []);
    assert.equal(s.application.name, "Test client");
    assert.equal(s.uri, `https://hearth.test/ap/statuses/${s.id}`);
    assert.equal(s.url, `https://hearth.test/@alice/${s.id}`);
    assert.equal(s.text, undefined);
    const after = await accountCounts(rig(), ids().alice.id);
    assert.equal(after.statuses, before.statuses + 1);
    assert.equal(after.lastStatusAt, rig().clock.now().toISOString());

    const anon = await call(rig(), "GET", `/api/v1/statuses/${s.id}`, undefined);
    assert.equal(anon.status, 200);
    assert.equal(anon.body.favourited, undefined);
    assert.equal(anon.body.content, s.content);
  });

  test("a form body works as JSON does; visibility defaults to the author's setting", async () => {
    await rig()
      .ctx.db.updateTable("users")
      .set({ settings: JSON.stringify({ defaultPrivacy: "unlisted", defaultSensitive: true }) })
      .where("account_id", "=", ids().bob.id)
      .execute();
    const res = await rig().send(
      "POST",
      "/api/v1/statuses",
      new URLSearchParams({ status: "from a form", spoiler_text: "cw" }),
      { headers: { authorization: `Bearer ${bob}` } },
    );
    assert.equal(res.status, 200);
    const body = res.body as { visibility: string; sensitive: boolean; spoiler_text: string };
    assert.equal(body.visibility, "unlisted");
    assert.equal(body.sensitive, true);
    assert.equal(body.spoiler_text, "cw");
    await rig()
      .ctx.db.updateTable("users")
      .set({ settings: "{}" })
      .where("account_id", "=", ids().bob.id)
      .execute();
  });

  test("too long counts links as 23 and the content warning too; empty is refused", async () => {
    const before = await accountCounts(rig(), ids().alice.id);
    const url = `https://example.com/${"x".repeat(300)}`;
    // 476 + 1 + 23 = 500: fits however long the link really is.
    const fits = await call(rig(), "POST", "/api/v1/statuses", alice, {
      status: `${"a".repeat(476)} ${url}`,
    });
    assert.equal(fits.status, 200);
    const over = await call(rig(), "POST", "/api/v1/statuses", alice, {
      status: `${"a".repeat(477)} ${url}`,
    });
    assert.equal(over.status, 422);
    assert.deepEqual(over.body, {
      error: "Validation failed: Text character limit of 500 exceeded",
    });
    const withWarning = await call(rig(), "POST", "/api/v1/statuses", alice, {
      status: "a".repeat(490),
      spoiler_text: "b".repeat(11),
    });
    assert.equal(withWarning.status, 422);
    for (const status of ["", "   \n "]) {
      const empty = await call(rig(), "POST", "/api/v1/statuses", alice, { status });
      assert.equal(empty.status, 422);
      assert.deepEqual(empty.body, { error: "Validation failed: Text can't be blank" });
    }
    const noStatus = await call(rig(), "POST", "/api/v1/statuses", alice, { spoiler_text: "x" });
    assert.equal(noStatus.status, 422);
    const badVisibility = await call(rig(), "POST", "/api/v1/statuses", alice, {
      status: "x",
      visibility: "everyone",
    });
    assert.equal(badVisibility.status, 422);
    const media = await call(rig(), "POST", "/api/v1/statuses", alice, {
      status: "x",
      media_ids: ["1"],
    });
    assert.equal(media.status, 422);
    assert.equal((await accountCounts(rig(), ids().alice.id)).statuses, before.statuses + 1);
  });

  test("mentions of local and known remote accounts link; unknown ones stay text", async () => {
    const s = await post(rig(), alice, {
      status: "hi @bob and @carol@remote.test and @nobody and @ghost@elsewhere.test",
    });
    assert.deepEqual(
      s.mentions.map((m: { acct: string }) => m.acct),
      ["bob", "carol@remote.test"],
    );
    assert.equal(s.mentions[0].id, ids().bob.id);
    assert.equal(s.mentions[1].url, "https://remote.test/@carol");
    assert.match(s.content, /class="u-url mention">@<span>bob<\/span>/);
    assert.match(s.content, /@nobody and @ghost@elsewhere\.test<\/p>$/);
  });

  test("a private post: author, followers and mentioned only", async () => {
    const { alice: a, bob: b } = ids();
    const priv = await post(rig(), alice, { status: "friends only", visibility: "private" });
    const read = (token: string | undefined) =>
      call(rig(), "GET", `/api/v1/statuses/${priv.id}`, token);
    assert.equal((await read(alice)).status, 200);
    assert.equal((await read(undefined)).status, 404);
    assert.equal((await read(bob)).status, 404);
    await call(rig(), "POST", `/api/v1/accounts/${a.id}/follow`, bob);
    assert.equal((await read(bob)).status, 200);
    // A block ends the follow and hides everything, both ways.
    await call(rig(), "POST", `/api/v1/accounts/${b.id}/block`, alice);
    assert.equal((await read(bob)).status, 404);
    const pub = await post(rig(), alice, { status: "public, but not to bob" });
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${pub.id}`, bob)).status, 404);
    await call(rig(), "POST", `/api/v1/accounts/${b.id}/unblock`, alice);
    assert.equal((await read(bob)).status, 404);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${pub.id}`, bob)).status, 200);
    const listed = await call(rig(), "GET", `/api/v1/statuses?id[]=${priv.id}&id[]=${pub.id}`, bob);
    assert.deepEqual(
      listed.body.map((s: { id: string }) => s.id),
      [pub.id],
    );
  });

  test("a direct post: only the mentioned see it, and it is not counted", async () => {
    const admin = await createToken(rig().ctx, "admin");
    const before = await accountCounts(rig(), ids().alice.id);
    const dm = await post(rig(), alice, { status: "@bob psst", visibility: "direct" });
    assert.equal((await accountCounts(rig(), ids().alice.id)).statuses, before.statuses);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${dm.id}`, bob)).status, 200);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${dm.id}`, admin)).status, 404);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${dm.id}`, undefined)).status, 404);
  });

  test("replies: only to what one can see; counts; the thread's audience carried over", async () => {
    const hidden = await post(rig(), alice, { status: "not for bob", visibility: "private" });
    const refused = await call(rig(), "POST", "/api/v1/statuses", bob, {
      status: "reply",
      in_reply_to_id: hidden.id,
    });
    assert.equal(refused.status, 404);
    assert.equal(
      (await call(rig(), "POST", "/api/v1/statuses", bob, { status: "x", in_reply_to_id: "99" }))
        .status,
      404,
    );

    const root = await post(rig(), alice, { status: "root, cc @carol@remote.test" });
    const reply = await post(rig(), bob, { status: "a reply", in_reply_to_id: root.id });
    assert.equal(reply.in_reply_to_id, root.id);
    assert.equal(reply.in_reply_to_account_id, ids().alice.id);
    const parent = await call(rig(), "GET", `/api/v1/statuses/${root.id}`, bob);
    assert.equal(parent.body.replies_count, 1);

    // A direct reply reaches the parent's author and mentions without naming them.
    const dm = await post(rig(), bob, {
      status: "just between us",
      visibility: "direct",
      in_reply_to_id: root.id,
    });
    assert.deepEqual(dm.mentions, []);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${dm.id}`, alice)).status, 200);
    const silent = await rig()
      .ctx.db.selectFrom("mentions")
      .select(["account_id", "silent"])
      .where("status_id", "=", dm.id)
      .execute();
    assert.deepEqual(
      silent.map((m) => [String(m.account_id), m.silent]).sort(),
      [
        [ids().alice.id, true],
        [ids().carol.id, true],
      ].sort(),
    );
    // Direct replies are not counted, as on Mastodon.
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${root.id}`, bob)).body.replies_count,
      1,
    );
  });

  test("delete: own only, returns the source text, counts back, then 404", async () => {
    const root = await post(rig(), bob, { status: "parent" });
    const mine = await post(rig(), alice, { status: "to redraft #Tag", in_reply_to_id: root.id });
    const before = await accountCounts(rig(), ids().alice.id);
    const notMine = await call(rig(), "DELETE", `/api/v1/statuses/${mine.id}`, bob);
    assert.equal(notMine.status, 404);
    const gone = await call(rig(), "DELETE", `/api/v1/statuses/${mine.id}`, alice);
    assert.equal(gone.status, 200);
    assert.equal(gone.body.id, mine.id);
    assert.equal(gone.body.text, "to redraft #Tag");
    assert.equal((await accountCounts(rig(), ids().alice.id)).statuses, before.statuses - 1);
    const parent = await call(rig(), "GET", `/api/v1/statuses/${root.id}`, alice);
    assert.equal(parent.body.replies_count, 0);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${mine.id}`, alice)).status, 404);
    const again = await call(rig(), "DELETE", `/api/v1/statuses/${mine.id}`, alice);
    assert.equal(again.status, 404);
    assert.equal((await accountCounts(rig(), ids().alice.id)).statuses, before.statuses - 1);
    assert.equal((await call(rig(), "GET", "/api/v1/statuses/not-an-id", alice)).status, 404);
  });

  test("Idempotency-Key: the same status for a repeated key within an hour", async () => {
    const send = (key: string, status: string) =>
      rig().send<{ id: string; content: string }>(
        "POST",
        "/api/v1/statuses",
        { status },
        { headers: { authorization: `Bearer ${alice}`, "idempotency-key": key } },
      );
    const before = await accountCounts(rig(), ids().alice.id);
    const first = await send("key-1", "once");
    const second = await send("key-1", "twice?");
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.body.content, "<p>once</p>");
    assert.equal((await accountCounts(rig(), ids().alice.id)).statuses, before.statuses + 1);
    // Another account's identical key is its own.
    const bobs = await rig().send<{ id: string }>(
      "POST",
      "/api/v1/statuses",
      { status: "bob's" },
      { headers: { authorization: `Bearer ${bob}`, "idempotency-key": "key-1" } },
    );
    assert.notEqual(bobs.body.id, first.body.id);
    rig().clock.advance(3_600_001);
    const later = await send("key-1", "an hour later");
    assert.notEqual(later.body.id, first.body.id);
  });
});
