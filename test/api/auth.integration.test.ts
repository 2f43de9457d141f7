// Token and scope enforcement, tried from every side: missing, unknown, revoked, wrong scope,
// app tokens, and users who may not use the API yet or any more.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { checkAuth, requireAuth } from "../../src/api/middleware/auth.ts";
import { hashToken } from "../../src/lib/tokens.ts";
import {
  assertAuthEnforced,
  assertSchema,
  createToken,
  describeEachDatabase,
} from "../rig/index.ts";

describeEachDatabase("token auth", (rig) => {
  before(() => {
    rig().app.get("/api/v1/__me", requireAuth({ scopes: ["read:accounts"] }), (c) =>
      c.json({ account: c.var.auth?.user?.accountId }),
    );
    rig().app.get("/api/v1/__app", requireAuth({ scopes: ["read"], user: false }), (c) =>
      c.json({ app: c.var.auth?.applicationId }),
    );
    rig().app.get("/api/v1/__follows", (c) => {
      checkAuth(c, { scopes: ["read:follows"] });
      return c.json({});
    });
  });

  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  test("the shared rule: 401 without a token, 403 without the scope, 422 for an app token", async () => {
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/__me",
      scope: "read:accounts",
    });
  });

  test("a user token with the scope passes and names the user", async () => {
    const res = await rig().get(
      "/api/v1/__me",
      bearer(await createToken(rig().ctx, "alice", "read")),
    );
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { account: rig().fixtures.alice.id });
  });

  test("the token may come as an access_token query parameter", async () => {
    const token = await createToken(rig().ctx, "bob", "read:accounts");
    const res = await rig().get(`/api/v1/__me?access_token=${encodeURIComponent(token)}`);
    assert.deepEqual(res.body, { account: rig().fixtures.bob.id });
  });

  test("broad scopes include their children; follow stands for the relationship scopes", async () => {
    assert.equal(
      (
        await rig().get(
          "/api/v1/__follows",
          bearer(await createToken(rig().ctx, "alice", "follow")),
        )
      ).status,
      200,
    );
    assert.equal(
      (await rig().get("/api/v1/__follows", bearer(await createToken(rig().ctx, "alice", "read"))))
        .status,
      200,
    );
    assert.equal(
      (
        await rig().get(
          "/api/v1/__follows",
          bearer(await createToken(rig().ctx, "alice", "read:statuses")),
        )
      ).status,
      403,
    );
    assert.equal(
      (await rig().get("/api/v1/__follows", bearer(await createToken(rig().ctx, "alice", "write"))))
        .status,
      403,
    );
  });

  test("an app token is enough where no user is needed", async () => {
    const res = await rig().get(
      "/api/v1/__app",
      bearer(await createToken(rig().ctx, null, "read")),
    );
    assert.equal(res.status, 200);
  });

  test("a revoked token is refused with its own message", async () => {
    const token = await createToken(rig().ctx, "alice", "read");
    await rig()
      .ctx.db.updateTable("oauth_access_tokens")
      .set({ revoked_at: "2026-01-01T12:00:00.000Z" })
      .where("token_hash", "=", hashToken(token))
      .execute();
    const res = await rig().get("/api/v1/__me", bearer(token));
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { error: "The access token was revoked" });
    assertSchema("Error", res.body);
  });

  test("malformed Authorization headers are simply invalid", async () => {
    for (const header of ["Bearer", "Basic abc", "Bearer a b", `Bearer ${"x".repeat(5000)}`]) {
      const res = await rig().get("/api/v1/__me", { headers: { authorization: header } });
      assert.equal(res.status, 401, header.slice(0, 20));
    }
  });

  test("unconfirmed, unapproved, disabled and suspended users are kept out with Mastodon's messages", async () => {
    const { db } = rig().ctx;
    const bob = rig().fixtures.bob;
    const token = await createToken(rig().ctx, "bob", "read");
    const cases: [Record<string, unknown>, "users" | "accounts", string][] = [
      [{ confirmed_at: null }, "users", "Your login is missing a confirmed e-mail address"],
      [{ approved: false }, "users", "Your login is currently pending approval"],
      [{ disabled: true }, "users", "Your login is currently disabled"],
      [
        { suspended_at: "2026-01-01T00:00:00.000Z" },
        "accounts",
        "Your login is currently disabled",
      ],
    ];
    for (const [change, table, message] of cases) {
      const restore =
        table === "users"
          ? { confirmed_at: "2025-03-01T00:00:00.000Z", approved: true, disabled: false }
          : { suspended_at: null };
      if (table === "users")
        await db.updateTable("users").set(change).where("id", "=", bob.user.id).execute();
      else await db.updateTable("accounts").set(change).where("id", "=", bob.id).execute();
      try {
        const res = await rig().get("/api/v1/__me", bearer(token));
        assert.equal(res.status, 403, message);
        assert.deepEqual(res.body, { error: message });
      } finally {
        if (table === "users")
          await db.updateTable("users").set(restore).where("id", "=", bob.user.id).execute();
        else await db.updateTable("accounts").set(restore).where("id", "=", bob.id).execute();
      }
    }
    assert.equal((await rig().get("/api/v1/__me", bearer(token))).status, 200);
  });

  test("authenticated requests are counted per token (300) and per user (1,500)", async () => {
    const token = await createToken(rig().ctx, "alice", "read");
    const res = await rig().request("/api/v1/__me", { ip: "198.51.100.77", ...bearer(token) });
    assert.equal(res.headers.get("x-ratelimit-limit"), "300");
    assert.equal(res.headers.get("x-ratelimit-remaining"), "299");
    // The same address without a token has its own, untouched allowance.
    const anonymous = await rig().request("/api/v1/nope", { ip: "198.51.100.77" });
    assert.equal(anonymous.headers.get("x-ratelimit-remaining"), "299");
  });

  test("a token's last use is recorded, at most once an hour", async () => {
    const token = await createToken(rig().ctx, "alice", "read");
    const lastUsed = async () =>
      (
        await rig()
          .ctx.db.selectFrom("oauth_access_tokens")
          .select("last_used_at")
          .where("token_hash", "=", hashToken(token))
          .executeTakeFirstOrThrow()
      ).last_used_at;
    assert.equal(await lastUsed(), null);
    await rig().get("/api/v1/__me", bearer(token));
    assert.equal(await lastUsed(), "2026-01-01T12:00:00.000Z");
    rig().clock.advance(30 * 60_000);
    try {
      await rig().get("/api/v1/__me", bearer(token));
      assert.equal(await lastUsed(), "2026-01-01T12:00:00.000Z");
      rig().clock.advance(31 * 60_000);
      await rig().get("/api/v1/__me", bearer(token));
      assert.equal(await lastUsed(), "2026-01-01T13:01:00.000Z");
    } finally {
      rig().clock.set("2026-01-01T12:00:00.000Z");
    }
  });
});
