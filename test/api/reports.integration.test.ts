// POST /api/v1/reports as a client sees it: the Report entity (spec-checked), every refusal
// of Mastodon's ReportService (oneself, unknown or unseen statuses, rules, comment length,
// category) leaving nothing behind, and moderators' `admin.report` notification with the
// report in it — once per account while a report of it is open.
import assert from "node:assert/strict";
import { before, beforeEach, test } from "node:test";
import { insertRule } from "../../src/repos/rules.ts";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json, notifications, post, settle } from "./notifications-kit.ts";

describeEachDatabase("reports API", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const ids = () => rig().fixtures;
  const reportCount = async () =>
    Number(
      (
        await rig()
          .ctx.db.selectFrom("reports")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const report = (token: string, body: Record<string, unknown>) =>
    call(rig(), "POST", "/api/v1/reports", token, body);

  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write");
    bob = await createToken(rig().ctx, "bob", "read write");
    admin = await createToken(rig().ctx, "admin", "read write");
    const at = rig().clock.now().toISOString();
    await insertRule(rig().ctx.db, {
      id: "101",
      text: "Be kind",
      hint: "",
      position: 0,
      created_at: at,
      updated_at: at,
    });
  });
  beforeEach(async () => {
    await settle(rig());
    await rig().ctx.db.deleteFrom("notifications").execute();
    await rig().ctx.db.deleteFrom("reports").execute();
  });

  test("needs write:reports", async () => {
    await assertAuthEnforced(rig(), {
      method: "POST",
      path: "/api/v1/reports",
      scope: "write:reports",
      body: { account_id: "1" },
    });
  });

  test("a report with statuses answers the Report entity and tells the moderators", async () => {
    const s = await post(rig(), bob, { status: "buy my pills" });
    const res = await report(alice, {
      account_id: ids().bob.id,
      status_ids: [s.id],
      comment: "spam, spam, spam",
      category: "spam",
      forward: true,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const r = res.body as Json;
    assert.equal(r.category, "spam");
    assert.equal(r.comment, "spam, spam, spam");
    assert.deepEqual(r.status_ids, [s.id]);
    assert.equal(r.rule_ids, null);
    assert.equal(r.action_taken, false);
    assert.equal(r.action_taken_at, null);
    // A local account: nothing to forward to.
    assert.equal(r.forwarded, false);
    assert.equal(r.target_account.id, ids().bob.id);
    await settle(rig());
    const shown = await notifications(rig(), admin);
    assert.equal(shown.length, 1);
    assert.equal(shown[0].type, "admin.report");
    assert.equal(shown[0].account.id, ids().alice.id);
    assert.equal(shown[0].report.id, r.id);
    assert.equal(shown[0].report.target_account.id, ids().bob.id);
    // Grouped notifications (v2) carry it too.
    const grouped = await call(rig(), "GET", "/api/v2/notifications", admin);
    assert.equal(grouped.status, 200);
    const [group] = (grouped.body as Json).notification_groups;
    assert.equal(group.type, "admin.report");
    assert.equal(group.report.id, r.id);
    assert.equal(group.report.target_account.id, ids().bob.id);
    // Not staff, not told; nor is the reported account.
    assert.deepEqual(
      (await notifications(rig(), bob)).filter((n: Json) => n.type === "admin.report"),
      [],
    );
    // A second report of bob while the first is open: filed, but nobody is told again.
    const again = await report(alice, { account_id: ids().bob.id, comment: "still" });
    assert.equal(again.status, 200);
    await settle(rig());
    assert.equal((await notifications(rig(), admin)).length, 1);
    assert.equal(await reportCount(), 2);
  });

  test("citing rules makes a violation; a violation must cite rules that exist", async () => {
    const cited = await report(alice, {
      account_id: ids().bob.id,
      category: "spam",
      rule_ids: ["101"],
    });
    assert.equal(cited.status, 200, JSON.stringify(cited.body));
    assert.equal((cited.body as Json).category, "violation");
    assert.deepEqual((cited.body as Json).rule_ids, ["101"]);
    const before = await reportCount();
    for (const body of [
      { account_id: ids().bob.id, category: "violation" },
      { account_id: ids().bob.id, rule_ids: ["999"] },
      { account_id: ids().bob.id, rule_ids: ["101", "nope"] },
    ]) {
      const res = await report(alice, body);
      assert.equal(res.status, 422, JSON.stringify(body));
    }
    assert.equal(await reportCount(), before);
  });

  test("refusals leave nothing behind", async () => {
    const bobs = await post(rig(), bob, { status: "mine" });
    const hidden = await post(rig(), bob, { status: "only for followers", visibility: "private" });
    const alices = await post(rig(), alice, { status: "not bob's" });
    const cases: [Record<string, unknown>, number][] = [
      [{ account_id: ids().alice.id }, 422], // oneself
      [{ account_id: "123456789" }, 404],
      [{ account_id: "not-an-id" }, 404],
      [{ account_id: ids().bob.id, status_ids: [alices.id] }, 404], // not the target's
      [{ account_id: ids().bob.id, status_ids: [bobs.id, hidden.id] }, 404], // unseen
      [{ account_id: ids().bob.id, status_ids: ["x"] }, 404],
      [{ account_id: ids().bob.id, comment: "x".repeat(1001) }, 422],
      [{ account_id: ids().bob.id, category: "rude" }, 422],
    ];
    for (const [body, status] of cases) {
      const res = await report(alice, body);
      assert.equal(res.status, status, `${JSON.stringify(body).slice(0, 80)}: ${res.status}`);
    }
    // No account named: Rails' ParameterMissing (the spec lists no 400).
    const missing = await rig().send(
      "POST",
      "/api/v1/reports",
      {},
      {
        headers: { authorization: `Bearer ${alice}` },
      },
    );
    assert.equal(missing.status, 400);
    assert.equal(await reportCount(), 0);
    await settle(rig());
    assert.deepEqual(await notifications(rig(), admin), []);
    // The limit is characters, not bytes: 1000 of them pass.
    const full = await report(alice, { account_id: ids().bob.id, comment: "é".repeat(1000) });
    assert.equal(full.status, 200);
    assert.equal((full.body as Json).category, "other");
  });
});
