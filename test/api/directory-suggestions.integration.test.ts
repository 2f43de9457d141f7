// The profile directory (GET /api/v1/directory) and follow suggestions (GET /api/v2/suggestions,
// v1, DELETE /api/v1/suggestions/:id): who is listed, in what order, and who never is.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import {
  accountRow,
  assertAuthEnforced,
  createToken,
  describeEachDatabase,
  FIXED_TIME,
} from "../rig/index.ts";
import { call, type Json } from "./statuses-kit.ts";

const ids = (list: Json[]) => list.map((x: { id: string }) => x.id);

describeEachDatabase("directory and suggestions", (rig) => {
  let alice = "";
  let bob = "";
  const db = () => rig().ctx.db;
  const f = () => rig().fixtures;
  const pair = async (table: "follows" | "follow_requests", from: string, to: string) => {
    await db()
      .insertInto(table)
      .values({
        id: rig().ctx.newId(),
        account_id: from,
        target_account_id: to,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
  };
  // The spec gives DELETE /api/v1/suggestions/:id no schema (Mastodon answers {}).
  const dismiss = (token: string, id: string) =>
    rig().send<Json>("DELETE", `/api/v1/suggestions/${id}`, undefined, {
      headers: { authorization: `Bearer ${token}` },
    });
  const remote = (id: string, username: string, extra = {}) =>
    db()
      .insertInto("accounts")
      .values(accountRow({ id, username, domain: "far.test", discoverable: true, ...extra }))
      .execute();

  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    await db()
      .updateTable("accounts")
      .set({ discoverable: true })
      .where("id", "in", [f().alice.id, f().bob.id, f().carol.id])
      .execute();
    await db()
      .updateTable("accounts")
      .set({ last_status_at: "2026-01-01T10:00:00.000Z" })
      .where("id", "=", f().alice.id)
      .execute();
    await db()
      .updateTable("accounts")
      .set({ last_status_at: "2026-01-01T11:00:00.000Z" })
      .where("id", "=", f().carol.id)
      .execute();
    await remote("800001", "ghost", { suspended_at: FIXED_TIME });
    await remote("800002", "shy", { discoverable: false });
    await remote("800003", "memorial", { memorial: true });
  });

  test("directory: discoverable, listed accounts; order active and new; local", async () => {
    const active = await call(rig(), "GET", "/api/v1/directory", undefined);
    assert.equal(active.status, 200);
    assert.deepEqual(ids(active.body), [f().carol.id, f().alice.id, f().bob.id]);
    const fresh = await call(rig(), "GET", "/api/v1/directory?order=new", undefined);
    assert.deepEqual(ids(fresh.body), [f().carol.id, f().bob.id, f().alice.id]);
    const local = await call(rig(), "GET", "/api/v1/directory?local=true", undefined);
    assert.deepEqual(ids(local.body), [f().alice.id, f().bob.id]);
    const page = await call(rig(), "GET", "/api/v1/directory?limit=1&offset=1", undefined);
    assert.deepEqual(ids(page.body), [f().alice.id]);
    const clamped = await call(rig(), "GET", "/api/v1/directory?limit=5000&offset=-4", undefined);
    assert.equal(clamped.body.length, 3);
  });

  test("directory: a viewer's blocks and mutes, and the viewer, are left out", async () => {
    await call(rig(), "POST", `/api/v1/accounts/${f().carol.id}/block`, bob);
    const forBob = await call(rig(), "GET", "/api/v1/directory", bob);
    assert.deepEqual(ids(forBob.body), [f().alice.id]);
    // Blocked by carol's side too: alice blocked by bob does not see bob.
    await call(rig(), "POST", `/api/v1/accounts/${f().bob.id}/mute`, alice);
    const forAlice = await call(rig(), "GET", "/api/v1/directory", alice);
    assert.deepEqual(ids(forAlice.body), [f().carol.id]);
    await call(rig(), "POST", `/api/v1/accounts/${f().carol.id}/unblock`, bob);
    await call(rig(), "POST", `/api/v1/accounts/${f().bob.id}/unmute`, alice);
  });

  test("suggestions need read:accounts; dismissing write:accounts", async () => {
    for (const path of ["/api/v2/suggestions", "/api/v1/suggestions"])
      await assertAuthEnforced(rig(), { method: "GET", path, scope: "read:accounts" });
    await assertAuthEnforced(rig(), {
      method: "DELETE",
      path: `/api/v1/suggestions/${f().carol.id}`,
      scope: "write:accounts",
    });
  });

  test("suggestions: staff picks, friends of friends, most followed, each with its sources", async () => {
    await remote("800010", "popular");
    await remote("800011", "niche");
    await remote("800012", "hidden", { discoverable: false });
    // bob follows alice and admin; they follow popular (twice), niche (once), hidden.
    await pair("follows", f().bob.id, f().alice.id);
    await pair("follows", f().bob.id, f().admin.id);
    await pair("follows", f().alice.id, "800010");
    await pair("follows", f().admin.id, "800010");
    await pair("follows", f().alice.id, "800011");
    await pair("follows", f().admin.id, "800012");
    await db()
      .updateTable("accounts")
      .set({ followers_count: 7 })
      .where("id", "=", f().alice.id)
      .execute();
    await saveSetting(db(), "featured_accounts", ["carol", "alice"], rig().clock.now());

    const v2 = await call(rig(), "GET", "/api/v2/suggestions", bob);
    assert.equal(v2.status, 200);
    const sources = Object.fromEntries(v2.body.map((s: Json) => [s.account.id, s.sources]));
    // carol is remote: staff picks are local accounts. alice is followed already.
    assert.deepEqual(ids(v2.body.map((s: Json) => s.account)), ["800010", "800011"]);
    assert.deepEqual(sources["800010"], ["friends_of_friends"]);
    assert.equal(v2.body[0].source, "past_interactions");

    // alice is never suggested to herself (a staff pick and the most followed), and carol is
    // remote: staff picks are local. Nobody alice follows follows anyone.
    const forAlice = await call(rig(), "GET", "/api/v2/suggestions", alice);
    assert.deepEqual(forAlice.body, []);
    const v1 = await call(rig(), "GET", "/api/v1/suggestions?limit=1", bob);
    assert.deepEqual(ids(v1.body), ["800010"]);
  });

  test("suggestions: staff picks first with every source; dismissed, requested, blocked never", async () => {
    const admin = await createToken(rig().ctx, "admin");
    const res = await call(rig(), "GET", "/api/v2/suggestions", admin);
    const byId = new Map(res.body.map((s: Json) => [s.account.id, s]));
    // alice is a staff pick and the most followed local account.
    assert.equal(res.body[0].account.id, f().alice.id);
    assert.deepEqual((byId.get(f().alice.id) as Json).sources, ["featured", "most_followed"]);
    assert.equal((byId.get(f().alice.id) as Json).source, "staff");

    await pair("follow_requests", f().bob.id, "800011");
    const requested = await call(rig(), "GET", "/api/v2/suggestions", bob);
    assert.ok(!ids(requested.body.map((s: Json) => s.account)).includes("800011"));

    const dismissed = await dismiss(bob, "800010");
    assert.equal(dismissed.status, 200);
    assert.deepEqual(dismissed.body, {});
    assert.equal((await dismiss(bob, "800010")).status, 200);
    const rows = await db()
      .selectFrom("suggestion_dismissals")
      .select("target_account_id")
      .where("account_id", "=", f().bob.id)
      .execute();
    assert.deepEqual(
      rows.map((r) => String(r.target_account_id)),
      ["800010"],
    );
    const after = await call(rig(), "GET", "/api/v2/suggestions", bob);
    assert.deepEqual(after.body, []);
    assert.equal((await dismiss(bob, "12345")).status, 404);
    assert.equal((await dismiss(bob, "nope")).status, 404);

    await call(rig(), "POST", `/api/v1/accounts/${f().alice.id}/block`, admin);
    const blocked = await call(rig(), "GET", "/api/v2/suggestions", admin);
    assert.ok(!ids(blocked.body.map((s: Json) => s.account)).includes(f().alice.id));
    await call(rig(), "POST", `/api/v1/accounts/${f().alice.id}/unblock`, admin);
  });
});
