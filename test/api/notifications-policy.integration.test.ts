// The notification policy and requests (Mastodon 4.3): defaults, PATCH and its bad values;
// a private mention from a stranger is filtered into a request; accepting merges it and lets
// the sender through from then on; dismissing drops it and what it held; replies to one's
// own private mention pass; filter and drop for people one does not follow; bulk accept and
// dismiss; admin.sign_up for staff; scopes.
import assert from "node:assert/strict";
import { before, beforeEach, test } from "node:test";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { approveUser } from "../../src/services/accounts/manage-user.ts";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import {
  call,
  empty,
  type Json,
  notifications,
  ok,
  post,
  reset,
  settle,
} from "./notifications-kit.ts";
import { confirmationPath, lastMail, nextIp, signUpBody } from "./registrations-kit.ts";

describeEachDatabase("notification policy and requests", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const ids = () => rig().fixtures;
  const policy = () => ok(rig(), "GET", "/api/v2/notifications/policy", bob);
  const requests = (token = bob) => ok(rig(), "GET", "/api/v1/notifications/requests", token);
  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write follow");
    bob = await createToken(rig().ctx, "bob", "read write follow");
    admin = await createToken(rig().ctx, "admin", "read write follow");
  });
  beforeEach(async () => reset(rig()));

  test("scopes of the request endpoints", async () => {
    for (const path of [
      "/api/v1/notifications/requests",
      "/api/v1/notifications/requests/merged",
      "/api/v1/notifications/requests/1",
    ])
      await assertAuthEnforced(rig(), { method: "GET", path, scope: "read:notifications" });
    for (const path of [
      "/api/v1/notifications/requests/accept",
      "/api/v1/notifications/requests/dismiss",
      "/api/v1/notifications/requests/1/accept",
      "/api/v1/notifications/requests/1/dismiss",
    ])
      await assertAuthEnforced(rig(), { method: "POST", path, scope: "write:notifications" });
  });

  test("defaults, PATCH, and values other than accept, filter, drop refused", async () => {
    assert.deepEqual(await policy(), {
      for_not_following: "accept",
      for_not_followers: "accept",
      for_new_accounts: "accept",
      for_private_mentions: "filter",
      for_limited_accounts: "filter",
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });
    const changed = await ok(rig(), "PATCH", "/api/v2/notifications/policy", bob, {
      for_not_following: "filter",
      for_new_accounts: "drop",
    });
    assert.equal(changed.for_not_following, "filter");
    assert.equal(changed.for_new_accounts, "drop");
    assert.equal(changed.for_private_mentions, "filter");
    // Mastodon answers a bad value as any failed validation, without the spec's `details`.
    const bad = await rig().send<Json>(
      "PATCH",
      "/api/v2/notifications/policy",
      { for_not_followers: "maybe" },
      { headers: { authorization: `Bearer ${bob}` } },
    );
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body, {
      error: "Validation failed: For not followers is not included in the list",
    });
    assert.equal((await policy()).for_not_followers, "accept");
    assert.equal(
      (await ok(rig(), "GET", "/api/v2/notifications/policy", alice)).for_not_following,
      "accept",
    );
  });

  test("a stranger's private mention is filtered into a request; accepting merges it", async () => {
    const dm = await post(rig(), alice, { status: "@bob psst", visibility: "direct" });
    await settle(rig());
    assert.deepEqual(await notifications(rig(), bob), []);
    assert.deepEqual(await ok(rig(), "GET", "/api/v1/notifications/unread_count", bob), {
      count: 0,
    });
    const filtered = await notifications(rig(), bob, "?include_filtered=true");
    assert.deepEqual(
      filtered.map((n: Json) => [n.type, n.status.id]),
      [["mention", dm.id]],
    );
    assert.equal(filtered[0].group_key, `ungrouped-${filtered[0].id}`);
    // A request, with the filtered count as a string and the last status.
    const dm2 = await post(rig(), alice, { status: "@bob again", visibility: "direct" });
    await settle(rig());
    const [request] = await requests();
    assert.equal(request.account.id, ids().alice.id);
    assert.equal(request.notifications_count, "2");
    assert.equal(request.last_status.id, dm2.id);
    assert.deepEqual((await policy()).summary, {
      pending_requests_count: 1,
      pending_notifications_count: 2,
    });
    assert.equal(
      (await ok(rig(), "GET", `/api/v1/notifications/requests/${request.id}`, bob)).id,
      request.id,
    );
    assert.equal(
      (await call(rig(), "GET", `/api/v1/notifications/requests/${request.id}`, alice)).status,
      404,
    );
    assert.equal(
      (await call(rig(), "POST", `/api/v1/notifications/requests/${request.id}/accept`, alice))
        .status,
      404,
    );

    await empty(rig(), "POST", `/api/v1/notifications/requests/${request.id}/accept`, bob);
    assert.deepEqual(await ok(rig(), "GET", "/api/v1/notifications/requests/merged", bob), {
      merged: true,
    });
    assert.deepEqual(await requests(), []);
    assert.deepEqual(
      (await notifications(rig(), bob)).map((n: Json) => n.status.id),
      [dm2.id, dm.id],
    );
    // From now on alice's private mentions reach bob directly.
    const dm3 = await post(rig(), alice, { status: "@bob hi", visibility: "direct" });
    await settle(rig());
    assert.equal((await notifications(rig(), bob))[0].status.id, dm3.id);
    assert.deepEqual(await requests(), []);
  });

  test("dismissing a request drops it and its filtered notifications; bulk forms", async () => {
    await post(rig(), alice, { status: "@bob one", visibility: "direct" });
    await post(rig(), admin, { status: "@bob two", visibility: "direct" });
    await settle(rig());
    const listed = await requests();
    assert.equal(listed.length, 2);
    const [fromAdmin, fromAlice] = listed;
    assert.equal(fromAdmin.account.id, ids().admin.id);
    await empty(rig(), "POST", `/api/v1/notifications/requests/${fromAlice.id}/dismiss`, bob);
    assert.deepEqual(
      (await requests()).map((r: Json) => r.id),
      [fromAdmin.id],
    );
    assert.deepEqual(
      (await notifications(rig(), bob, "?include_filtered=true")).map((n: Json) => n.account.id),
      [ids().admin.id],
    );
    // Bulk: ids that are not bob's are skipped.
    await empty(rig(), "POST", "/api/v1/notifications/requests/dismiss", alice, {
      id: [fromAdmin.id],
    });
    assert.equal((await requests()).length, 1);
    await empty(rig(), "POST", "/api/v1/notifications/requests/accept", bob, {
      id: [fromAdmin.id],
    });
    assert.deepEqual(await requests(), []);
    assert.deepEqual(
      (await notifications(rig(), bob)).map((n: Json) => n.account.id),
      [ids().admin.id],
    );
    // A later filtered mention from alice opens a new request.
    await post(rig(), alice, { status: "@bob three", visibility: "direct" });
    await settle(rig());
    assert.deepEqual(
      (await requests()).map((r: Json) => [r.account.id, r.notifications_count]),
      [[ids().alice.id, "1"]],
    );
  });

  test("a reply to one's own private mention, and people one follows, pass", async () => {
    const mine = await post(rig(), bob, { status: "@alice question", visibility: "direct" });
    await settle(rig());
    const reply = await post(rig(), alice, {
      status: "@bob answer",
      visibility: "direct",
      in_reply_to_id: mine.id,
    });
    await settle(rig());
    assert.deepEqual(
      (await notifications(rig(), bob)).map((n: Json) => n.status.id),
      [reply.id],
    );
    await ok(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/follow`, bob);
    const followed = await post(rig(), admin, { status: "@bob hey", visibility: "direct" });
    await settle(rig());
    assert.equal((await notifications(rig(), bob))[0].status.id, followed.id);
    assert.deepEqual(await requests(), []);
  });

  test("filter and drop for people one does not follow; following them lets them through", async () => {
    const s = await post(rig(), bob, { status: "policy" });
    await ok(rig(), "PATCH", "/api/v2/notifications/policy", bob, { for_not_following: "filter" });
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await settle(rig());
    assert.deepEqual(await notifications(rig(), bob), []);
    const hidden = await notifications(rig(), bob, "?include_filtered=true");
    assert.equal(hidden[0].type, "favourite");
    // Filtered notifications are never grouped; only mentions open requests.
    assert.equal(hidden[0].group_key, `ungrouped-${hidden[0].id}`);
    assert.deepEqual(await requests(), []);
    await ok(rig(), "PATCH", "/api/v2/notifications/policy", bob, { for_not_following: "drop" });
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/reblog`, admin);
    await settle(rig());
    assert.equal((await notifications(rig(), bob, "?include_filtered=true")).length, 1);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/follow`, bob);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, admin);
    await settle(rig());
    assert.deepEqual(
      (await notifications(rig(), bob)).map((n: Json) => [n.type, n.account.id]),
      [["favourite", ids().admin.id]],
    );
  });

  test("a new user notifies staff who manage users (admin.sign_up), never filtered", async () => {
    await ok(rig(), "PATCH", "/api/v2/notifications/policy", admin, {
      for_not_following: "drop",
      for_new_accounts: "drop",
    });
    const signUp = async (username: string) => {
      const app = await createToken(rig().ctx, null, "read write");
      const res = await rig().send("POST", "/api/v1/accounts", signUpBody(username), {
        headers: { authorization: `Bearer ${app}` },
        ip: nextIp(),
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    };
    const signUps = () => notifications(rig(), admin, "?types[]=admin.sign_up");
    // Sign-ups wait for approval (the default): confirming alone announces nobody…
    await signUp("newcomer");
    await settle(rig());
    assert.deepEqual(await signUps(), []);
    await rig().get(confirmationPath(rig(), lastMail(rig())));
    await settle(rig());
    assert.deepEqual(await signUps(), []);
    // …approval of a confirmed user does, as Mastodon's User#approve!.
    assert.equal((await approveUser(rig().ctx, "newcomer")).type, "ok");
    await settle(rig());
    const seen = await signUps();
    assert.deepEqual(
      seen.map((n: Json) => n.account.username),
      ["newcomer"],
    );
    assert.match(seen[0].group_key, /^admin\.sign_up-\d+$/);
    // Open registrations: confirming is enough; the two sign-ups form one group.
    await saveSetting(rig().ctx.db, "registrations", "open", rig().clock.now());
    await signUp("second");
    await rig().get(confirmationPath(rig(), lastMail(rig())));
    await settle(rig());
    assert.equal((await signUps()).length, 2);
    const grouped = await ok(rig(), "GET", "/api/v2/notifications", admin);
    assert.deepEqual(
      grouped.notification_groups.map((g: Json) => [g.type, g.notifications_count]),
      [["admin.sign_up", 2]],
    );
    // Nobody without the permission hears of it.
    assert.deepEqual(await notifications(rig(), bob), []);
    await saveSetting(rig().ctx.db, "registrations", "approval", rig().clock.now());
  });
});
