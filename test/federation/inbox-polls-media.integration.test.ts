// Remote poll tallies (Create and Update of a Question carry each option's count, the voters,
// the end) and attachment details Fedify does not model (blurhash, focalPoint), over real HTTP
// from a fake remote server that signs.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { call, type Json } from "../api/statuses-kit.ts";
import { masto } from "../rig/clients.ts";
import { assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";
import {
  AS,
  deliverAndRun,
  fixture,
  PUBLIC,
  type Remote,
  startRemote,
  statusesByUri,
} from "./inbox-kit.ts";

const TOOT = {
  toot: "http://joinmastodon.org/ns#",
  votersCount: "toot:votersCount",
  blurhash: "toot:blurhash",
  focalPoint: { "@container": "@list", "@id": "toot:focalPoint" },
};

function question(id: string, actor: string, counts: number[], extra: Json = {}): Json {
  return {
    id,
    type: "Question",
    attributedTo: actor,
    to: [PUBLIC],
    content: "<p>tea or coffee?</p>",
    oneOf: counts.map((n, i) => ({
      type: "Note",
      name: ["tea", "coffee", "water"][i],
      replies: { type: "Collection", totalItems: n },
    })),
    ...extra,
  };
}

function activity(type: string, actor: string, object: Json, n = 1): Json {
  return {
    "@context": [AS, TOOT],
    id: `${object.id}#${type}/${n}`,
    type,
    actor,
    to: [PUBLIC],
    object,
  };
}

describeEachDatabase(
  "inbox polls and media details",
  (rig) => {
    let remote: Remote;
    let alice: string;
    before(async () => {
      remote = await startRemote();
      alice = await createToken(rig().ctx, "alice", "read write");
    });
    after(async () => {
      await remote.close();
    });

    async function statusOf(uri: string): Promise<Json> {
      const [row] = await statusesByUri(rig(), uri);
      assert.ok(row !== undefined, "stored");
      const res = await call(rig(), "GET", `/api/v1/statuses/${row.id}`, alice);
      assert.equal(res.status, 200);
      assertSpec("GET", "/api/v1/statuses/{id}", 200, res.body);
      return res.body as Json;
    }

    test("Create(Question) stores the counts the poll's server reports", async () => {
      const rinpatch = await remote.addActor("rinpatch");
      const create = fixture("mastodon/create-question-poll.json", {
        "https://mastodon.sdf.org/users/rinpatch": rinpatch,
        "https://mastodon.sdf.org": remote.base,
      });
      await deliverAndRun(rig(), remote, "rinpatch", create);
      const poll = (await statusOf((create.object as Json).id as string)).poll as Json;
      assert.deepEqual(
        (poll.options as Json[]).map((o) => o.votes_count),
        [0, 1, 0, 1],
      );
      assert.equal(poll.votes_count, 2);
      // No votersCount sent: a single-choice poll has a voter per vote.
      assert.equal(poll.voters_count, 2);
    });

    test("Update(Question) refreshes counts, voters and the end; no edit is made", async () => {
      const author = await remote.addActor("pollster");
      const id = `${author}/polls/1`;
      const end = new Date(rig().clock.now().getTime() + 3_600_000).toISOString();
      await deliverAndRun(
        rig(),
        remote,
        "pollster",
        activity("Create", author, question(id, author, [1, 2], { endTime: end, votersCount: 3 })),
      );
      let poll = (await statusOf(id)).poll as Json;
      assert.deepEqual(
        (poll.options as Json[]).map((o) => o.votes_count),
        [1, 2],
      );
      assert.equal(poll.voters_count, 3);
      assert.equal(poll.expired, false);

      const closed = rig().clock.now().toISOString();
      const update = question(id, author, [4, 6], { endTime: end, closed, votersCount: 9 });
      await deliverAndRun(rig(), remote, "pollster", activity("Update", author, update));
      const status = await statusOf(id);
      poll = status.poll as Json;
      assert.deepEqual(
        (poll.options as Json[]).map((o) => o.votes_count),
        [4, 6],
      );
      assert.equal(poll.votes_count, 10);
      assert.equal(poll.voters_count, 9);
      assert.equal(poll.expired, true);
      assert.equal(status.edited_at, null);
    });

    test("an Update(Question) of someone else's poll changes nothing", async () => {
      const author = await remote.addActor("honest");
      const mallory = await remote.addActor("mallory");
      const id = `${author}/polls/2`;
      const end = new Date(rig().clock.now().getTime() + 3_600_000).toISOString();
      await deliverAndRun(
        rig(),
        remote,
        "honest",
        activity("Create", author, question(id, author, [1, 1], { endTime: end })),
      );
      // Signed by mallory, naming the honest author's poll (attributedTo the author, or her).
      for (const attributedTo of [author, mallory]) {
        const forged = question(id, attributedTo, [0, 99], { endTime: end, votersCount: 99 });
        await deliverAndRun(rig(), remote, "mallory", activity("Update", mallory, forged));
      }
      const poll = (await statusOf(id)).poll as Json;
      assert.deepEqual(
        (poll.options as Json[]).map((o) => o.votes_count),
        [1, 1],
      );
      assert.equal(poll.voters_count, 2);
    });

    test("a local vote on a remote poll counts in its stored tallies at once", async () => {
      const author = await remote.addActor("asker");
      const id = `${author}/polls/3`;
      const end = new Date(rig().clock.now().getTime() + 3_600_000).toISOString();
      await deliverAndRun(
        rig(),
        remote,
        "asker",
        activity("Create", author, question(id, author, [5, 0, 2], { endTime: end })),
      );
      const poll = (await statusOf(id)).poll as Json;
      const voted = await call(rig(), "POST", `/api/v1/polls/${poll.id}/votes`, alice, {
        choices: [1],
      });
      assert.equal(voted.status, 200);
      assertSpec("POST", "/api/v1/polls/{id}/votes", 200, voted.body);
      assert.deepEqual(
        (voted.body.options as Json[]).map((o) => o.votes_count),
        [5, 1, 2],
      );
      assert.deepEqual(voted.body.own_votes, [1]);
      // A second ballot is refused and counts nothing.
      const again = await call(rig(), "POST", `/api/v1/polls/${poll.id}/votes`, alice, {
        choices: [0],
      });
      assert.equal(again.status, 422);
      const read = await call(rig(), "GET", `/api/v1/polls/${poll.id}`, alice);
      assert.deepEqual(
        (read.body.options as Json[]).map((o) => o.votes_count),
        [5, 1, 2],
      );
    });

    test("masto.js reads a remote poll's tallies and votes on it", async () => {
      const author = await remote.addActor("surveyor");
      const id = `${author}/polls/masto`;
      const end = new Date(rig().clock.now().getTime() + 3_600_000).toISOString();
      await deliverAndRun(
        rig(),
        remote,
        "surveyor",
        activity("Create", author, question(id, author, [3, 4], { endTime: end, votersCount: 7 })),
      );
      const [row] = await statusesByUri(rig(), id);
      const client = masto(rig(), alice);
      const status = await client.v1.statuses.$select(String(row!.id)).fetch();
      assert.deepEqual(
        status.poll?.options.map((o) => o.votesCount),
        [3, 4],
      );
      assert.equal(status.poll?.votersCount, 7);
      const voted = await client.v1.polls.$select(status.poll!.id).votes.create({ choices: [0] });
      assert.deepEqual(
        voted.options.map((o) => o.votesCount),
        [4, 4],
      );
      assert.equal(voted.votersCount, 8);
    });

    test("attachments keep blurhash, focal point and size; malformed ones are dropped", async () => {
      const author = await remote.addActor("painter");
      const id = `${author}/notes/1`;
      const note = {
        id,
        type: "Note",
        attributedTo: author,
        to: [PUBLIC],
        content: "<p>two pictures</p>",
        attachment: [
          {
            type: "Document",
            mediaType: "image/jpeg",
            url: `${remote.base}/media/a.jpg`,
            name: "a lake",
            blurhash: "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH",
            focalPoint: [0.5, -0.25],
            width: 640,
            height: 480,
          },
          {
            type: "Document",
            mediaType: "image/png",
            url: `${remote.base}/media/b.png`,
            blurhash: "<script>",
            focalPoint: [3, 0],
            width: -5,
          },
        ],
      };
      await deliverAndRun(rig(), remote, "painter", activity("Create", author, note));
      const media = (await statusOf(id)).media_attachments as Json[];
      assert.equal(media.length, 2);
      const [a, b] = media as [Json, Json];
      assert.equal(a.blurhash, "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH");
      assert.deepEqual((a.meta as Json).focus, { x: 0.5, y: -0.25 });
      assert.equal(((a.meta as Json).original as Json).width, 640);
      assert.equal(a.description, "a lake");
      assert.equal(b.blurhash, null);
      assert.equal((b.meta as Json | null)?.focus, undefined);
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
