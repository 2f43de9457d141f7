// Custom emoji: GET /api/v1/custom_emojis (public, briefly cached, local enabled ones only),
// and the `emojis` arrays of Status and Account entities (only emoji that occur, from the
// right server, one query for a page).
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { importEmojis } from "../../src/services/emojis/import-emojis.ts";
import { EMOJI_LIST_TTL_MS } from "../../src/services/emojis/list-emojis.ts";
import { animatedGif, pngImage } from "../media/fixtures.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase, FIXED_TIME, type Rig } from "../rig/index.ts";
import { call, countQueries, type Json, post } from "./statuses-kit.ts";

const codes = (emojis: Json[]) => emojis.map((e: { shortcode: string }) => e.shortcode);

async function remoteEmoji(rig: Rig, id: string, shortcode: string, domain: string) {
  await rig.ctx.db
    .insertInto("custom_emojis")
    .values({
      id,
      shortcode,
      domain,
      uri: `https://${domain}/emojis/${id}`,
      image_key: `custom_emojis/remote/${id}.png`,
      static_key: `custom_emojis/remote/${id}.png`,
      created_at: FIXED_TIME,
      updated_at: FIXED_TIME,
    })
    .execute();
}

describeEachDatabase("custom emoji", (rig) => {
  let alice: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    const result = await importEmojis(
      rig().ctx,
      [
        { shortcode: "blobcat", body: await pngImage(32, 32), label: "blobcat.png" },
        { shortcode: "party_parrot", body: await animatedGif(), label: "party_parrot.gif" },
        { shortcode: "wave", body: await pngImage(16, 16), label: "wave.png" },
        { shortcode: "hidden", body: await pngImage(16, 16), label: "hidden.png" },
      ],
      { category: "Blobs", overwrite: false },
    );
    assert.equal(result.type, "ok");
    await rig()
      .ctx.db.updateTable("custom_emojis")
      .set({ disabled: true })
      .where("shortcode", "=", "hidden")
      .execute();
    // Remote emoji (stored by federation): never listed, used only by their server's texts.
    await remoteEmoji(rig(), "700001", "blobcat", "remote.test");
    await remoteEmoji(rig(), "700002", "remote_only", "remote.test");
  });

  test("the list: public, local and enabled only, spec-valid, with storage URLs", async () => {
    const res = await call(rig(), "GET", "/api/v1/custom_emojis", undefined);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "public, max-age=180");
    assert.deepEqual(codes(res.body), ["blobcat", "party_parrot", "wave"]);
    const [blobcat, parrot] = res.body;
    assert.equal(blobcat.category, "Blobs");
    assert.equal(blobcat.visible_in_picker, true);
    assert.match(blobcat.url, /^https?:\/\/[^/]+\/system\/custom_emojis\/images\/[a-f0-9]+\.png$/);
    // A still image is its own static version; a moving one has a still PNG beside it.
    assert.equal(blobcat.static_url, blobcat.url);
    assert.match(parrot.url, /\.gif$/);
    assert.match(parrot.static_url, /\/custom_emojis\/static\/[a-f0-9]+\.png$/);
    // The files are served where the URLs point.
    for (const url of [parrot.url, parrot.static_url]) {
      const file = await rig().get(new URL(url).pathname);
      assert.equal(file.status, 200, url);
    }
    // Signed in, the answer is the same.
    assert.deepEqual((await call(rig(), "GET", "/api/v1/custom_emojis", alice)).body, res.body);
  });

  test("the list is cached for three minutes; the import service clears it", async () => {
    const before = await call(rig(), "GET", "/api/v1/custom_emojis", undefined);
    await rig()
      .ctx.db.updateTable("custom_emojis")
      .set({ disabled: true })
      .where("shortcode", "=", "wave")
      .execute();
    const cached = await call(rig(), "GET", "/api/v1/custom_emojis", undefined);
    assert.deepEqual(cached.body, before.body);
    rig().clock.advance(EMOJI_LIST_TTL_MS + 1);
    const fresh = await call(rig(), "GET", "/api/v1/custom_emojis", undefined);
    assert.deepEqual(codes(fresh.body), ["blobcat", "party_parrot"]);
    await rig()
      .ctx.db.updateTable("custom_emojis")
      .set({ disabled: false })
      .where("shortcode", "=", "wave")
      .execute();
    const imported = await importEmojis(
      rig().ctx,
      [{ shortcode: "zzz_new", body: await pngImage(8, 8), label: "zzz_new.png" }],
      { overwrite: false },
    );
    assert.equal(imported.type, "ok");
    const after = await call(rig(), "GET", "/api/v1/custom_emojis", undefined);
    assert.deepEqual(codes(after.body), ["blobcat", "party_parrot", "wave", "zzz_new"]);
    assert.equal(after.body[3].category, null);
  });

  test("a status lists the emoji its text and content warning use, once each", async () => {
    const status = await post(rig(), alice, {
      status: "hi :blobcat: :missing: :hidden: at 12:30:45 a:wave:b :party_parrot::blobcat:",
      spoiler_text: ":wave: cw",
    });
    assert.deepEqual(codes(status.emojis), ["blobcat", "wave"]);
    const list = await call(rig(), "GET", "/api/v1/custom_emojis", undefined);
    assert.deepEqual(status.emojis[0], list.body[0]);
    const plain = await post(rig(), alice, { status: "no emoji here: none" });
    assert.deepEqual(plain.emojis, []);
    const again = await call(rig(), "GET", `/api/v1/statuses/${status.id}`, alice);
    assert.deepEqual(codes(again.body.emojis), ["blobcat", "wave"]);
    const anonymous = await call(rig(), "GET", `/api/v1/statuses/${status.id}`, undefined);
    assert.deepEqual(codes(anonymous.body.emojis), ["blobcat", "wave"]);
  });

  test("a remote status uses its own server's emoji, never ours", async () => {
    const { carol } = rig().fixtures;
    await rig()
      .ctx.db.insertInto("statuses")
      .values({
        id: "710001",
        uri: "https://remote.test/statuses/710001",
        url: null,
        account_id: carol.id,
        in_reply_to_id: null,
        in_reply_to_account_id: null,
        reblog_of_id: null,
        visibility: "public",
        language: null,
        application_id: null,
        local: false,
        edited_at: null,
        deleted_at: null,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
        content: "<p>:blobcat: :remote_only: :wave:</p>",
      })
      .execute();
    const res = await call(rig(), "GET", "/api/v1/statuses/710001", undefined);
    assert.equal(res.status, 200);
    assert.deepEqual(codes(res.body.emojis), ["blobcat", "remote_only"]);
    assert.match(res.body.emojis[0].url, /custom_emojis\/remote\/700001\.png$/);
  });

  test("an account lists the emoji of its name, note and fields; a suspended one none", async () => {
    const { alice: a, bob, carol } = rig().fixtures;
    await rig()
      .ctx.db.updateTable("accounts")
      .set({
        display_name: "Alice :blobcat:",
        note: "<p>hello :wave:</p>",
        fields: JSON.stringify([{ name: ":party_parrot:", value: "x", verified_at: null }]),
      })
      .where("id", "=", a.id)
      .execute();
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ display_name: "Carol :remote_only: :wave:" })
      .where("id", "=", carol.id)
      .execute();
    const res = await call(rig(), "GET", `/api/v1/accounts/${a.id}`, undefined);
    assert.deepEqual(codes(res.body.emojis), ["blobcat", "wave", "party_parrot"]);
    const remote = await call(rig(), "GET", `/api/v1/accounts/${carol.id}`, undefined);
    assert.deepEqual(codes(remote.body.emojis), ["remote_only"]);
    const plain = await call(rig(), "GET", `/api/v1/accounts/${bob.id}`, undefined);
    assert.deepEqual(plain.body.emojis, []);
    const own = await call(rig(), "GET", "/api/v1/accounts/verify_credentials", alice);
    assert.deepEqual(codes(own.body.emojis), ["blobcat", "wave", "party_parrot"]);
    // The author inside a status carries them too.
    const status = await post(rig(), alice, { status: "plain" });
    assert.deepEqual(codes(status.account.emojis), ["blobcat", "wave", "party_parrot"]);
    const many = await call(
      rig(),
      "GET",
      `/api/v1/accounts?id[]=${a.id}&id[]=${carol.id}&id[]=${bob.id}`,
      alice,
    );
    assert.equal(many.status, 200);
    assert.deepEqual(
      many.body.map((x: Json) => codes(x.emojis)),
      [["blobcat", "wave", "party_parrot"], ["remote_only"], []],
    );
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ suspended_at: FIXED_TIME })
      .where("id", "=", carol.id)
      .execute();
    const suspended = await call(rig(), "GET", `/api/v1/accounts/${carol.id}`, alice);
    assert.equal(suspended.status, 200);
    assert.equal(suspended.body.suspended, true);
    assert.deepEqual(suspended.body.emojis, []);
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ suspended_at: null, display_name: "Carol" })
      .where("id", "=", carol.id)
      .execute();
  });

  test("a page of statuses costs the same number of queries with emoji as without", async () => {
    const bob = await createToken(rig().ctx, "bob");
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await post(rig(), bob, { status: `:blobcat: ${i} :wave:` })).id);
    const path = (n: number) =>
      `/api/v1/statuses?${ids
        .slice(0, n)
        .map((id) => `id[]=${id}`)
        .join("&")}`;
    const one = await countQueries(rig(), () => call(rig(), "GET", path(1), bob));
    const six = await countQueries(rig(), () => call(rig(), "GET", path(6), bob));
    assert.equal(six, one);
    const page = await call(rig(), "GET", path(6), bob);
    for (const s of page.body) assert.deepEqual(codes(s.emojis), ["blobcat", "wave"]);
  });
});

describeEachDatabase(
  "custom emoji through masto.js",
  (rig) => {
    test("the list, and emoji on a status", async () => {
      const imported = await importEmojis(
        rig().ctx,
        [{ shortcode: "blobcat", body: await pngImage(32, 32), label: "blobcat.png" }],
        { category: "Blobs", overwrite: false },
      );
      assert.equal(imported.type, "ok");
      const emojis = await masto(rig()).v1.customEmojis.list();
      assert.equal(emojis.length, 1);
      assert.equal(emojis[0]?.shortcode, "blobcat");
      assert.equal(emojis[0]?.category, "Blobs");
      assert.equal(emojis[0]?.visibleInPicker, true);
      const client = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const status = await client.v1.statuses.create({ status: "meow :blobcat:" });
      assert.deepEqual(
        status.emojis.map((e) => e.shortcode),
        ["blobcat"],
      );
      assert.equal(status.emojis[0]?.url, emojis[0]?.url);
      const file = await fetch(emojis[0]!.url);
      assert.equal(file.status, 200);
      assert.equal(file.headers.get("content-type"), "image/png");
    });
  },
  { listen: true },
);
