// Polls and scheduled posts as masto.js (Phanpy, Elk) drives them over HTTP: camelCase
// parameters in JSON bodies, the Poll and ScheduledStatus entities parsed by the client.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

const HOUR = 3_600_000;

describeEachDatabase(
  "polls and scheduled statuses through masto.js",
  (rig) => {
    test("post a poll, view it, vote on it", async () => {
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write"));
      const status = await alice.v1.statuses.create({
        status: "tea or coffee?",
        poll: { options: ["tea", "coffee"], expiresIn: 3600, multiple: true },
      });
      assert.ok(status.poll);
      assert.deepEqual(
        status.poll.options.map((o) => o.title),
        ["tea", "coffee"],
      );
      const seen = await bob.v1.polls.$select(status.poll.id).fetch();
      assert.equal(seen.voted, false);
      const voted = await bob.v1.polls.$select(status.poll.id).votes.create({ choices: [0, 1] });
      assert.equal(voted.voted, true);
      assert.deepEqual(voted.ownVotes, [0, 1]);
      assert.equal(voted.votesCount, 2);
      assert.equal(voted.votersCount, 1);
      await assert.rejects(
        bob.v1.polls.$select(status.poll.id).votes.create({ choices: [0] }),
        /already voted/,
      );
      const anonymous = await masto(rig()).v1.polls.$select(status.poll.id).fetch();
      assert.deepEqual(
        anonymous.options.map((o) => o.votesCount),
        [1, 1],
      );
    });

    test("schedule, list, move, cancel, and publish", async () => {
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const at = (ms: number) => new Date(rig().clock.now().getTime() + ms).toISOString();
      const first = await alice.v1.statuses.create({ status: "later", scheduledAt: at(HOUR) });
      assert.equal(first.scheduledAt, at(HOUR));
      assert.equal(first.params.text, "later");
      const second = await alice.v1.statuses.create({
        status: "never",
        scheduledAt: at(2 * HOUR),
      });
      const listed: string[] = [];
      for await (const page of alice.v1.scheduledStatuses.list({ limit: 1 }))
        listed.push(...page.map((s) => s.id));
      assert.deepEqual(listed, [second.id, first.id]);
      const moved = await alice.v1.scheduledStatuses
        .$select(first.id)
        .update({ scheduledAt: at(3 * HOUR) });
      assert.equal(moved.scheduledAt, at(3 * HOUR));
      assert.equal((await alice.v1.scheduledStatuses.$select(first.id).fetch()).id, first.id);
      await alice.v1.scheduledStatuses.$select(second.id).remove();
      await assert.rejects(alice.v1.scheduledStatuses.$select(second.id).fetch());

      rig().clock.advance(3 * HOUR);
      await runDueJobs(rig().ctx);
      assert.deepEqual(await alice.v1.scheduledStatuses.list(), []);
      const [posted] = await alice.v1.accounts
        .$select(rig().fixtures.alice.id)
        .statuses.list({ limit: 1 });
      assert.equal(posted?.content, "<p>later</p>");
    });
  },
  { listen: true },
);
