// Hydration is batched: every endpoint that returns a list of statuses costs the same number
// of SQL queries for one status as for twenty (no query per status). Every status here carries
// what hydration loads per status — a mention, a hashtag, a custom emoji shortcode, a picture,
// the viewer's favourite and bookmark — and the pages compared hold the same kinds of status.
// The test compares 1 with 20, never absolute numbers, so it stays true as hydration grows.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { blob, pngImage } from "../media/fixtures.ts";
import type { Rig } from "../rig/index.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { call, countQueries, type Json, post } from "./statuses-kit.ts";

/** Queries of one call, after a warm-up call (so once-per-window writes are not counted). */
async function queriesOf(rig: Rig, path: string, token: string | undefined) {
  const warm = await call(rig, "GET", path, token);
  assert.equal(warm.status, 200, `${path}: ${JSON.stringify(warm.body)}`);
  let body: Json;
  const count = await countQueries(rig, async () => {
    const res = await call(rig, "GET", path, token);
    assert.equal(res.status, 200, path);
    body = res.body;
  });
  return { count, body };
}

describeEachDatabase(
  "query counts of status lists",
  (rig) => {
    let alice = "";
    let bob = "";
    const root: Record<"one" | "twenty", Json> = { one: null, twenty: null };
    const leaf: Record<"one" | "twenty", Json> = { one: null, twenty: null };
    const all: Json[] = [];

    async function richPost(n: number, inReplyTo?: string): Promise<Json> {
      const form = new FormData();
      form.set("file", blob(await pngImage(8, 8), "image/png"), "p.png");
      form.set("description", `picture ${n}`);
      const media = await rig().send<Json>("POST", "/api/v1/media", form, {
        headers: { authorization: `Bearer ${alice}` },
      });
      assert.equal(media.status, 200, media.text);
      const status = await post(rig(), alice, {
        status: `Post ${n} for @bob about #quercus :hearth:`,
        media_ids: [media.body.id],
        ...(inReplyTo === undefined ? {} : { in_reply_to_id: inReplyTo }),
      });
      all.push(status);
      return status;
    }

    before(async () => {
      alice = await createToken(rig().ctx, "alice", "read write");
      bob = await createToken(rig().ctx, "bob", "read write");
      let n = 0;
      // A thread with one reply and one with twenty (descendants), and a chain twenty deep
      // whose last post has twenty ancestors (the one reply of the first thread has one).
      root.one = await richPost(n++);
      leaf.one = await richPost(n++, root.one.id);
      root.twenty = await richPost(n++);
      for (let i = 0; i < 20; i++) await richPost(n++, root.twenty.id);
      let parent = await richPost(n++);
      for (let i = 0; i < 20; i++) parent = await richPost(n++, parent.id);
      leaf.twenty = parent;
      for (const status of all) {
        for (const action of ["favourite", "bookmark"]) {
          const res = await call(rig(), "POST", `/api/v1/statuses/${status.id}/${action}`, bob);
          assert.equal(res.status, 200);
        }
      }
    });

    /** Checks a list really holds `n` statuses with everything hydration loads. */
    function assertRich(list: Json[], n: number, viewer: boolean) {
      assert.equal(list.length, n);
      for (const s of list) {
        assert.equal(s.mentions.length, 1);
        assert.equal(s.tags.length, 1);
        assert.equal(s.media_attachments.length, 1);
        if (viewer) assert.equal(s.favourited && s.bookmarked, true);
      }
    }

    async function assertSameCost(
      label: string,
      paths: [string, string],
      token: string | undefined,
      sizes: [number, number] = [1, 20],
      pick: (body: Json) => Json[] = (body) => body,
    ) {
      const one = await queriesOf(rig(), paths[0], token);
      const twenty = await queriesOf(rig(), paths[1], token);
      assertRich(pick(one.body), sizes[0], token !== undefined);
      assertRich(pick(twenty.body), sizes[1], token !== undefined);
      assert.equal(
        twenty.count,
        one.count,
        `${label}: ${one.count} queries for ${sizes[0]}, ${twenty.count} for ${sizes[1]}`,
      );
    }

    test("GET /api/v1/accounts/:id/statuses", async () => {
      const base = `/api/v1/accounts/${rig().fixtures.alice.id}/statuses`;
      for (const token of [bob, undefined]) {
        await assertSameCost(
          `account statuses (${token === undefined ? "anonymous" : "signed in"})`,
          [`${base}?limit=1`, `${base}?limit=20`],
          token,
        );
      }
    });

    test("GET /api/v1/favourites and /api/v1/bookmarks", async () => {
      for (const list of ["favourites", "bookmarks"]) {
        const path = `/api/v1/${list}`;
        await assertSameCost(list, [`${path}?limit=1`, `${path}?limit=20`], bob);
      }
    });

    test("GET /api/v1/statuses?id[]=", async () => {
      const ids = all.slice(0, 20).map((s) => `id[]=${s.id}`);
      const [first] = ids;
      for (const token of [bob, undefined]) {
        await assertSameCost(
          `statuses by id (${token === undefined ? "anonymous" : "signed in"})`,
          [`/api/v1/statuses?${first}`, `/api/v1/statuses?${ids.join("&")}`],
          token,
        );
      }
    });

    test("GET /api/v1/statuses/:id/context: descendants and ancestors", async () => {
      for (const token of [bob, undefined]) {
        const who = token === undefined ? "anonymous" : "signed in";
        await assertSameCost(
          `context descendants (${who})`,
          [`/api/v1/statuses/${root.one.id}/context`, `/api/v1/statuses/${root.twenty.id}/context`],
          token,
          [1, 20],
          (body) => body.descendants,
        );
        await assertSameCost(
          `context ancestors (${who})`,
          [`/api/v1/statuses/${leaf.one.id}/context`, `/api/v1/statuses/${leaf.twenty.id}/context`],
          token,
          [1, 20],
          (body) => body.ancestors,
        );
      }
    });

    test("GET /api/v1/timelines/home", async () => {
      // Bob follows Alice: the merge job brings her posts into his home.
      const res = await call(
        rig(),
        "POST",
        `/api/v1/accounts/${rig().fixtures.alice.id}/follow`,
        bob,
      );
      assert.equal(res.status, 200);
      await runDueJobs(rig().ctx);
      await assertSameCost(
        "home",
        ["/api/v1/timelines/home?limit=1", "/api/v1/timelines/home?limit=20"],
        bob,
      );
      // A signed-in page costs the token, the feed and the rebuild check, then hydration:
      // authors, roles, emoji, mentions, tags, applications, media, the viewer's marks and
      // filters (cards only for a page with a link, and mentions and hashtags are none).
      // Twelve, whatever the page holds (none per status).
      const { count } = await queriesOf(rig(), "/api/v1/timelines/home?limit=20", bob);
      assert.equal(count, 12);
    });
  },
  { env: { HEARTH_RATE_LIMITS: "false" } },
);
