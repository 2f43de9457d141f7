// Grouped notifications (v2): three favourites of one post make one group with its senders
// as sample accounts, follows group, mentions never do; grouped_types, expand_accounts,
// group pages and their Link, a group's accounts, show, dismiss, unread_count; the 12-hour
// span of a group; scopes; a fixed number of queries per page.
import assert from "node:assert/strict";
import { before, beforeEach, test } from "node:test";
import { favourite } from "../../src/services/interactions/favourite.ts";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import {
  call,
  countQueries,
  empty,
  type Json,
  ok,
  post,
  reset,
  settle,
} from "./notifications-kit.ts";

describeEachDatabase("notifications v2 (grouped)", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const ids = () => rig().fixtures;
  const grouped = (query = "") => ok(rig(), "GET", `/api/v2/notifications${query}`, bob);
  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write follow");
    bob = await createToken(rig().ctx, "bob", "read write follow");
    admin = await createToken(rig().ctx, "admin", "read write follow");
  });
  beforeEach(async () => reset(rig()));

  /** A post by bob favourited by alice, admin and carol (remote), then a mention. */
  async function threeFavourites(): Promise<{ statusId: string; mentionId: string }> {
    const s = await post(rig(), bob, { status: "fave me" });
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, admin);
    await favourite(rig().ctx, ids().carol.id, s.id);
    const m = await post(rig(), alice, { status: "@bob look" });
    await settle(rig());
    return { statusId: s.id, mentionId: m.id };
  }

  test("scopes", async () => {
    for (const path of [
      "/api/v2/notifications",
      "/api/v2/notifications/unread_count",
      "/api/v2/notifications/policy",
      "/api/v2/notifications/ungrouped-1",
      "/api/v2/notifications/ungrouped-1/accounts",
    ])
      await assertAuthEnforced(rig(), { method: "GET", path, scope: "read:notifications" });
    await assertAuthEnforced(rig(), {
      method: "POST",
      path: "/api/v2/notifications/ungrouped-1/dismiss",
      scope: "write:notifications",
    });
    await assertAuthEnforced(rig(), {
      method: "PATCH",
      path: "/api/v2/notifications/policy",
      scope: "write:notifications",
    });
  });

  test("three favourites of one post are one group with their senders", async () => {
    const { statusId, mentionId } = await threeFavourites();
    const body = await grouped();
    assert.equal(body.notification_groups.length, 2);
    const [mention, faves] = body.notification_groups;
    assert.equal(mention.type, "mention");
    assert.match(mention.group_key, /^ungrouped-\d+$/);
    assert.equal(mention.status_id, mentionId);
    assert.equal(mention.notifications_count, 1);
    assert.equal(faves.type, "favourite");
    assert.match(faves.group_key, new RegExp(`^favourite-${statusId}-\\d+$`));
    assert.equal(faves.notifications_count, 3);
    assert.deepEqual(faves.sample_account_ids, [ids().carol.id, ids().admin.id, ids().alice.id]);
    assert.equal(faves.status_id, statusId);
    assert.equal(typeof faves.most_recent_notification_id, "number");
    assert.equal(faves.page_max_id, String(faves.most_recent_notification_id));
    assert.ok(BigInt(faves.page_min_id) < BigInt(faves.page_max_id));
    assert.ok(faves.latest_page_notification_at);
    // Each account and status once, in full.
    assert.deepEqual(
      body.accounts.map((a: Json) => a.id).sort(),
      [ids().admin.id, ids().alice.id, ids().carol.id].sort(),
    );
    assert.deepEqual(body.statuses.map((s: Json) => s.id).sort(), [mentionId, statusId].sort());

    // The group by its key, and its accounts, newest first.
    const one = await grouped(`/${faves.group_key}`);
    assert.equal(one.notification_groups[0].notifications_count, 3);
    assert.equal(one.notification_groups[0].page_min_id, undefined);
    const accounts = await ok(
      rig(),
      "GET",
      `/api/v2/notifications/${faves.group_key}/accounts`,
      bob,
    );
    assert.deepEqual(
      accounts.map((a: Json) => a.id),
      [ids().carol.id, ids().admin.id, ids().alice.id],
    );
    assert.equal(
      (await call(rig(), "GET", `/api/v2/notifications/${faves.group_key}`, alice)).status,
      404,
    );

    // grouped_types without favourite: three ungrouped favourites.
    const flat = await grouped("?grouped_types[]=follow");
    assert.deepEqual(
      flat.notification_groups.map((g: Json) => g.notifications_count),
      [1, 1, 1, 1],
    );
    assert.ok(flat.notification_groups.every((g: Json) => g.group_key.startsWith("ungrouped-")));
    // partial_avatars: the latest sender in full, the others partial.
    const partial = await grouped("?expand_accounts=partial_avatars");
    assert.deepEqual(
      partial.accounts.map((a: Json) => a.id).sort(),
      [ids().alice.id, ids().carol.id].sort(),
    );
    assert.deepEqual(
      partial.partial_accounts.map((a: Json) => a.id),
      [ids().admin.id],
    );
    // An unknown expand_accounts is Mastodon's InvalidParameterError (400, not in the spec).
    const bad = await rig().send<Json>(
      "GET",
      "/api/v2/notifications?expand_accounts=some",
      undefined,
      {
        headers: { authorization: `Bearer ${bob}` },
      },
    );
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /expand_accounts/);
    // v1 still lists them one by one, with the group's key.
    const v1 = await ok(rig(), "GET", "/api/v1/notifications?types[]=favourite", bob);
    assert.equal(v1.length, 3);
    assert.ok(v1.every((n: Json) => n.group_key === faves.group_key));

    assert.deepEqual(await ok(rig(), "GET", "/api/v2/notifications/unread_count", bob), {
      count: 2,
    });
    assert.deepEqual(
      await ok(rig(), "GET", "/api/v2/notifications/unread_count?grouped_types[]=follow", bob),
      { count: 4 },
    );
    // Dismissing the group removes all three.
    await empty(rig(), "POST", `/api/v2/notifications/${faves.group_key}/dismiss`, bob);
    const after = await grouped();
    assert.deepEqual(
      after.notification_groups.map((g: Json) => g.type),
      ["mention"],
    );
    await empty(rig(), "POST", `/api/v2/notifications/${mention.group_key}/dismiss`, bob);
    assert.deepEqual((await grouped()).notification_groups, []);
  });

  test("a page holds `limit` groups; the next page goes on from its last", async () => {
    const { statusId } = await threeFavourites();
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, alice);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, admin);
    await settle(rig());
    // Groups by their newest: follow (2), mention, favourite (3).
    const first = await call(rig(), "GET", "/api/v2/notifications?limit=2", bob);
    assert.deepEqual(
      first.body.notification_groups.map((g: Json) => [g.type, g.notifications_count]),
      [
        ["follow", 2],
        ["mention", 1],
      ],
    );
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1];
    assert.ok(next);
    const url = new URL(next);
    assert.equal(url.searchParams.get("limit"), "2");
    const second = await call(rig(), "GET", url.pathname + url.search, bob);
    assert.deepEqual(
      second.body.notification_groups.map((g: Json) => [
        g.type,
        g.notifications_count,
        g.status_id,
      ]),
      [["favourite", 3, statusId]],
    );
  });

  test("a group spans 12 hours at most; a favourite later starts another", async () => {
    const s = await post(rig(), bob, { status: "slow burn" });
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await settle(rig());
    rig().clock.advance(11 * 3_600_000);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, admin);
    await settle(rig());
    rig().clock.advance(2 * 3_600_000);
    await favourite(rig().ctx, ids().carol.id, s.id);
    await settle(rig());
    const body = await grouped();
    assert.deepEqual(
      body.notification_groups.map((g: Json) => g.notifications_count),
      [1, 2],
    );
  });

  test("a page of groups costs the same number of queries, whatever it holds", async () => {
    const s = await post(rig(), bob, { status: "q" });
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await settle(rig());
    const small = await countQueries(rig(), () => grouped());
    await threeFavourites();
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/reblog`, admin);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, alice);
    await settle(rig());
    assert.equal((await grouped()).notification_groups.length, 5);
    const large = await countQueries(rig(), () => grouped());
    assert.equal(large, small);
  });
});
