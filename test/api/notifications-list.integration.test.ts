// Notifications v1, reading them: types[], exclude_types[], account_id, pagination, get,
// dismiss, clear, a deleted status hiding its notifications, unread_count after the marker,
// the live event on both user channels, and a fixed number of queries per page.
import assert from "node:assert/strict";
import { before, beforeEach, test } from "node:test";
import { channels } from "../../src/domain/streaming.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import {
  call,
  countQueries,
  empty,
  type Json,
  notifications,
  ok,
  post,
  reset,
  settle,
} from "./notifications-kit.ts";

describeEachDatabase("notifications v1 (reading)", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const ids = () => rig().fixtures;
  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write follow");
    bob = await createToken(rig().ctx, "bob", "read write follow");
    admin = await createToken(rig().ctx, "admin", "read write follow");
  });
  beforeEach(async () => reset(rig()));

  test("types[], exclude_types[], account_id, pagination, get, dismiss, clear", async () => {
    const s = await post(rig(), bob, { status: "many" });
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, admin);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, alice);
    await settle(rig());
    assert.deepEqual(
      (await notifications(rig(), bob, "?exclude_types[]=follow")).map((n: Json) => n.type),
      ["favourite", "favourite"],
    );
    assert.deepEqual(
      (await notifications(rig(), bob, "?types[]=follow&types[]=nonsense")).map(
        (n: Json) => n.type,
      ),
      ["follow"],
    );
    assert.deepEqual(
      (await notifications(rig(), bob, `?account_id=${ids().admin.id}`)).map((n: Json) => n.type),
      ["favourite"],
    );
    const first = await call(rig(), "GET", "/api/v1/notifications?limit=2", bob);
    assert.equal(first.body.length, 2);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1];
    assert.ok(next);
    const rest = await call(rig(), "GET", new URL(next).pathname + new URL(next).search, bob);
    assert.equal(rest.body.length, 1);
    assert.equal(rest.body[0].type, "favourite");

    const one = await ok(rig(), "GET", `/api/v1/notifications/${rest.body[0].id}`, bob);
    assert.equal(one.id, rest.body[0].id);
    // Someone else's notification is not found, nor dismissable.
    assert.equal((await call(rig(), "GET", `/api/v1/notifications/${one.id}`, alice)).status, 404);
    assert.equal(
      (await call(rig(), "POST", `/api/v1/notifications/${one.id}/dismiss`, alice)).status,
      404,
    );
    await empty(rig(), "POST", `/api/v1/notifications/${one.id}/dismiss`, bob);
    assert.equal((await call(rig(), "GET", `/api/v1/notifications/${one.id}`, bob)).status, 404);
    assert.equal((await notifications(rig(), bob)).length, 2);
    await empty(rig(), "POST", "/api/v1/notifications/clear", bob);
    assert.deepEqual(await notifications(rig(), bob), []);
  });

  test("a deleted status takes its notifications out of the list", async () => {
    const s = await post(rig(), alice, { status: "soon gone @bob" });
    await settle(rig());
    assert.equal((await notifications(rig(), bob)).length, 1);
    await ok(rig(), "DELETE", `/api/v1/statuses/${s.id}`, alice);
    assert.deepEqual(await notifications(rig(), bob), []);
  });

  test("unread_count: after the notifications marker, capped by limit", async () => {
    const s = await post(rig(), bob, { status: "count me" });
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, admin);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, alice);
    await settle(rig());
    const count = (q = "") => ok(rig(), "GET", `/api/v1/notifications/unread_count${q}`, bob);
    assert.deepEqual(await count(), { count: 3 });
    assert.deepEqual(await count("?limit=2"), { count: 2 });
    const [, middle] = await notifications(rig(), bob);
    await rig()
      .ctx.db.insertInto("markers")
      .values({
        account_id: ids().bob.id,
        timeline: "notifications",
        last_read_id: middle.id,
        version: 1,
        updated_at: new Date().toISOString(),
      })
      .execute();
    assert.deepEqual(await count(), { count: 1 });
    await rig().ctx.db.deleteFrom("markers").execute();
  });

  test("a notification goes live on the user and user:notification channels", async () => {
    const seen: string[] = [];
    const stops = await Promise.all(
      [channels.home(ids().bob.id), channels.notifications(ids().bob.id)].map((ch) =>
        rig().ctx.pubsub.subscribe(ch, (m) => seen.push(`${ch} ${m}`)),
      ),
    );
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, alice);
    await settle(rig());
    const [n] = await notifications(rig(), bob);
    const event = JSON.stringify({ event: "notification", payload: n.id });
    assert.ok(seen.includes(`${channels.home(ids().bob.id)} ${event}`), seen.join("\n"));
    assert.ok(seen.includes(`${channels.notifications(ids().bob.id)} ${event}`));
    for (const stop of stops) await (stop as () => Promise<void> | void)();
  });

  test("a page costs the same number of queries, whatever it holds", async () => {
    const s = await post(rig(), bob, { status: "q" });
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, alice);
    await settle(rig());
    const small = await countQueries(rig(), () => notifications(rig(), bob));
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/reblog`, alice);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/favourite`, admin);
    await ok(rig(), "POST", `/api/v1/statuses/${s.id}/reblog`, admin);
    await ok(rig(), "POST", `/api/v1/accounts/${ids().bob.id}/follow`, alice);
    await post(rig(), alice, { status: "@bob one" });
    await post(rig(), admin, { status: "@bob two" });
    await settle(rig());
    assert.equal((await notifications(rig(), bob)).length, 7);
    const large = await countQueries(rig(), () => notifications(rig(), bob));
    assert.equal(large, small);
  });
});
