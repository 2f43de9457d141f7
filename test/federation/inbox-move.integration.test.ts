// Move of a remote account: our followers of the origin follow the target and leave the
// origin, only when the target's own document lists the origin in `alsoKnownAs`.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { call } from "../api/statuses-kit.ts";
import { assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";
import { AS, accountByUri, deliverAndRun, type Remote, startRemote } from "./inbox-kit.ts";

const CONTEXT = [
  AS,
  "https://w3id.org/security/v1",
  { alsoKnownAs: { "@id": "as:alsoKnownAs", "@type": "@id" } },
];

describeEachDatabase(
  "inbox Move",
  (rig) => {
    let remote: Remote;
    before(async () => {
      remote = await startRemote();
    });
    after(async () => {
      await remote.close();
    });

    async function follows(followerId: string, targetUri: string) {
      const target = await accountByUri(rig(), targetUri);
      if (target === undefined) return { follow: false, request: false };
      const q = (table: "follows" | "follow_requests") =>
        rig()
          .ctx.db.selectFrom(table)
          .select("id")
          .where("account_id", "=", followerId)
          .where("target_account_id", "=", target.id)
          .executeTakeFirst();
      return {
        follow: (await q("follows")) !== undefined,
        request: (await q("follow_requests")) !== undefined,
      };
    }

    async function follow(followerId: string, targetUri: string) {
      const target = await accountByUri(rig(), targetUri);
      assert.ok(target !== undefined);
      const at = rig().clock.now().toISOString();
      await rig()
        .ctx.db.insertInto("follows")
        .values({
          id: rig().ctx.newId(),
          account_id: followerId,
          target_account_id: target.id,
          uri: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }

    const move = (origin: string, target: string, n: number) => ({
      "@context": AS,
      id: `${origin}#moves/${n}`,
      type: "Move",
      actor: origin,
      object: origin,
      target,
    });

    test("a Move confirmed by the target's alsoKnownAs moves our followers", async () => {
      const alice = rig().fixtures.alice.id;
      const origin = await remote.addActor("oldme");
      // Known first (a follow needs the account), then the move.
      await deliverAndRun(rig(), remote, "oldme", {
        "@context": AS,
        id: `${origin}#hello`,
        type: "Like",
        actor: origin,
        object: `${remote.base}/nothing`,
      });
      await follow(alice, origin);
      const target = await remote.addActor("newme", { "@context": CONTEXT, alsoKnownAs: [origin] });
      await deliverAndRun(rig(), remote, "oldme", move(origin, target, 1));
      const now = await follows(alice, target);
      assert.ok(now.follow || now.request, "alice follows (or asked to follow) the target");
      assert.equal((await follows(alice, origin)).follow, false);
      const moved = await accountByUri(rig(), origin);
      const targetRow = await accountByUri(rig(), target);
      assert.equal(String(moved?.moved_to_account_id), String(targetRow?.id));
      // The origin's entity names its new account (Mastodon's `moved`).
      const token = await createToken(rig().ctx, "alice", "read");
      const shown = await call(rig(), "GET", `/api/v1/accounts/${moved?.id}`, token);
      assert.equal(shown.status, 200);
      assertSpec("GET", "/api/v1/accounts/{id}", 200, shown.body);
      assert.equal((shown.body.moved as { id: string } | null)?.id, String(targetRow?.id));
      // A Follow of the target is on its way.
      const jobs = await rig()
        .ctx.db.selectFrom("jobs")
        .select("payload")
        .where("type", "=", "federation.deliver")
        .execute();
      assert.ok(jobs.some((j) => JSON.stringify(j.payload).includes(String(targetRow?.id))));
    });

    test("a Move the target does not confirm changes nothing", async () => {
      const bob = rig().fixtures.bob.id;
      const origin = await remote.addActor("stays");
      await deliverAndRun(rig(), remote, "stays", {
        "@context": AS,
        id: `${origin}#hello`,
        type: "Like",
        actor: origin,
        object: `${remote.base}/nothing`,
      });
      await follow(bob, origin);
      const stranger = await remote.addActor("stranger");
      await deliverAndRun(rig(), remote, "stays", move(origin, stranger, 1));
      // Moving someone else: the object is not the sender.
      const mallory = await remote.addActor("mover");
      await deliverAndRun(rig(), remote, "mover", {
        ...move(origin, stranger, 2),
        id: `${mallory}#moves/2`,
        actor: mallory,
      });
      assert.equal((await follows(bob, origin)).follow, true);
      const s = await follows(bob, stranger);
      assert.equal(s.follow || s.request, false);
      assert.equal((await accountByUri(rig(), origin))?.moved_to_account_id, null);
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
