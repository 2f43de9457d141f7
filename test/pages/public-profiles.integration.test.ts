// Public profile pages (/@alice, /@carol@remote.test) as a visitor who is not signed in sees
// them, and what they must never show: private and direct posts, replies unless asked,
// suspended, unconfirmed and unknown accounts. Meta tags, rel=me, microformats, escaping.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { post } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase, FIXED_TIME, type Rig } from "../rig/index.ts";
import {
  AP,
  all,
  BROWSER,
  bodyText,
  byClass,
  links,
  meta,
  shownIds,
  textOf,
  view,
} from "./public-kit.ts";

const HOSTILE = `<script>alert("x")</script>"><img src=x onerror=alert(1)>`;

/** Rows straight into `statuses` for an account (pagination needs many). */
async function insertPosts(rig: Rig, accountId: string, count: number, first: bigint) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(first + BigInt(i));
    ids.push(id);
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
        text: `post number ${i}`,
        content: `<p>post number ${i}</p>`,
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
  return ids;
}

describeEachDatabase("public profile pages", (rig) => {
  const posts: Record<string, string> = {};
  before(async () => {
    const r = rig();
    const alice = await createToken(r.ctx, "alice");
    const bob = await createToken(r.ctx, "bob");
    const bobPost = await post(r, bob, { status: "bob says hi" });
    for (const visibility of ["public", "unlisted", "private", "direct"]) {
      posts[visibility] = (await post(r, alice, { status: `a ${visibility} word`, visibility })).id;
    }
    posts.replyToBob = (
      await post(r, alice, { status: "@bob answering bob", in_reply_to_id: bobPost.id })
    ).id;
    posts.selfReply = (
      await post(r, alice, { status: "threading on", in_reply_to_id: posts.public })
    ).id;
    posts.pinned = (await post(r, alice, { status: "pinned thought" })).id;
    const pin = await r.send("POST", `/api/v1/statuses/${posts.pinned}/pin`, undefined, {
      headers: { authorization: `Bearer ${alice}` },
    });
    assert.equal(pin.status, 200);
    const update = await r.send(
      "PATCH",
      "/api/v1/accounts/update_credentials",
      {
        note: `Bio ${HOSTILE}`,
        fields_attributes: [
          { name: "Site", value: "https://alice.example" },
          { name: HOSTILE, value: "plain" },
        ],
      },
      { headers: { authorization: `Bearer ${alice}` } },
    );
    assert.equal(update.status, 200, JSON.stringify(update.body));
    // Longer than the API allows a local name: a remote server may send anything.
    await r.ctx.db
      .updateTable("accounts")
      .set({ display_name: `Alice :blobcat: ${HOSTILE}` })
      .where("id", "=", r.fixtures.alice.id)
      .execute();
    await r.ctx.db
      .insertInto("custom_emojis")
      .values({
        id: "900",
        shortcode: "blobcat",
        uri: `${r.config.baseUrl}/emojis/900`,
        image_key: "emoji/blobcat.png",
        static_key: "emoji/blobcat-static.png",
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
    // The first field verified (the verification job's mark).
    const row = await r.ctx.db
      .selectFrom("accounts")
      .select("fields")
      .where("id", "=", r.fixtures.alice.id)
      .executeTakeFirstOrThrow();
    const fields = row.fields.map((f, i) => (i === 0 ? { ...f, verified_at: FIXED_TIME } : f));
    await r.ctx.db
      .updateTable("accounts")
      .set({ fields: JSON.stringify(fields) })
      .where("id", "=", r.fixtures.alice.id)
      .execute();
  });

  test("a visitor sees public and unlisted posts, pinned first, never private or direct", async () => {
    const page = await view(rig(), "/@alice");
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    const ids = shownIds(page.doc);
    assert.ok(ids.includes(posts.public as string));
    assert.ok(ids.includes(posts.unlisted as string));
    assert.ok(ids.includes(posts.selfReply as string), "a reply to oneself is a thread");
    assert.ok(!ids.includes(posts.private as string));
    assert.ok(!ids.includes(posts.direct as string));
    assert.ok(!ids.includes(posts.replyToBob as string), "replies to others need ?with_replies");
    assert.equal(ids[0], posts.pinned, "pinned posts come first");
    const text = bodyText(page.doc);
    assert.doesNotMatch(text, /private word|direct word/);
    assert.match(text, /Pinned/);

    const replies = await view(rig(), "/@alice?with_replies=true");
    const withReplies = shownIds(replies.doc);
    assert.ok(withReplies.includes(posts.replyToBob as string));
    assert.ok(!withReplies.includes(posts.private as string));
    assert.ok(!withReplies.includes(posts.direct as string));
  });

  test("the head carries OpenGraph, Twitter, canonical, ActivityPub and RSS links", async () => {
    const { doc, headers } = await view(rig(), "/@alice");
    const base = rig().config.baseUrl;
    assert.equal(meta(doc, "og:type"), "profile");
    assert.match(meta(doc, "og:title") ?? "", /@alice@hearth\.test/);
    assert.match(meta(doc, "og:description") ?? "", /^Bio /);
    assert.ok(meta(doc, "og:image")?.startsWith("https://"));
    assert.equal(meta(doc, "twitter:card"), "summary");
    assert.deepEqual(links(doc, "canonical"), [`${base}/@alice`]);
    assert.deepEqual(links(doc, "alternate", "application/activity+json"), [
      `${base}/ap/users/${rig().fixtures.alice.id}`,
    ]);
    assert.deepEqual(links(doc, "alternate", "application/rss+xml"), [`${base}/@alice.rss`]);
    assert.equal(links(doc, "stylesheet").length, 1);
    // Not indexable (the default): search engines are asked to stay away.
    assert.match(meta(doc, "robots") ?? "", /noindex/);
    const csp = headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src/);
    assert.equal(all(doc, (e) => e.name === "script").length, 0);
  });

  test("microformats: an h-card with rel=me, verified fields, h-entries", async () => {
    const { doc } = await view(rig(), "/@alice");
    const card = byClass(doc, "h-card").find((e) => e.name === "section");
    assert.ok(card);
    const me = all(doc, (e) => e.name === "a" && (e.attribs.rel ?? "").split(" ").includes("me"));
    const hrefs = me.map((e) => e.attribs.href);
    assert.ok(hrefs.includes(`${rig().config.baseUrl}/@alice`));
    assert.ok(hrefs.includes("https://alice.example"), "field links carry rel=me");
    const verified = all(doc, (e) => e.name === "dd" && e.attribs.class === "verified");
    assert.equal(verified.length, 1);
    assert.match(textOf(verified[0]!), /alice\.example/);
    assert.ok(byClass(doc, "h-entry").length >= 3);
    assert.ok(byClass(doc, "e-content").length >= 3);
    assert.ok(byClass(doc, "dt-published").length >= 3);
  });

  test("hostile names, bios and field names are text, custom emoji are pictures", async () => {
    const { doc, text } = await view(rig(), "/@alice");
    assert.equal(all(doc, (e) => e.name === "script").length, 0);
    assert.equal(all(doc, (e) => e.attribs.onerror !== undefined).length, 0);
    assert.equal(all(doc, (e) => e.name === "img" && e.attribs.src === "x").length, 0);
    const name = byClass(doc, "p-name").find((e) => e.name === "bdi");
    assert.ok(name);
    assert.match(textOf(name!), /<script>alert\("x"\)<\/script>/);
    const emoji = all(name!, (e) => e.name === "img" && e.attribs.class === "emoji");
    assert.equal(emoji.length, 1);
    assert.equal(emoji[0]?.attribs.alt, ":blobcat:");
    assert.match(bodyText(doc), /Bio <script>/);
    assert.ok(!text.includes("<script>alert"));
    assert.match(meta(doc, "og:title") ?? "", /<script>/, "meta values are escaped, not dropped");
  });

  test("hide_collections hides the follow counts; indexable lifts noindex", async () => {
    const { ctx, fixtures } = rig();
    const before = bodyText((await view(rig(), "/@alice")).doc);
    assert.match(before, /followers/);
    await ctx.db
      .updateTable("accounts")
      .set({ hide_collections: true, indexable: true })
      .where("id", "=", fixtures.alice.id)
      .execute();
    const { doc } = await view(rig(), "/@alice");
    assert.doesNotMatch(bodyText(doc), /followers|following/);
    assert.equal(meta(doc, "robots"), undefined);
    await ctx.db
      .updateTable("accounts")
      .set({ hide_collections: false, indexable: false })
      .where("id", "=", fixtures.alice.id)
      .execute();
  });

  test("pages of 20 with max_id links; a locked account still shows its public posts", async () => {
    const { ctx, fixtures } = rig();
    await ctx.db
      .updateTable("accounts")
      .set({ locked: true })
      .where("id", "=", fixtures.bob.id)
      .execute();
    const ids = await insertPosts(rig(), fixtures.bob.id, 23, 200_000_000_000_000_000n);
    const first = await view(rig(), "/@bob");
    assert.equal(first.status, 200);
    const shown = shownIds(first.doc);
    assert.equal(shown.length, 20);
    assert.equal(shown[0], ids[22]);
    const next = all(first.doc, (e) => e.name === "a" && e.attribs.rel === "next")[0];
    assert.ok(next);
    const href = next!.attribs.href as string;
    assert.match(href, /max_id=/);
    const second = await view(rig(), href);
    const rest = shownIds(second.doc);
    assert.deepEqual(rest, [ids[2], ids[1], ids[0], ...rest.slice(3)]);
    assert.equal(all(second.doc, (e) => e.name === "a" && e.attribs.rel === "next").length, 0);
    assert.equal((await view(rig(), "/@bob?max_id=nonsense")).status, 200);
    await ctx.db
      .updateTable("accounts")
      .set({ locked: false })
      .where("id", "=", fixtures.bob.id)
      .execute();
  });

  test("servers get the actor; unknown 404, unconfirmed 404, suspended 410", async () => {
    const { ctx, fixtures } = rig();
    const ap = await rig().request("/@alice", { headers: AP });
    assert.equal(ap.status, 301);
    assert.equal(
      ap.headers.get("location"),
      `${rig().config.baseUrl}/ap/users/${fixtures.alice.id}`,
    );
    assert.match(ap.headers.get("vary") ?? "", /Accept/);
    assert.equal((await view(rig(), "/@nobody")).status, 404);
    assert.equal((await view(rig(), "/@nobody@remote.test")).status, 404, "no fetching");
    assert.equal((await view(rig(), "/@a@b@c")).status, 404);
    await ctx.db
      .updateTable("users")
      .set({ confirmed_at: null })
      .where("id", "=", fixtures.bob.user.id)
      .execute();
    assert.equal((await view(rig(), "/@bob")).status, 404);
    assert.equal((await view(rig(), "/@bob.rss")).status, 404);
    await ctx.db
      .updateTable("users")
      .set({ confirmed_at: FIXED_TIME })
      .where("id", "=", fixtures.bob.user.id)
      .execute();
    await ctx.db
      .updateTable("accounts")
      .set({ suspended_at: FIXED_TIME })
      .where("id", "=", fixtures.bob.id)
      .execute();
    const gone = await view(rig(), "/@bob");
    assert.equal(gone.status, 410);
    assert.doesNotMatch(gone.text, /post number/);
    assert.equal((await rig().request("/@bob", { headers: AP })).status, 410);
    assert.equal((await view(rig(), "/@bob.rss")).status, 410);
    await ctx.db
      .updateTable("accounts")
      .set({ suspended_at: null })
      .where("id", "=", fixtures.bob.id)
      .execute();
  });

  test("a known remote account has a page pointing home; suspended, it is gone", async () => {
    const { ctx, fixtures } = rig();
    await ctx.db
      .updateTable("accounts")
      .set({ note: `<p>remote bio</p><script>alert(1)</script>`, indexable: true })
      .where("id", "=", fixtures.carol.id)
      .execute();
    const page = await view(rig(), "/@carol@remote.test");
    assert.equal(page.status, 200);
    assert.match(bodyText(page.doc), /remote bio/);
    assert.equal(all(page.doc, (e) => e.name === "script").length, 0);
    assert.deepEqual(links(page.doc, "canonical"), ["https://remote.test/@carol"]);
    assert.match(meta(page.doc, "robots") ?? "", /noindex/, "its home is its own server");
    assert.deepEqual(links(page.doc, "alternate", "application/rss+xml"), []);
    assert.equal((await view(rig(), "/@CAROL@Remote.Test")).status, 200);
    const ap = await rig().request("/@carol@remote.test", { headers: AP });
    assert.equal(ap.status, 301);
    assert.equal(ap.headers.get("location"), "https://remote.test/users/carol");
    await ctx.db
      .updateTable("accounts")
      .set({ suspended_at: FIXED_TIME })
      .where("id", "=", fixtures.carol.id)
      .execute();
    assert.equal((await view(rig(), "/@carol@remote.test")).status, 410);
    await ctx.db
      .updateTable("accounts")
      .set({ suspended_at: null })
      .where("id", "=", fixtures.carol.id)
      .execute();
  });

  test("browsers at /users/alice and the actor IRI land on the page", async () => {
    const res = await rig().request("/users/alice", { headers: BROWSER });
    assert.equal(res.status, 301);
    assert.equal(res.headers.get("location"), "/@alice");
  });
});
