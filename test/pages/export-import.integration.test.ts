// CSV export and import of follows, blocks and mutes from the settings pages.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { type CookieJar, inputValue, setPassword } from "../api/oauth-kit.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { go, LOOPBACK, signedIn } from "./settings-kit.ts";

describeEachDatabase("settings: export and import", (rig) => {
  let jar: CookieJar;
  let token: string;
  before(async () => {
    await setPassword(rig(), "alice");
    jar = await signedIn(rig(), rig().fixtures.alice.user);
    token = await createToken(rig().ctx, "alice");
  });

  const api = (path: string, body?: unknown) =>
    rig().send("POST", path, body, { headers: { authorization: `Bearer ${token}` } });

  async function upload(type: string, mode: string, csv: string, csrf?: string) {
    const page = await go(rig(), jar, "/settings/import");
    assert.equal(page.status, 200);
    const form = new FormData();
    form.set("authenticity_token", csrf ?? inputValue(page.text, "authenticity_token"));
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

  const followed = async () =>
    (
      await rig()
        .ctx.db.selectFrom("follows")
        .select("target_account_id")
        .where("account_id", "=", rig().fixtures.alice.id)
        .execute()
    )
      .map((r) => String(r.target_account_id))
      .sort();

  test("exports need a signed-in session", async () => {
    const res = await rig().request("/settings/exports/follows.csv", { ip: LOOPBACK });
    assert.equal(res.status, 302);
    assert.match(res.headers.get("location") ?? "", /^\/auth\/sign_in/);
  });

  test("exports in Mastodon's three formats", async () => {
    const { bob, carol, admin } = rig().fixtures;
    await api(`/api/v1/accounts/${bob.id}/follow`, { reblogs: false, languages: ["en", "de"] });
    await api(`/api/v1/accounts/${carol.id}/block`);
    await api(`/api/v1/accounts/${admin.id}/mute`, { notifications: false });

    const follows = await go(rig(), jar, "/settings/exports/follows.csv");
    assert.equal(follows.status, 200);
    assert.match(follows.headers.get("content-type") ?? "", /^text\/csv/);
    assert.match(follows.headers.get("content-disposition") ?? "", /attachment/);
    assert.equal(
      follows.text,
      'Account address,Show boosts,Notify on new posts,Languages\nbob@hearth.test,false,false,"en, de"\n',
    );
    assert.equal(
      (await go(rig(), jar, "/settings/exports/blocks.csv")).text,
      "carol@remote.test\n",
    );
    assert.equal(
      (await go(rig(), jar, "/settings/exports/mutes.csv")).text,
      "Account address,Hide notifications\nadmin@hearth.test,false\n",
    );
  });

  test("the page links from the settings navigation and refuses a missing CSRF token", async () => {
    const page = await go(rig(), jar, "/settings/import");
    assert.match(page.text, /href="\/settings\/import" aria-current="page"/);
    const before = await followed();
    const res = await upload("follows", "merge", "admin@hearth.test\n", "forged");
    assert.equal(res.status, 403);
    assert.deepEqual(await followed(), before);
  });

  test("malformed files are refused with a clear error and nothing changes", async () => {
    const before = await followed();
    for (const [csv, message] of [
      ['admin@hearth.test,"true\n', /unterminated quote/],
      ["admin@hearth.test,maybe,false,\n", /Show boosts must be true or false/],
      ["not an address!\n", /is not an address/],
      ["admin@hearth.test,true,false,,extra\n", /at most 4 columns/],
    ] as const) {
      const res = await upload("follows", "overwrite", csv);
      assert.equal(res.status, 422, csv);
      assert.match(res.text, message);
      assert.match(res.text, /The file was not imported/);
    }
    assert.deepEqual(await followed(), before);
  });

  test("merge adds, reports unknown remote accounts as skipped", async () => {
    const { admin, bob } = rig().fixtures;
    const res = await upload(
      "follows",
      "merge",
      "Account address,Show boosts,Notify on new posts,Languages\nADMIN@hearth.test,true,true,\nnobody@unknown.example,true,false,\n",
    );
    assert.equal(res.status, 200, res.text);
    assert.match(res.text, /Imported 1, removed 0/);
    assert.match(res.text, /nobody@unknown\.example/);
    assert.deepEqual(await followed(), [admin.id, bob.id].sort());
  });

  test("overwrite makes the list exactly the file, through the same rules", async () => {
    const { bob } = rig().fixtures;
    const res = await upload("follows", "overwrite", "bob\n");
    assert.equal(res.status, 200, res.text);
    assert.match(res.text, /Imported 1, removed 1/);
    assert.deepEqual(await followed(), [bob.id]);

    // A blocked account cannot be followed by import either: skipped.
    const blocked = await upload("follows", "merge", "carol@remote.test\n");
    assert.match(blocked.text, /Imported 0/);
    assert.match(blocked.text, /carol@remote\.test/);

    const mutes = await upload("mutes", "overwrite", "bob@hearth.test,true\n");
    assert.match(mutes.text, /Imported 1, removed 1/);
    assert.equal(
      (await go(rig(), jar, "/settings/exports/mutes.csv")).text,
      "Account address,Hide notifications\nbob@hearth.test,true\n",
    );
    const empty = await upload("blocks", "overwrite", "");
    assert.equal(empty.status, 422, "an empty file is refused, not taken as 'remove all'");
    const blocks = await upload("blocks", "overwrite", "admin@hearth.test\n");
    assert.match(blocks.text, /Imported 1, removed 1/);
    assert.equal(
      (await go(rig(), jar, "/settings/exports/blocks.csv")).text,
      "admin@hearth.test\n",
    );
  });
});
