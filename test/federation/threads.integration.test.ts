// Reply threads and stale profiles of other servers, fetched by jobs within bounds
// (federation/threads.ts, refresh-actor.ts) against a fake remote server, a hostile one
// included: an endless inReplyTo chain and an endless replies collection stop at the bounds,
// and the server keeps answering.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { REPLY_ITEMS, REPLY_PAGES } from "../../src/federation/threads.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { ANCESTOR_DEPTH } from "../../src/services/federation/receive-status.ts";
import { call, type Json } from "../api/statuses-kit.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase, type Rig } from "../rig/index.ts";
import {
  AS,
  accountByUri,
  deliverAndRun,
  PUBLIC,
  type Remote,
  startRemote,
  statusesByUri,
} from "./inbox-kit.ts";

const DAY = 24 * 60 * 60 * 1000;

function jobsOf(rig: Rig, type: string) {
  return rig.ctx.db.selectFrom("jobs").select(["id"]).where("type", "=", type).execute();
}

describeEachDatabase(
  "remote threads and stale profiles",
  (rig) => {
    let remote: Remote;
    let alice: string;
    let kim: string;
    /** Requests for dynamic paths (below), by prefix. */
    const hits = new Map<string, number>();
    const note = (id: string, extra: Json = {}) => ({
      "@context": AS,
      id,
      type: "Note",
      attributedTo: kim,
      content: `<p>${id.slice(-12)}</p>`,
      to: [PUBLIC],
      ...extra,
    });
    const create = (object: Json) => ({
      "@context": AS,
      id: `${object.id}/activity`,
      type: "Create",
      actor: kim,
      to: [PUBLIC],
      object,
    });
    const count = (prefix: string) => hits.get(prefix) ?? 0;

    before(async () => {
      remote = await startRemote();
      alice = await createToken(rig().ctx, "alice", "read write");
      kim = await remote.addActor("kim");
      // A hostile server: /chain/<n> replies to /chain/<n+1> for ever; /huge/page/<n> is a
      // replies page of 50 posts whose next page is /huge/page/<n+1>, for ever.
      const plain = remote.objects.get.bind(remote.objects);
      remote.objects.get = (path: string) => {
        const chain = /^\/chain\/(\d+)$/.exec(path);
        if (chain !== null) {
          hits.set("chain", count("chain") + 1);
          const n = Number(chain[1]);
          return note(`${remote.base}/chain/${n}`, { inReplyTo: `${remote.base}/chain/${n + 1}` });
        }
        const page = /^\/huge\/page\/(\d+)$/.exec(path);
        if (page !== null) {
          hits.set("page", count("page") + 1);
          const n = Number(page[1]);
          return {
            "@context": AS,
            id: `${remote.base}${path}`,
            type: "CollectionPage",
            partOf: `${remote.base}/huge/replies`,
            next: `${remote.base}/huge/page/${n + 1}`,
            items: Array.from({ length: 50 }, (_, i) => `${remote.base}/huge/r/${n * 50 + i}`),
          };
        }
        if (/^\/huge\/r\/\d+$/.test(path)) {
          hits.set("reply", count("reply") + 1);
          return note(`${remote.base}${path}`, { inReplyTo: `${remote.base}/huge` });
        }
        return plain(path);
      };
    });
    after(async () => {
      await remote.close();
    });

    test("a reply's unknown ancestors are fetched by jobs and shown in its context", async () => {
      const top = `${kim}/statuses/t1`;
      const middle = `${kim}/statuses/t2`;
      remote.objects.set("/users/kim/statuses/t1", note(top));
      remote.objects.set("/users/kim/statuses/t2", note(middle, { inReplyTo: top }));
      const leaf = `${kim}/statuses/t3`;
      await deliverAndRun(rig(), remote, "kim", create(note(leaf, { inReplyTo: middle })));
      // Received at once; its parent waits for the job.
      const [waiting] = await statusesByUri(rig(), leaf);
      assert.equal(waiting?.in_reply_to_uri, middle);
      assert.equal((await statusesByUri(rig(), middle)).length, 0);
      await runDueJobs(rig().ctx);
      const context = await masto(rig(), alice)
        .v1.statuses.$select(String(waiting!.id))
        .context.fetch();
      assert.deepEqual(
        context.ancestors.map((s) => s.uri),
        [top, middle],
      );
    });

    test("an endless reply chain stops after the depth bound; the server keeps answering", async () => {
      const before = count("chain");
      await deliverAndRun(
        rig(),
        remote,
        "kim",
        create(note(`${kim}/statuses/c0`, { inReplyTo: `${remote.base}/chain/1` })),
      );
      await runDueJobs(rig().ctx);
      const stored = await rig()
        .ctx.db.selectFrom("statuses")
        .select("uri")
        .where("uri", "like", `${remote.base}/chain/%`)
        .execute();
      assert.equal(stored.length, ANCESTOR_DEPTH);
      assert.ok(
        count("chain") - before <= ANCESTOR_DEPTH + 1,
        `${count("chain") - before} fetches`,
      );
      assert.equal((await jobsOf(rig(), "status.fetch-ancestor")).length, 0, "nothing left queued");
      const [leaf] = await statusesByUri(rig(), `${kim}/statuses/c0`);
      const res = await call(rig(), "GET", `/api/v1/statuses/${leaf!.id}/context`, alice);
      assert.equal(res.body.ancestors.length, ANCESTOR_DEPTH);
      await runDueJobs(rig().ctx); // the replies fetch that opening the thread queued
    });

    test("opening a remote thread fetches its replies for later requests, once per cool-down", async () => {
      const root = `${kim}/statuses/r0`;
      const reply = (n: number) => `${kim}/statuses/r0-${n}`;
      for (const n of [1, 2])
        remote.objects.set(`/users/kim/statuses/r0-${n}`, note(reply(n), { inReplyTo: root }));
      remote.objects.set(
        "/users/kim/statuses/r0",
        note(root, {
          replies: {
            id: `${root}/replies`,
            type: "Collection",
            first: {
              id: `${root}/replies?page=1`,
              type: "CollectionPage",
              partOf: `${root}/replies`,
              items: [reply(1), reply(2)],
            },
          },
        }),
      );
      await deliverAndRun(rig(), remote, "kim", create(note(root)));
      const [status] = await statusesByUri(rig(), root);
      const path = `/api/v1/statuses/${status!.id}/context`;
      // Signed out: nothing is queued.
      assert.deepEqual((await call(rig(), "GET", path, undefined)).body.descendants, []);
      assert.equal((await jobsOf(rig(), "status.fetch-replies")).length, 0);
      const first = await call(rig(), "GET", path, alice);
      assert.deepEqual(first.body.descendants, []);
      assert.equal((await jobsOf(rig(), "status.fetch-replies")).length, 1);
      await runDueJobs(rig().ctx);
      const later = await call(rig(), "GET", path, alice);
      assert.deepEqual(
        later.body.descendants.map((s: Json) => s.uri),
        [reply(1), reply(2)],
      );
      // Within the cool-down, opening it again queues nothing; after it, another fetch.
      assert.equal((await jobsOf(rig(), "status.fetch-replies")).length, 0);
      rig().clock.advance(16 * 60 * 1000);
      await call(rig(), "GET", path, alice);
      assert.equal((await jobsOf(rig(), "status.fetch-replies")).length, 1);
      await runDueJobs(rig().ctx);
    });

    test("an endless replies collection stops at the page and item bounds", async () => {
      const huge = `${remote.base}/huge`;
      remote.objects.set(
        "/huge",
        note(huge, {
          replies: { id: `${huge}/replies`, type: "Collection", first: `${huge}/page/0` },
        }),
      );
      await deliverAndRun(rig(), remote, "kim", create(note(huge)));
      const [status] = await statusesByUri(rig(), huge);
      await call(rig(), "GET", `/api/v1/statuses/${status!.id}/context`, alice);
      await runDueJobs(rig().ctx);
      assert.ok(count("page") <= REPLY_PAGES, `${count("page")} pages`);
      assert.ok(count("reply") <= REPLY_ITEMS, `${count("reply")} replies fetched`);
      const res = await call(rig(), "GET", `/api/v1/statuses/${status!.id}/context`, alice);
      assert.equal(res.body.descendants.length, REPLY_ITEMS);
    });

    test("a stale profile is served as stored and refreshed by a job, with collection totals", async () => {
      const { ctx } = rig();
      const lou = await remote.addActor("lou", {
        followers: {
          id: `${remote.actorUri("lou")}/followers`,
          type: "OrderedCollection",
          totalItems: 42,
        },
        following: {
          id: `${remote.actorUri("lou")}/following`,
          type: "OrderedCollection",
          totalItems: 7,
        },
        outbox: {
          id: `${remote.actorUri("lou")}/outbox`,
          type: "OrderedCollection",
          totalItems: 1234,
        },
      });
      const like = (n: number) => ({
        "@context": AS,
        id: `${lou}#like/${n}`,
        type: "Like",
        actor: lou,
        object: `${lou}/nothing`,
      });
      await deliverAndRun(rig(), remote, "lou", like(1));
      const account = (await accountByUri(rig(), lou))!;
      const shown = await masto(rig(), alice).v1.accounts.$select(String(account.id)).fetch();
      assert.equal(shown.followersCount, 42);
      assert.equal(shown.followingCount, 7);
      assert.equal(shown.statusesCount, 1234);
      const doc = remote.objects.get("/users/lou")!;
      remote.objects.set("/users/lou", { ...doc, name: "Lou Renamed" });
      // Fresh (under a day): a new activity does not queue a refresh.
      await deliverAndRun(rig(), remote, "lou", like(2));
      assert.equal((await jobsOf(rig(), "account.refresh")).length, 0);
      rig().clock.advance(DAY + 1);
      await deliverAndRun(rig(), remote, "lou", like(3));
      assert.equal((await accountByUri(rig(), lou))?.display_name, account.display_name);
      assert.equal((await jobsOf(rig(), "account.refresh")).length, 1);
      await deliverAndRun(rig(), remote, "lou", like(4));
      assert.equal((await jobsOf(rig(), "account.refresh")).length, 1, "queued once");
      await runDueJobs(ctx);
      const res = await call(rig(), "GET", `/api/v1/accounts/${account.id}`, alice);
      assert.equal(res.body.display_name, "Lou Renamed");
      assert.equal(res.body.followers_count, 42);
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
