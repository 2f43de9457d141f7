// Hashtag pages and the RSS feeds of accounts and hashtags: public posts only, 20 items, media
// as enclosures, content warnings as titles, well-formed XML whatever names hold; hashtags
// follow the topic feed's access settings.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { updateSetting } from "../../src/services/instance/update-setting.ts";
import { post } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase, FIXED_TIME, type Rig } from "../rig/index.ts";
import { all, bodyText, DomUtils, links, parseDocument, shownIds, view } from "./public-kit.ts";

function parseRss(xml: string) {
  const doc = parseDocument(xml, { xmlMode: true });
  const rss = all(doc, (e) => e.name === "rss")[0];
  assert.ok(rss, "an <rss> root");
  assert.equal(rss!.attribs.version, "2.0");
  const channel = all(rss!, (e) => e.name === "channel");
  assert.equal(channel.length, 1);
  const child = (el: (typeof channel)[number], name: string) =>
    el.children.find((c) => "name" in c && c.name === name) as (typeof channel)[number] | undefined;
  const text = (el: (typeof channel)[number] | undefined) =>
    el === undefined ? undefined : DomUtils.textContent(el);
  const items = channel[0]!.children.filter(
    (c) => "name" in c && c.name === "item",
  ) as (typeof channel)[number][];
  return {
    title: text(child(channel[0]!, "title")),
    link: text(child(channel[0]!, "link")),
    items: items.map((item) => ({
      guid: text(child(item, "guid")),
      title: text(child(item, "title")),
      description: text(child(item, "description")),
      pubDate: text(child(item, "pubDate")),
      enclosures: item.children
        .filter((c) => "name" in c && c.name === "enclosure")
        .map((c) => (c as (typeof channel)[number]).attribs),
      categories: item.children
        .filter((c) => "name" in c && c.name === "category")
        .map((c) => DomUtils.textContent(c)),
    })),
  };
}

async function insertPublic(rig: Rig, accountId: string, count: number, first: bigint) {
  for (let i = 0; i < count; i++) {
    const id = String(first + BigInt(i));
    await rig.ctx.db
      .insertInto("statuses")
      .values({
        id,
        uri: `${rig.config.baseUrl}/ap/statuses/${id}`,
        url: `${rig.config.baseUrl}/@bob/${id}`,
        account_id: accountId,
        in_reply_to_id: null,
        in_reply_to_account_id: null,
        reblog_of_id: null,
        content: `<p>bulk ${i}</p>`,
        visibility: "public",
        language: "en",
        application_id: null,
        local: true,
        edited_at: null,
        deleted_at: null,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
  }
}

describeEachDatabase("hashtag pages and RSS feeds", (rig) => {
  const ids: Record<string, string> = {};
  before(async () => {
    const r = rig();
    const alice = await createToken(r.ctx, "alice");
    const bob = await createToken(r.ctx, "bob");
    ids.tagged = (await post(r, alice, { status: "a public #Cats post" })).id;
    ids.unlisted = (
      await post(r, alice, { status: "an unlisted #cats post", visibility: "unlisted" })
    ).id;
    ids.private = (
      await post(r, alice, { status: "a private #cats post", visibility: "private" })
    ).id;
    ids.direct = (
      await post(r, alice, { status: "@bob a direct #cats post", visibility: "direct" })
    ).id;
    ids.cw = (
      await post(r, alice, { status: "under the warning", spoiler_text: "food <talk>" })
    ).id;
    const bobPost = await post(r, bob, { status: "bob's thing" });
    ids.replyToBob = (
      await post(r, alice, { status: "@bob a reply", in_reply_to_id: bobPost.id })
    ).id;
    await r.ctx.db
      .insertInto("media_attachments")
      .values({
        id: "8001",
        account_id: r.fixtures.alice.id,
        status_id: ids.tagged,
        type: "image",
        file_key: "media/8001/original.png",
        file_content_type: "image/png",
        file_size: "4321",
        preview_key: "media/8001/small.png",
        description: "a cat",
        processing: "done",
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
    // Control characters are not allowed in XML; `]]>` and `<` must not break it either.
    await r.ctx.db
      .updateTable("accounts")
      .set({ display_name: "Al\u0001ice ]]> <b>&amp;" })
      .where("id", "=", r.fixtures.alice.id)
      .execute();
  });

  test("the hashtag page lists public posts only, and links its feed", async () => {
    const page = await view(rig(), "/tags/cats");
    assert.equal(page.status, 200);
    assert.deepEqual(shownIds(page.doc), [ids.tagged]);
    assert.doesNotMatch(bodyText(page.doc), /unlisted|private|direct/);
    assert.deepEqual(links(page.doc, "alternate", "application/rss+xml"), [
      `${rig().config.baseUrl}/tags/cats.rss`,
    ]);
    assert.equal((await view(rig(), "/tags/CATS")).status, 200);
    assert.deepEqual(shownIds((await view(rig(), "/tags/dogs")).doc), []);
    assert.equal((await view(rig(), "/tags/not%20a%20tag")).status, 404);
  });

  test("an account's RSS: public posts, no replies to others, media enclosed, CW as title", async () => {
    const res = await rig().get("/@alice.rss");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^application\/rss\+xml/);
    assert.ok(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking they are gone
    assert.doesNotMatch(res.text, /[\u0000-\u0008]/);
    const feed = parseRss(res.text);
    assert.equal(feed.title, "Alice ]]> <b>&amp;");
    assert.equal(feed.link, `${rig().config.baseUrl}/@alice`);
    const guids = feed.items.map((i) => i.guid);
    const url = (id: string | undefined) => `${rig().config.baseUrl}/@alice/${id}`;
    assert.deepEqual(guids, [url(ids.cw), url(ids.tagged)]);
    const [cw, tagged] = feed.items;
    assert.equal(cw?.title, "food <talk>");
    assert.match(cw?.description ?? "", /<p>under the warning<\/p>/);
    assert.equal(tagged?.title, undefined);
    assert.match(tagged?.description ?? "", /public/);
    assert.deepEqual(tagged?.enclosures, [
      { url: rig().ctx.storage.url("media/8001/original.png"), length: "4321", type: "image/png" },
    ]);
    assert.deepEqual(tagged?.categories, ["Cats"]);
    assert.equal(tagged?.pubDate, "Thu, 01 Jan 2026 12:00:00 GMT");
  });

  test("a feed has 20 items at most; remote and unknown accounts have none", async () => {
    await insertPublic(rig(), rig().fixtures.bob.id, 23, 200_000_000_000_000_000n);
    const feed = parseRss((await rig().get("/@bob.rss")).text);
    assert.equal(feed.items.length, 20);
    assert.equal(feed.items[0]?.guid, `${rig().config.baseUrl}/@bob/200000000000000022`);
    assert.equal((await rig().get("/@carol@remote.test.rss")).status, 404);
    assert.equal((await rig().get("/@nobody.rss")).status, 404);
  });

  test("the hashtag feed", async () => {
    const res = await rig().get("/tags/cats.rss");
    assert.equal(res.status, 200);
    const feed = parseRss(res.text);
    assert.equal(feed.title, "#Cats");
    assert.deepEqual(
      feed.items.map((i) => i.guid),
      [`${rig().config.baseUrl}/@alice/${ids.tagged}`],
    );
  });

  test("topic feeds closed to visitors: a sign-in prompt, no posts, no feed", async () => {
    const { ctx } = rig();
    assert.equal((await updateSetting(ctx, "local_topic_feed_access", "authenticated")).type, "ok");
    assert.equal((await updateSetting(ctx, "remote_topic_feed_access", "disabled")).type, "ok");
    try {
      const page = await view(rig(), "/tags/cats");
      assert.equal(page.status, 200);
      assert.deepEqual(shownIds(page.doc), []);
      assert.match(bodyText(page.doc), /Sign in to read them/);
      const signIn = all(
        page.doc,
        (e) => e.name === "a" && (e.attribs.href ?? "").startsWith("/auth/sign_in?"),
      );
      assert.ok(signIn.length >= 1);
      assert.equal((await rig().get("/tags/cats.rss")).status, 404);
      // Only the remote part closed: local posts show.
      await updateSetting(ctx, "local_topic_feed_access", "public");
      assert.deepEqual(shownIds((await view(rig(), "/tags/cats")).doc), [ids.tagged]);
    } finally {
      await updateSetting(ctx, "local_topic_feed_access", "public");
      await updateSetting(ctx, "remote_topic_feed_access", "public");
    }
  });
});
