// Reading accounts: GET /api/v1/accounts/:id, /api/v1/accounts?id[]=, /api/v1/accounts/lookup.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  accountRow,
  assertSpec,
  createToken,
  describeEachDatabase,
  FIXED_TIME,
} from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
type Json = any;

describeEachDatabase("accounts (read)", (rig) => {
  const suspendedId = "900000000000000001";

  before(async () => {
    await rig()
      .ctx.db.insertInto("accounts")
      .values(
        accountRow({
          id: suspendedId,
          username: "gone",
          domain: null,
          display_name: "Gone",
          note: "<p>was here</p>",
          suspended_at: FIXED_TIME,
          followers_count: 3,
          statuses_count: 7,
          last_status_at: "2025-12-31T23:00:00.000Z",
        }),
      )
      .execute();
  });

  async function get(path: string, token?: string): Promise<{ status: number; body: Json }> {
    const res = await rig().get<Json>(
      path,
      token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
    );
    // The spec documents no 403 here (only token-carrying calls can get one).
    if (res.status !== 403) assertSpec("GET", path, res.status, res.body);
    return res;
  }

  test("an account by id, public, with every documented field", async () => {
    const { admin, alice } = rig().fixtures;
    const res = await get(`/api/v1/accounts/${alice.id}`);
    assert.equal(res.status, 200);
    const a = res.body;
    assert.equal(a.id, alice.id);
    assert.equal(a.acct, "alice");
    assert.equal(a.url, "https://hearth.test/@alice");
    assert.equal(a.avatar, "https://hearth.test/avatars/original/missing.png");
    assert.equal(a.created_at, "2025-02-01T00:00:00.000Z");
    assert.deepEqual(a.roles, []);
    for (const key of ["last_status_at", "moved", "noindex", "hide_collections", "memorial"]) {
      assert.ok(key in a, key);
    }
    // The owner's role is highlighted, so it shows.
    const owner = await get(`/api/v1/accounts/${admin.id}`);
    assert.deepEqual(owner.body.roles, [{ id: "3", name: "Owner", color: "" }]);
  });

  test("a remote account has acct user@domain and no roles", async () => {
    const { carol } = rig().fixtures;
    const res = await get(`/api/v1/accounts/${carol.id}`);
    assert.equal(res.body.acct, "carol@remote.test");
    assert.equal(res.body.roles, null);
  });

  test("a suspended account answers 200 with its fields emptied", async () => {
    const res = await get(`/api/v1/accounts/${suspendedId}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.suspended, true);
    assert.equal(res.body.display_name, "");
    assert.equal(res.body.note, "");
    assert.equal(res.body.followers_count, 3);
    assert.equal(res.body.last_status_at, "2025-12-31");
  });

  test("unknown and malformed ids are 404 Record not found", async () => {
    for (const id of ["123", "abc", "-1", "99999999999999999999"]) {
      const res = await get(`/api/v1/accounts/${id}`);
      assert.equal(res.status, 404, id);
      assert.deepEqual(res.body, { error: "Record not found" });
    }
  });

  test("a token, if sent, must be valid and have a read scope", async () => {
    const { alice } = rig().fixtures;
    const path = `/api/v1/accounts/${alice.id}`;
    assert.equal((await get(path, "nonsense")).status, 401);
    assert.equal((await get(path, await createToken(rig().ctx, "bob", "push"))).status, 403);
    assert.equal((await get(path, await createToken(rig().ctx, "bob", "read"))).status, 200);
    // An app's own token is enough for public reads.
    assert.equal((await get(path, await createToken(rig().ctx, null, "read"))).status, 200);
  });

  test("several accounts at once, in the order asked, unknown ids skipped", async () => {
    const { alice, bob, carol } = rig().fixtures;
    const path = `/api/v1/accounts?id[]=${bob.id}&id[]=123&id[]=${alice.id}&id[]=x&id[]=${carol.id}&id[]=${bob.id}`;
    const res = await get(path);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.map((a: Json) => a.username),
      ["bob", "alice", "carol"],
    );
    assert.deepEqual((await get("/api/v1/accounts")).body, []);
    const many = Array.from({ length: 41 }, (_, i) => `id[]=${i + 1}`).join("&");
    const tooMany = await rig().get<Json>(`/api/v1/accounts?${many}`);
    assert.equal(tooMany.status, 422);
  });

  test("lookup finds local accounts by name or full address, remote ones by address", async () => {
    const { alice, carol } = rig().fixtures;
    for (const acct of ["alice", "ALICE", "@alice", "alice@hearth.test", "alice@HEARTH.TEST"]) {
      const res = await get(`/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
      assert.equal(res.status, 200, acct);
      assert.equal(res.body.id, alice.id, acct);
    }
    const remote = await get("/api/v1/accounts/lookup?acct=carol@remote.test");
    assert.equal(remote.body.id, carol.id);
    for (const acct of [
      "carol",
      "nobody",
      "alice@remote.test",
      "nobody@elsewhere.test",
      "",
      "@",
      "a@b@c",
    ]) {
      const res = await get(`/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
      assert.equal(res.status, 404, acct);
      assert.deepEqual(res.body, { error: "Record not found" });
    }
  });

  test("a page of accounts costs a constant number of queries", async () => {
    const { alice, bob, carol, admin } = rig().fixtures;
    const db = rig().ctx.db;
    let count = 0;
    // Count queries through Kysely's executor for one request.
    const executor = db.getExecutor();
    const original = executor.executeQuery.bind(executor);
    (executor as { executeQuery: typeof original }).executeQuery = ((
      ...args: Parameters<typeof original>
    ) => {
      count++;
      return original(...args);
    }) as typeof original;
    try {
      count = 0;
      await rig().get(`/api/v1/accounts?id[]=${alice.id}`);
      const one = count;
      assert.ok(one > 0, "queries are counted");
      count = 0;
      await rig().get(
        `/api/v1/accounts?id[]=${alice.id}&id[]=${bob.id}&id[]=${carol.id}&id[]=${admin.id}`,
      );
      assert.equal(count, one);
    } finally {
      (executor as { executeQuery: typeof original }).executeQuery = original;
    }
  });
});
