// Conversations (direct messages): a direct post updates the DM list of its author and of
// the local accounts it mentions (unread for recipients) when the fan-out job runs; paging by
// the newest post; read and remove; someone else's conversation is 404; a recipient who
// blocks the author gets nothing; the `conversation` event on the direct channel.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { channels } from "../../src/domain/streaming.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json, post } from "./statuses-kit.ts";

describeEachDatabase("conversations", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const ids = () => rig().fixtures;
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await call(rig(), method, path, token, body);
    assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };
  const raw = (method: string, path: string, token: string) =>
    rig().send<Json>(method, path, undefined, { headers: { authorization: `Bearer ${token}` } });
  const list = (token: string, query = "") =>
    ok("GET", `/api/v1/conversations${query}`, token) as Promise<Json[]>;

  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write");
    bob = await createToken(rig().ctx, "bob", "read write");
    admin = await createToken(rig().ctx, "admin", "read write");
  });

  test("scopes: read:statuses to list, write:conversations to change", async () => {
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/conversations",
      scope: "read:statuses",
    });
    await assertAuthEnforced(rig(), {
      method: "POST",
      path: "/api/v1/conversations/1/read",
      scope: "write:conversations",
    });
  });

  test("a DM shows for author (read) and recipient (unread) once fan-out ran", async () => {
    const events: string[] = [];
    const stop = await rig().ctx.pubsub.subscribe(channels.direct(ids().bob.id), (m: string) => {
      events.push(m);
    });
    const dm = await post(rig(), alice, { status: "@bob hello there", visibility: "direct" });
    assert.deepEqual(await list(bob), [], "not before the job");
    await runDueJobs(rig().ctx);
    await stop();
    const [mine] = await list(alice);
    assert.equal(mine.unread, false);
    assert.equal(mine.last_status.id, dm.id);
    assert.deepEqual(
      mine.accounts.map((a: Json) => a.id),
      [ids().bob.id],
    );
    const [theirs] = await list(bob);
    assert.equal(theirs.unread, true);
    assert.deepEqual(
      theirs.accounts.map((a: Json) => a.id),
      [ids().alice.id],
    );
    assert.notEqual(theirs.id, mine.id, "each account has its own row");
    assert.deepEqual(
      events.map((e) => JSON.parse(e)),
      [{ event: "conversation", payload: theirs.id }],
    );
    assert.deepEqual(await list(admin), [], "not mentioned, not there");
    // A reply moves the conversation to the newest post; reading it clears unread.
    const reply = await post(rig(), bob, {
      status: "@alice hi!",
      visibility: "direct",
      in_reply_to_id: dm.id,
    });
    await runDueJobs(rig().ctx);
    const [aliceAgain] = await list(alice);
    assert.equal(aliceAgain.id, mine.id);
    assert.equal(aliceAgain.last_status.id, reply.id);
    assert.equal(aliceAgain.unread, true);
    const read = await ok("POST", `/api/v1/conversations/${mine.id}/read`, alice);
    assert.equal(read.unread, false);
    assert.equal((await list(alice))[0].unread, false);
  });

  test("someone else's conversation is 404; removing hides it until a new message", async () => {
    const dm = await post(rig(), alice, { status: "@admin psst", visibility: "direct" });
    await runDueJobs(rig().ctx);
    const [c] = await list(admin);
    assert.equal(c.last_status.id, dm.id);
    assert.equal((await raw("POST", `/api/v1/conversations/${c.id}/read`, bob)).status, 404);
    assert.equal((await raw("DELETE", `/api/v1/conversations/${c.id}`, bob)).status, 404);
    assert.equal((await raw("DELETE", "/api/v1/conversations/nope", bob)).status, 404);
    const removed = await raw("DELETE", `/api/v1/conversations/${c.id}`, admin);
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body, {});
    assert.deepEqual(await list(admin), []);
    await post(rig(), alice, {
      status: "@admin again",
      visibility: "direct",
      in_reply_to_id: dm.id,
    });
    await runDueJobs(rig().ctx);
    assert.equal((await list(admin)).length, 1);
  });

  test("pages by the newest post with Link headers", async () => {
    for (const i of [1, 2, 3]) {
      await post(rig(), admin, { status: `@bob note ${i}`, visibility: "direct" });
    }
    await runDueJobs(rig().ctx);
    const all = await list(bob);
    const first = await call(rig(), "GET", "/api/v1/conversations?limit=2", bob);
    assert.deepEqual(
      first.body.map((c: Json) => c.id),
      all.slice(0, 2).map((c) => c.id),
    );
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1];
    assert.ok(next);
    const second = await ok("GET", new URL(next).pathname + new URL(next).search, bob);
    assert.equal(second[0].id, all[2]?.id);
  });

  test("a recipient who blocks the author gets no conversation", async () => {
    await ok("POST", `/api/v1/accounts/${ids().alice.id}/block`, admin);
    const before = (await list(admin)).length;
    await post(rig(), alice, { status: "@admin blocked?", visibility: "direct" });
    await runDueJobs(rig().ctx);
    assert.equal((await list(admin)).length, before);
    await ok("POST", `/api/v1/accounts/${ids().alice.id}/unblock`, admin);
  });

  test("the last post is shown only while the viewer may see it", async () => {
    const dm = await post(rig(), bob, { status: "@alice to be deleted", visibility: "direct" });
    await runDueJobs(rig().ctx);
    const c = (await list(alice)).find((x) => x.last_status?.id === dm.id);
    assert.ok(c);
    await ok("DELETE", `/api/v1/statuses/${dm.id}`, bob);
    const after = (await list(alice)).find((x) => x.id === c.id);
    assert.equal(after?.last_status ?? null, null);
  });
});
