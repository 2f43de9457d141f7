// Public post pages (/@alice/:id): the post and the parts of its thread an anonymous visitor
// may see; content warnings and sensitive media collapsed; polls read-only; edits marked;
// boosts sent to their original; servers sent to the Note. Private, direct, deleted and
// mis-addressed posts are not found.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { call, post } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase, FIXED_TIME, type Rig } from "../rig/index.ts";
import { AP, all, bodyText, byClass, links, meta, shownIds, textOf, view } from "./public-kit.ts";

const HOSTILE_CW = `<img src=x onerror=alert(1)> spoilers & "quotes"`;

async function attachImage(rig: Rig, statusId: string, accountId: string, id: string, alt: string) {
  await rig.ctx.db
    .insertInto("media_attachments")
    .values({
      id,
      account_id: accountId,
      status_id: statusId,
      type: "image",
      file_key: `media/${id}/original.png`,
      file_content_type: "image/png",
      file_size: "1234",
      preview_key: `media/${id}/small.png`,
      meta: JSON.stringify({ original: { width: 640, height: 480 } }),
      description: alt,
      processing: "done",
      created_at: FIXED_TIME,
      updated_at: FIXED_TIME,
    })
    .execute();
}

describeEachDatabase("public post pages", (rig) => {
  const ids: Record<string, string> = {};
  let alice = "";
  let bob = "";
  before(async () => {
    const r = rig();
    alice = await createToken(r.ctx, "alice");
    bob = await createToken(r.ctx, "bob");
    ids.root = (await post(r, alice, { status: "the root post" })).id;
    ids.publicReply = (
      await post(r, bob, { status: "@alice public answer", in_reply_to_id: ids.root })
    ).id;
    ids.privateReply = (
      await post(r, bob, {
        status: "@alice followers only",
        in_reply_to_id: ids.root,
        visibility: "private",
      })
    ).id;
    ids.underPrivate = (
      await post(r, alice, {
        status: "@bob under the private one",
        in_reply_to_id: ids.privateReply,
      })
    ).id;
    ids.directReply = (
      await post(r, alice, {
        status: "@bob secret reply",
        in_reply_to_id: ids.publicReply,
        visibility: "direct",
      })
    ).id;
    ids.private = (await post(r, alice, { status: "only followers", visibility: "private" })).id;
    ids.cw = (
      await post(r, alice, { status: "hidden text", spoiler_text: HOSTILE_CW, sensitive: true })
    ).id;
    await attachImage(r, ids.cw as string, r.fixtures.alice.id, "7001", "a cat in a box");
    ids.plainMedia = (await post(r, alice, { status: "look at this" })).id;
    await attachImage(r, ids.plainMedia as string, r.fixtures.alice.id, "7002", "a sunny meadow");
    ids.poll = (
      await post(r, alice, {
        status: "vote!",
        poll: { options: ["tea", "coffee"], expires_in: 3600 },
      })
    ).id;
  });

  test("a thread shows only what anyone may see, hidden replies do not hide their replies", async () => {
    const page = await view(rig(), `/@alice/${ids.root}`);
    assert.equal(page.status, 200);
    const shown = shownIds(page.doc);
    assert.equal(shown[0], ids.root);
    assert.ok(shown.includes(ids.publicReply as string));
    assert.ok(shown.includes(ids.underPrivate as string));
    assert.ok(!shown.includes(ids.privateReply as string));
    assert.ok(!shown.includes(ids.directReply as string));
    assert.doesNotMatch(bodyText(page.doc), /followers only|secret reply/);
    const focus = byClass(page.doc, "focus");
    assert.equal(focus.length, 1);
    assert.equal(focus[0]?.attribs.id, `status-${ids.root}`);

    const reply = await view(rig(), `/@bob/${ids.publicReply}`);
    assert.deepEqual(
      shownIds(reply.doc).slice(0, 2),
      [ids.root, ids.publicReply],
      "ancestors first",
    );
  });

  test("private, direct, deleted, mis-addressed and unknown posts are not found", async () => {
    for (const path of [
      `/@alice/${ids.private}`,
      `/@bob/${ids.privateReply}`,
      `/@alice/${ids.directReply}`,
      `/@bob/${ids.root}`,
      "/@alice/1",
      "/@alice/99999999999999999999999",
    ]) {
      const res = await view(rig(), path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(res.text, /only followers|secret reply|followers only/);
    }
    assert.equal((await rig().request(`/@alice/${ids.private}`, { headers: AP })).status, 404);
    const doomed = (await post(rig(), alice, { status: "soon gone" })).id;
    assert.equal((await call(rig(), "DELETE", `/api/v1/statuses/${doomed}`, alice)).status, 200);
    assert.equal((await view(rig(), `/@alice/${doomed}`)).status, 404);
  });

  test("a content warning and sensitive media stay collapsed; hostile CW text is text", async () => {
    const { doc, text } = await view(rig(), `/@alice/${ids.cw}`);
    const cw = all(doc, (e) => e.name === "details" && e.attribs.class === "cw");
    assert.equal(cw.length, 1);
    assert.equal(cw[0]?.attribs.open, undefined, "closed until the visitor opens it");
    const summary = all(cw[0]!, (e) => e.name === "summary")[0];
    assert.equal(textOf(summary!).trim(), HOSTILE_CW);
    assert.equal(all(doc, (e) => e.attribs.onerror !== undefined).length, 0);
    assert.ok(!text.includes("<img src=x"));
    // The text and the picture are inside the warning; the picture in its own collapsed block.
    assert.match(textOf(cw[0]!), /hidden text/);
    const sensitive = all(cw[0]!, (e) => e.name === "details" && e.attribs.class === "sensitive");
    assert.equal(sensitive.length, 1);
    const img = all(sensitive[0]!, (e) => e.name === "img")[0];
    assert.equal(img?.attribs.alt, "a cat in a box");
    // Link previews get the warning, not the text, and not the sensitive picture.
    assert.match(meta(doc, "og:description") ?? "", /^Content warning: <img src=x/);
    assert.doesNotMatch(meta(doc, "og:description") ?? "", /hidden text/);
    assert.doesNotMatch(meta(doc, "og:image") ?? "", /7001/);
    assert.equal(meta(doc, "twitter:card"), "summary");
  });

  test("media show with their alt text; the preview is the picture", async () => {
    const { doc } = await view(rig(), `/@alice/${ids.plainMedia}`);
    assert.equal(all(doc, (e) => e.name === "details").length, 0);
    const img = all(doc, (e) => e.name === "img" && e.attribs.alt === "a sunny meadow");
    assert.equal(img.length, 1);
    assert.match(meta(doc, "og:image") ?? "", /media\/7002\/small\.png$/);
    assert.equal(meta(doc, "og:image:alt"), "a sunny meadow");
    assert.equal(meta(doc, "twitter:card"), "summary_large_image");
  });

  test("a poll is read-only with its tallies; edits are marked; counts show", async () => {
    await call(
      rig(),
      "POST",
      `/api/v1/polls/${await pollId(rig(), ids.poll as string)}/votes`,
      bob,
      {
        choices: [1],
      },
    );
    const poll = await view(rig(), `/@alice/${ids.poll}`);
    assert.equal(all(poll.doc, (e) => e.name === "form" || e.name === "input").length, 0);
    const options = textOf(byClass(poll.doc, "poll")[0]!);
    assert.match(options, /tea\s+0%/);
    assert.match(options, /coffee\s+100% \(1 vote\)/);
    // A poll hiding its totals shows none until it closes.
    const hidden = await post(rig(), alice, {
      status: "secret ballot",
      poll: { options: ["yes", "no"], expires_in: 3600, hide_totals: true },
    });
    await call(rig(), "POST", `/api/v1/polls/${hidden.poll.id}/votes`, bob, { choices: [0] });
    const ballot = textOf(byClass((await view(rig(), `/@alice/${hidden.id}`)).doc, "poll")[0]!);
    assert.match(ballot, /yes/);
    assert.doesNotMatch(ballot, /%|vote/);

    const edited = await call(rig(), "PUT", `/api/v1/statuses/${ids.root}`, alice, {
      status: "the root post, edited",
    });
    assert.equal(edited.status, 200);
    assert.equal(
      (await call(rig(), "POST", `/api/v1/statuses/${ids.root}/favourite`, bob)).status,
      200,
    );
    const root = await view(rig(), `/@alice/${ids.root}`);
    const focus = byClass(root.doc, "focus")[0]!;
    assert.match(textOf(focus), /the root post, edited/);
    assert.match(textOf(focus), /Edited/);
    assert.match(textOf(focus), /1 favourite/);
    assert.match(textOf(focus), /2 replies|1 reply/);
  });

  test("meta tags, the Note for servers, a boost sends to its original", async () => {
    const base = rig().config.baseUrl;
    const { doc } = await view(rig(), `/@alice/${ids.root}`);
    assert.equal(meta(doc, "og:type"), "article");
    assert.deepEqual(links(doc, "canonical"), [`${base}/@alice/${ids.root}`]);
    assert.deepEqual(links(doc, "alternate", "application/activity+json"), [
      `${base}/ap/statuses/${ids.root}`,
    ]);
    assert.ok(byClass(doc, "h-entry").length >= 3);
    const ap = await rig().request(`/@alice/${ids.root}`, { headers: AP });
    assert.equal(ap.status, 301);
    assert.equal(ap.headers.get("location"), `${base}/ap/statuses/${ids.root}`);

    const boost = await call(rig(), "POST", `/api/v1/statuses/${ids.root}/reblog`, bob);
    assert.equal(boost.status, 200);
    const res = await rig().request(`/@bob/${boost.body.id}`);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), `/@alice/${ids.root}`);
    // On bob's profile, the boost shows the original with its booster.
    const profile = await view(rig(), "/@bob");
    assert.ok(shownIds(profile.doc).includes(ids.root as string));
    assert.match(bodyText(profile.doc), /Bob\s+boosted/);
  });

  test("a known remote post has a page; its canonical address is its own server", async () => {
    const { ctx, fixtures } = rig();
    const id = "300000000000000001";
    await ctx.db
      .insertInto("statuses")
      .values({
        id,
        uri: "https://remote.test/users/carol/statuses/1",
        url: "https://remote.test/@carol/1",
        account_id: fixtures.carol.id,
        in_reply_to_id: null,
        in_reply_to_account_id: null,
        reblog_of_id: null,
        content: "<p>hello from afar</p>",
        visibility: "public",
        language: null,
        application_id: null,
        local: false,
        edited_at: null,
        deleted_at: null,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
    const page = await view(rig(), `/@carol@remote.test/${id}`);
    assert.equal(page.status, 200);
    assert.match(bodyText(page.doc), /hello from afar/);
    assert.deepEqual(links(page.doc, "canonical"), ["https://remote.test/@carol/1"]);
    assert.match(meta(page.doc, "robots") ?? "", /noindex/);
    assert.equal((await view(rig(), `/@alice/${id}`)).status, 404);
  });
});

async function pollId(rig: Rig, statusId: string): Promise<string> {
  const row = await rig.ctx.db
    .selectFrom("statuses")
    .select("poll_id")
    .where("id", "=", statusId)
    .executeTakeFirstOrThrow();
  return String(row.poll_id);
}
