// Link preview cards: the status.fetch-card job fetches a post's first link through the
// SSRF-safe client (a local server here, let through only by the test's allowedPrivate
// option), parses OpenGraph / oEmbed, and the card shows on the Status. Links then trend by
// distinct sharers, show in /api/v1/trends/links once approved, and have a link timeline.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import type { AppContext } from "../../src/context.ts";
import { jobHandlers } from "../../src/jobs/handlers.ts";
import { ensureRecurringJobs, runDueJobs } from "../../src/jobs/worker.ts";
import { fetchStatusCard } from "../../src/services/cards/fetch-card.ts";
import { receiveStatus } from "../../src/services/federation/receive-status.ts";
import { updateRemoteStatus } from "../../src/services/federation/update-remote-status.ts";
import { reviewTrend } from "../../src/services/trends/review-trend.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { call, countQueries, type Json, post } from "./statuses-kit.ts";

const LOOPBACK = ["127.0.0.1/32"];
let server: Server;
let base = "";
let hits: Record<string, number> = {};
const pending = new Set<import("node:http").ServerResponse>();

const OG_PAGE = `<!doctype html><html lang="en"><head>
<title>Fallback title</title>
<meta property="og:title" content="Tea &amp; Biscuits">
<meta property="og:description" content="All about tea.">
<meta property="og:image" content="/img/tea.png">
<meta property="og:site_name" content="Tea Times">
<meta property="article:published_time" content="2026-11-20T10:00:00Z">
</head><body><p>hello</p></body></html>`;

function page(path: string): string {
  if (path === "/video")
    return `<html><head><title>A video</title><link rel="alternate" type="application/json+oembed" href="/oembed?kind=video"></head></html>`;
  if (path === "/evil-embed")
    return `<html><head><title>Sneaky</title><link rel="alternate" type="application/json+oembed" href="/oembed?kind=evil"></head></html>`;
  if (path === "/plain") return `<html><head></head><body><p>nothing to say</p></body></html>`;
  if (path === "/title-only")
    return `<html><head><title> Just a   title </title><meta name="description" content="d"></head></html>`;
  return OG_PAGE;
}

function oembed(kind: string): unknown {
  if (kind === "video")
    return {
      type: "video",
      version: "1.0",
      title: "Cat video",
      author_name: "Cat",
      author_url: "https://videos.example/@cat",
      provider_name: "Videos",
      provider_url: "https://videos.example/",
      html: '<iframe src="https://videos.example/embed/1" onload="alert(1)"></iframe>',
      width: 480,
      height: 270,
      thumbnail_url: "https://videos.example/thumb.jpg",
    };
  return {
    type: "rich",
    version: "1.0",
    title: "Evil",
    html: '<script>alert(1)</script><iframe src="http://insecure.example/"></iframe>',
    width: 100,
    height: 100,
  };
}

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    hits[url.pathname] = (hits[url.pathname] ?? 0) + 1;
    if (url.pathname === "/to-private") {
      res.writeHead(302, { location: "http://10.0.0.1/secret" });
      return res.end();
    }
    if (url.pathname === "/huge") {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = `<p>${"x".repeat(64 * 1024)}</p>`;
      for (let i = 0; i < 40; i++) res.write(chunk);
      return res.end(OG_PAGE);
    }
    if (url.pathname === "/slow") {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><head>");
      pending.add(res); // never ends
      return;
    }
    if (url.pathname === "/oembed") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(oembed(url.searchParams.get("kind") ?? "")));
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page(url.pathname));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const res of pending) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describeEachDatabase("preview cards and trending links", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const db = () => rig().ctx.db;
  // The job as the worker runs it, with the local server allowed and a short time cap.
  const handlers = {
    ...jobHandlers,
    "status.fetch-card": {
      run: (ctx: AppContext, p: { statusId: string }) =>
        fetchStatusCard(ctx, p.statusId, { allowedPrivate: LOOPBACK, timeoutMs: 300 }),
      maxAttempts: 1,
    },
  };
  const run = () => runDueJobs(rig().ctx, { handlers });
  const show = async (id: string, token = alice) => {
    const res = await call(rig(), "GET", `/api/v1/statuses/${id}`, token);
    assert.equal(res.status, 200);
    return res.body;
  };
  const cardJobs = () =>
    db().selectFrom("jobs").select("payload").where("type", "=", "status.fetch-card").execute();

  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
  });

  test("a post's first link gets an OpenGraph card after the job runs", async () => {
    hits = {};
    const made = await post(rig(), alice, {
      status: `@bob look #tea ${base}/article?x=1#frag and ${base}/video`,
    });
    assert.equal((await cardJobs()).length, 1);
    assert.equal((await show(made.id)).card, null, "not fetched yet");
    await run();
    const card = (await show(made.id)).card;
    assert.equal(card.url, `${base}/article?x=1`);
    assert.equal(card.title, "Tea & Biscuits");
    assert.equal(card.description, "All about tea.");
    assert.equal(card.type, "link");
    assert.equal(card.image, `${base}/img/tea.png`);
    assert.equal(card.provider_name, "Tea Times");
    assert.equal(card.language, "en");
    assert.equal(card.published_at, "2026-11-20T10:00:00.000Z");
    assert.equal(card.html, "");
    // One fetch per URL: a second post with the same link reuses the card.
    const again = await post(rig(), bob, { status: `also ${base}/article?x=1` });
    await run();
    assert.equal((await show(again.id)).card.title, "Tea & Biscuits");
    assert.equal(hits["/article"], 1);
    const rows = await db().selectFrom("preview_cards").selectAll().execute();
    assert.equal(rows.length, 1);
  });

  test("no job for posts without links, with only mentions and hashtags, or with a poll", async () => {
    await post(rig(), alice, { status: "no links here" });
    await post(rig(), alice, { status: "@bob #tea" });
    await post(rig(), alice, {
      status: `poll ${base}/article`,
      poll: { options: ["a", "b"], expires_in: 3600 },
    });
    assert.deepEqual(await cardJobs(), []);
  });

  test("oEmbed video: the iframe is rebuilt, other markup dropped; a bad embed is a link card", async () => {
    const video = await post(rig(), alice, { status: `${base}/video` });
    const evil = await post(rig(), alice, { status: `${base}/evil-embed` });
    await run();
    const card = (await show(video.id)).card;
    assert.equal(card.type, "video");
    assert.equal(card.title, "Cat video");
    assert.equal(card.author_name, "Cat");
    assert.equal(card.provider_url, "https://videos.example/");
    assert.equal(card.width, 480);
    assert.match(card.html, /^<iframe src="https:\/\/videos\.example\/embed\/1" width="480"/);
    assert.doesNotMatch(card.html, /onload/);
    assert.equal(card.image, "https://videos.example/thumb.jpg");
    const bad = (await show(evil.id)).card;
    assert.equal(bad.type, "link");
    assert.equal(bad.html, "");
    assert.equal(bad.width, 0);
  });

  test("refused: redirect to a private address, huge page, endless page, no metadata", async () => {
    hits = {};
    const ids = [];
    for (const path of ["/to-private", "/huge", "/slow", "/plain"])
      ids.push((await post(rig(), alice, { status: `${base}${path}` })).id);
    const started = Date.now();
    await run();
    // The endless page gave up after the test's 300 ms cap, not the default ten seconds.
    assert.ok(Date.now() - started < 5000);
    for (const id of ids) assert.equal((await show(id)).card, null, id);
    const paths = ["/to-private", "/huge", "/slow", "/plain"];
    const cards = await db()
      .selectFrom("preview_cards")
      .select("url")
      .where(
        "url",
        "in",
        paths.map((p) => `${base}${p}`),
      )
      .execute();
    assert.deepEqual(cards, []);
    // Each was asked for once: refused by the caps, not skipped.
    for (const p of paths) assert.equal(hits[p], 1, p);
    // Failed fetches are not retried.
    assert.deepEqual(await cardJobs(), []);
  });

  test("without the test's allowance, the local server is refused (public addresses only)", async () => {
    const made = await post(rig(), alice, { status: `${base}/article` });
    await runDueJobs(rig().ctx);
    assert.equal((await show(made.id)).card, null);
  });

  test("a remote post with a link gets a card too; one with media does not", async () => {
    const remote = (n: number, content: string, withMedia: boolean) =>
      receiveStatus(rig().ctx, {
        uri: `https://remote.test/statuses/${n}`,
        url: null,
        accountId: rig().fixtures.carol.id,
        content,
        spoilerText: "",
        sensitive: false,
        language: null,
        visibility: "public",
        inReplyToUri: null,
        mentionedAccountIds: [],
        silentAccountIds: [],
        tags: [],
        media: withMedia
          ? [
              {
                url: "https://remote.test/a.png",
                mediaType: "image/png",
                description: null,
                width: null,
                height: null,
                blurhash: null,
                focus: null,
              },
            ]
          : [],
        poll: null,
        publishedAt: null,
        quotePolicy: 0,
        authorDomain: "remote.test",
        emojis: [],
      });
    const link = `<p>see <a href="${base}/title-only" rel="nofollow">it</a></p>`;
    const plain = await remote(1, link, false);
    const pictured = await remote(2, link, true);
    await run();
    assert.equal((await show(plain.status.id)).card.title, "Just a title");
    assert.equal((await show(pictured.status.id)).card, null);
  });

  test("a remote edit drops the card at once and fetches the new text's link", async () => {
    // Reads take status_cards as they find it (no HTML parsed per read): edits must unlink.
    const data = (content: string) => ({
      uri: "https://remote.test/statuses/edited",
      url: null,
      accountId: rig().fixtures.carol.id,
      content,
      spoilerText: "",
      sensitive: false,
      language: null,
      visibility: "public" as const,
      inReplyToUri: null,
      mentionedAccountIds: [],
      silentAccountIds: [],
      tags: [],
      media: [],
      poll: null,
      publishedAt: null,
      quotePolicy: 0,
      authorDomain: "remote.test",
      emojis: [],
    });
    const linking = (path: string) => `<p>see <a href="${base}${path}" rel="nofollow">it</a></p>`;
    const made = await receiveStatus(rig().ctx, data(linking("/title-only")));
    await run();
    assert.equal((await show(made.status.id)).card.title, "Just a title");
    const edited = await updateRemoteStatus(rig().ctx, data("<p>no link any more</p>"));
    assert.equal(edited.type, "edited");
    assert.equal((await show(made.status.id)).card, null);
    assert.deepEqual(await cardJobs(), []);
    // Not /article: the trends test below counts who shared that one.
    await updateRemoteStatus(rig().ctx, data(linking("/video")));
    assert.equal((await show(made.status.id)).card, null, "none until the job runs");
    await run();
    assert.equal((await show(made.status.id)).card.title, "Cat video");
  });

  test("an edit that changes the text drops the card and fetches the new link", async () => {
    const made = await post(rig(), alice, { status: `first ${base}/article` });
    await run();
    assert.equal((await show(made.id)).card.title, "Tea & Biscuits");
    const edit = (status: string) =>
      call(rig(), "PUT", `/api/v1/statuses/${made.id}`, alice, { status });
    const edited = await edit(`now ${base}/video`);
    assert.equal(edited.status, 200);
    assert.equal(edited.body.card, null, "dropped until the job runs");
    await run();
    assert.equal((await show(made.id)).card.title, "Cat video");
    assert.equal((await edit("no link any more")).status, 200);
    await run();
    assert.equal((await show(made.id)).card, null);
    assert.deepEqual(await cardJobs(), []);
  });

  test("a title-only page gets a card from <title>", async () => {
    const made = await post(rig(), alice, { status: `${base}/title-only` });
    await run();
    const card = (await show(made.id)).card;
    assert.equal(card.title, "Just a title");
    assert.equal(card.description, "d");
    assert.equal(card.image, null);
  });

  test("hydration: one query for the cards of a page, none without links", async () => {
    for (let i = 0; i < 3; i++) await post(rig(), alice, { status: `n${i} ${base}/article` });
    await run();
    const withCards = await countQueries(rig(), () =>
      call(rig(), "GET", "/api/v1/timelines/public?limit=3", undefined),
    );
    const res = await call(rig(), "GET", "/api/v1/timelines/public?limit=3", undefined);
    assert.equal(res.body.filter((s: Json) => s.card !== null).length, 3);
    for (let i = 0; i < 3; i++) await post(rig(), alice, { status: `plain ${i}` });
    const without = await countQueries(rig(), () =>
      call(rig(), "GET", "/api/v1/timelines/public?limit=3", undefined),
    );
    assert.equal(withCards - without, 1);
  });

  test("links trend by distinct sharers, show once approved, with history and a timeline", async () => {
    await db()
      .updateTable("accounts")
      .set({ discoverable: true })
      .where("username", "in", ["alice", "bob", "admin"])
      .where("domain", "is", null)
      .execute();
    const url = `${base}/article`;
    const refresh = async () => {
      await ensureRecurringJobs(rig().ctx);
      rig().clock.advance(5 * 60_000);
      await run();
    };
    const shared: string[] = [];
    for (const token of [alice, bob]) shared.push((await post(rig(), token, { status: url })).id);
    // Private posts do not count.
    await post(rig(), admin, { status: url, visibility: "private" });
    await refresh();
    const trend = () => db().selectFrom("trends").selectAll().where("kind", "=", "link").execute();
    assert.deepEqual(await trend(), [], "two sharers are not enough");
    shared.push((await post(rig(), admin, { status: `${url} !` })).id);
    await refresh();
    const [row] = await trend();
    assert.equal(row?.target_id, url);
    assert.equal(row?.review, "pending");
    // Pending: not listed, no timeline.
    let links = await call(rig(), "GET", "/api/v1/trends/links", undefined);
    assert.deepEqual(links.body, []);
    const timeline = `/api/v1/timelines/link?url=${encodeURIComponent(url)}`;
    assert.equal((await call(rig(), "GET", timeline, undefined)).status, 404);

    assert.deepEqual(await reviewTrend(rig().ctx, "link", url, "approved"), {
      type: "ok",
      targetId: url,
    });
    assert.deepEqual(await reviewTrend(rig().ctx, "link", `${base}/nope`, "approved"), {
      type: "not-found",
    });
    links = await call(rig(), "GET", "/api/v1/trends/links", undefined);
    assert.equal(links.status, 200);
    assert.equal(links.body.length, 1);
    assert.equal(links.body[0].url, url);
    assert.equal(links.body[0].title, "Tea & Biscuits");
    assert.equal(links.body[0].history.length, 7);
    assert.equal(links.body[0].history[0].accounts, "3");
    // Alice's three posts of the hydration test share it too.
    assert.equal(links.body[0].history[0].uses, "6");
    const statuses = await call(rig(), "GET", `${timeline}&limit=3`, bob);
    assert.equal(statuses.status, 200);
    assert.deepEqual(
      statuses.body.map((s: Json) => s.id),
      [...shared].reverse(),
    );
    // Other URLs are still 404, and so is a missing url.
    assert.equal(
      (
        await call(
          rig(),
          "GET",
          `/api/v1/timelines/link?url=${encodeURIComponent(`${base}/x`)}`,
          bob,
        )
      ).status,
      404,
    );
    assert.equal((await call(rig(), "GET", "/api/v1/timelines/link", bob)).status, 404);
    // A rejected link leaves the trends.
    await reviewTrend(rig().ctx, "link", url, "rejected");
    links = await call(rig(), "GET", "/api/v1/trends/links", undefined);
    assert.deepEqual(links.body, []);
  });
});
