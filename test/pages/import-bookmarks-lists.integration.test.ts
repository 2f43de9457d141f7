// Import of bookmarks and lists from the settings page, in Mastodon's formats: what we know and
// may see is imported, the rest reported; overwrite removes what the file does not list; a
// malformed file changes nothing.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { type CookieJar, inputValue, setPassword } from "../api/oauth-kit.ts";
import { post } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { go, LOOPBACK, signedIn } from "./settings-kit.ts";

describeEachDatabase("settings: bookmarks and lists import", (rig) => {
  let jar: CookieJar;
  let alice = "";
  let bob = "";
  before(async () => {
    await setPassword(rig(), "alice");
    jar = await signedIn(rig(), rig().fixtures.alice.user);
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
  });

  async function upload(type: string, mode: string, csv: string) {
    const page = await go(rig(), jar, "/settings/import");
    const form = new FormData();
    form.set("authenticity_token", inputValue(page.text, "authenticity_token"));
    form.set("type", type);
    form.set("mode", mode);
    form.set("data", new Blob([csv], { type: "text/csv" }), "data.csv");
    const res = await rig().request("/settings/import", {
      method: "POST",
      headers: jar.header(),
      body: form,
      ip: LOOPBACK,
    });
    jar.take(res);
    return { status: res.status, text: await res.text() };
  }
  const bookmarked = async () =>
    (
      await rig()
        .ctx.db.selectFrom("bookmarks")
        .select("status_id")
        .where("account_id", "=", rig().fixtures.alice.id)
        .execute()
    )
      .map((r) => String(r.status_id))
      .sort();

  test("bookmarks: known visible posts are bookmarked, the rest reported", async () => {
    const open = await post(rig(), bob, { status: "worth keeping" });
    const hidden = await post(rig(), bob, { status: "@admin secret", visibility: "direct" });
    const csv = `${open.uri}\n${hidden.uri}\nhttps://elsewhere.test/statuses/1\n`;
    const done = await upload("bookmarks", "merge", csv);
    assert.equal(done.status, 200);
    assert.match(done.text, /Imported 1/);
    assert.deepEqual(await bookmarked(), [open.id]);
    // Overwrite with an empty-of-known file removes it.
    const again = await upload("bookmarks", "overwrite", "https://elsewhere.test/statuses/1\n");
    assert.match(again.text, /removed 1/);
    assert.deepEqual(await bookmarked(), []);
  });

  test("a malformed bookmarks file changes nothing", async () => {
    const open = await post(rig(), bob, { status: "another" });
    const res = await upload("bookmarks", "merge", `${open.uri}\nnot a url\n`);
    assert.equal(res.status, 422);
    assert.match(res.text, /line 2/);
    assert.deepEqual(await bookmarked(), []);
  });

  test("lists: created by name, followed accounts added, others reported", async () => {
    const follow = await rig().send(
      "POST",
      `/api/v1/accounts/${rig().fixtures.bob.id}/follow`,
      {},
      { headers: { authorization: `Bearer ${alice}` } },
    );
    assert.equal(follow.status, 200);
    const csv = "Friends,bob@hearth.test\nFriends,admin@hearth.test\nOthers,nobody@nowhere.test\n";
    const done = await upload("lists", "merge", csv);
    assert.equal(done.status, 200);
    assert.match(done.text, /Imported 1/);
    assert.match(done.text, /admin@hearth\.test/);
    const lists = await rig()
      .ctx.db.selectFrom("lists")
      .select(["id", "title"])
      .where("account_id", "=", rig().fixtures.alice.id)
      .orderBy("title")
      .execute();
    assert.deepEqual(
      lists.map((l) => l.title),
      ["Friends", "Others"],
    );
    const members = await rig()
      .ctx.db.selectFrom("list_accounts")
      .select("account_id")
      .where("list_id", "=", lists[0]?.id ?? "0")
      .execute();
    assert.deepEqual(
      members.map((m) => String(m.account_id)),
      [rig().fixtures.bob.id],
    );
    // Overwrite: a named list loses members the file does not list.
    const over = await upload("lists", "overwrite", "Friends,nobody@nowhere.test\n");
    assert.match(over.text, /removed 1/);
    const after = await rig()
      .ctx.db.selectFrom("list_accounts")
      .select("account_id")
      .where("list_id", "=", lists[0]?.id ?? "0")
      .execute();
    assert.deepEqual(after, []);
  });

  test("a malformed lists file changes nothing", async () => {
    const before = await rig().ctx.db.selectFrom("lists").select("id").execute();
    const res = await upload("lists", "merge", "New list,bob@hearth.test\nonly one column\n");
    assert.equal(res.status, 422);
    assert.equal(
      (await rig().ctx.db.selectFrom("lists").select("id").execute()).length,
      before.length,
    );
  });
});
