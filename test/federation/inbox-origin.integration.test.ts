// Origin rules of the inbox (research/security.md class A): a server speaks only for its own
// actors and objects. Each case is signed correctly by its sender and must still store nothing.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import {
  AS,
  accountByUri,
  deliverAndRun,
  fedifyJobs,
  PUBLIC,
  type Remote,
  startRemote,
  statusesByUri,
} from "./inbox-kit.ts";

describeEachDatabase(
  "inbox origin rules",
  (rig) => {
    let remote: Remote;
    let other: Remote; // a second server (another port: another origin)
    let alice: string;
    let bob: string;
    before(async () => {
      remote = await startRemote();
      other = await startRemote();
      alice = await remote.addActor("alice");
      bob = await other.addActor("bob");
      await createToken(rig().ctx, "alice");
    });
    after(async () => {
      await remote.close();
      await other.close();
    });

    const create = (actor: string, id: string, object: Record<string, unknown>) => ({
      "@context": AS,
      id,
      type: "Create",
      actor,
      to: [PUBLIC],
      object: { type: "Note", content: "<p>x</p>", to: [PUBLIC], ...object },
    });

    test("A1: a Note attributed to another server's actor is not stored", async () => {
      const note = `${alice}/statuses/a1`;
      await deliverAndRun(
        rig(),
        remote,
        "alice",
        create(alice, `${note}/activity`, { id: note, attributedTo: bob }),
      );
      assert.equal((await statusesByUri(rig(), note)).length, 0);
      assert.equal(await accountByUri(rig(), bob), undefined, "bob was never fetched");
    });

    test("an activity whose id is on another server than its actor is ignored", async () => {
      const note = `${alice}/statuses/id`;
      await deliverAndRun(
        rig(),
        remote,
        "alice",
        create(alice, `${other.base}/activities/1`, { id: note, attributedTo: alice }),
      );
      assert.equal((await statusesByUri(rig(), note)).length, 0);
    });

    test("A6 and A8: Update and Delete of someone else's post change nothing", async () => {
      const note = `${bob}/statuses/1`;
      await deliverAndRun(
        rig(),
        other,
        "bob",
        create(bob, `${note}/activity`, { id: note, attributedTo: bob, content: "<p>bob's</p>" }),
      );
      const [stored] = await statusesByUri(rig(), note);
      assert.ok(stored !== undefined);
      // Another server: the object is not on the sender's host.
      await deliverAndRun(rig(), remote, "alice", {
        "@context": AS,
        id: `${alice}#update/1`,
        type: "Update",
        actor: alice,
        object: { id: note, type: "Note", attributedTo: bob, content: "<p>hijacked</p>" },
      });
      await deliverAndRun(rig(), remote, "alice", {
        "@context": AS,
        id: `${alice}#delete/1`,
        type: "Delete",
        actor: alice,
        object: note,
      });
      // The same server, another actor: the post is not theirs.
      const carl = await other.addActor("carl");
      await deliverAndRun(rig(), other, "carl", {
        "@context": AS,
        id: `${carl}#update/1`,
        type: "Update",
        actor: carl,
        object: { id: note, type: "Note", attributedTo: carl, content: "<p>hijacked</p>" },
      });
      await deliverAndRun(rig(), other, "carl", {
        "@context": AS,
        id: `${carl}#delete/1`,
        type: "Delete",
        actor: carl,
        object: note,
      });
      const [after] = await statusesByUri(rig(), note);
      assert.equal(after?.content, "<p>bob's</p>");
      assert.equal(after?.edited_at, null);
      assert.equal(after?.deleted_at, null);
      const edits = await rig()
        .ctx.db.selectFrom("status_edits")
        .select("id")
        .where("status_id", "=", String(stored.id))
        .execute();
      assert.equal(edits.length, 0);
    });

    test("A11: an Announce embedding a post of another origin does not trust the copy", async () => {
      // The claimed origin does not serve the post: it must be fetched there, so it is dropped.
      const claimed = `${other.base}/users/bob/statuses/missing`;
      await deliverAndRun(rig(), remote, "alice", {
        "@context": AS,
        id: `${alice}#announce/1`,
        type: "Announce",
        actor: alice,
        to: [PUBLIC],
        object: {
          id: claimed,
          type: "Note",
          attributedTo: bob,
          content: "<p>forged</p>",
          to: [PUBLIC],
        },
      });
      assert.equal((await statusesByUri(rig(), claimed)).length, 0);
      assert.equal((await statusesByUri(rig(), `${alice}#announce/1`)).length, 0);
    });

    test("nothing refused above left work behind in the queue", async () => {
      const jobs = await fedifyJobs(rig());
      assert.equal(jobs.filter((j) => j.failed_at !== null).length, 0);
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
