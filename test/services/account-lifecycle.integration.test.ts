// Changing one's password and deleting one's account: both need the current password, and
// both end the other sign-ins.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { hashPassword, verifyPassword } from "../../src/lib/password.ts";
import { hashToken } from "../../src/lib/tokens.ts";
import { createLocalAccount } from "../../src/services/accounts/create-local-account.ts";
import {
  changePassword,
  checkCurrentPassword,
  deleteOwnAccount,
} from "../../src/services/accounts/lifecycle.ts";
import { favourite } from "../../src/services/interactions/favourite.ts";
import { reblog } from "../../src/services/interactions/reblog.ts";
import { follow } from "../../src/services/relationships/follow.ts";
import { startWebSession } from "../../src/services/sessions/web-session.ts";
import { createStatus } from "../../src/services/statuses/create-status.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase("account lifecycle", (rig) => {
  const alice = () => rig().fixtures.alice;
  const bob = () => rig().fixtures.bob;

  before(async () => {
    for (const f of [rig().fixtures.alice, rig().fixtures.bob]) {
      await rig()
        .ctx.db.updateTable("users")
        .set({ password_hash: await hashPassword(f.user.password) })
        .where("id", "=", f.user.id)
        .execute();
    }
  });

  const liveTokens = async (userId: string) =>
    (
      await rig()
        .ctx.db.selectFrom("oauth_access_tokens")
        .select("token_hash")
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .execute()
    ).map((r) => r.token_hash);

  test("a wrong current password or a bad new one changes nothing", async () => {
    const ctx = rig().ctx;
    const token = await createToken(ctx, "alice", "read");
    assert.deepEqual(
      await changePassword(ctx, alice().user.id, {
        current: "wrong-password",
        next: "new-password-1",
      }),
      { type: "wrong-password" },
    );
    assert.equal(
      (
        await changePassword(ctx, alice().user.id, {
          current: alice().user.password,
          next: "short",
        })
      ).type,
      "invalid-password",
    );
    assert.equal(
      (
        await changePassword(ctx, alice().user.id, {
          current: alice().user.password,
          next: "x".repeat(73),
        })
      ).type,
      "invalid-password",
    );
    const row = await ctx.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", alice().user.id)
      .executeTakeFirstOrThrow();
    assert.equal(await verifyPassword(alice().user.password, row.password_hash!), true);
    assert.ok((await liveTokens(alice().user.id)).includes(hashToken(token)));
  });

  test("a new password revokes every other token, keeping the one that asked", async () => {
    const ctx = rig().ctx;
    const other = await createToken(ctx, "alice", "read");
    const current = await createToken(ctx, "alice", "read write");
    const currentId = (
      await ctx.db
        .selectFrom("oauth_access_tokens")
        .select("id")
        .where("token_hash", "=", hashToken(current))
        .executeTakeFirstOrThrow()
    ).id;
    const result = await changePassword(ctx, alice().user.id, {
      current: alice().user.password,
      next: "brand-new-password",
      keepTokenId: currentId,
    });
    assert.equal(result.type, "ok");
    const live = await liveTokens(alice().user.id);
    assert.deepEqual(live, [hashToken(current)]);
    assert.ok(!live.includes(hashToken(other)));
    const row = await ctx.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", alice().user.id)
      .executeTakeFirstOrThrow();
    assert.equal(await verifyPassword("brand-new-password", row.password_hash!), true);
  });

  const liveSessions = async (userId: string) =>
    (
      await rig()
        .ctx.db.selectFrom("web_sessions")
        .select("id")
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .execute()
    ).map((r) => r.id);
  const browser = { ip: "203.0.113.7", userAgent: "Test" };

  test("a new password ends every web session but the one kept; a wrong one ends none", async () => {
    const ctx = rig().ctx;
    const here = await startWebSession(ctx, alice().user.id, browser);
    const elsewhere = await startWebSession(ctx, alice().user.id, browser);
    const bobs = await startWebSession(ctx, bob().user.id, browser);
    const before = await liveSessions(alice().user.id);
    const wrong = await changePassword(ctx, alice().user.id, {
      current: "wrong-password",
      next: "another-password-2",
      keepSessionId: here.session.id,
    });
    assert.equal(wrong.type, "wrong-password");
    assert.deepEqual(await liveSessions(alice().user.id), before);
    const result = await changePassword(ctx, alice().user.id, {
      current: "brand-new-password",
      next: "another-password-2",
      keepSessionId: here.session.id,
    });
    assert.equal(result.type, "ok");
    assert.equal(result.type === "ok" && result.sessionsRevoked, before.length - 1);
    assert.deepEqual(await liveSessions(alice().user.id), [here.session.id]);
    assert.ok(!(await liveSessions(alice().user.id)).includes(elsewhere.session.id));
    assert.ok((await liveSessions(bob().user.id)).includes(bobs.session.id));
    // From an app (keepTokenId only), every browser session ends.
    await changePassword(ctx, alice().user.id, {
      current: "another-password-2",
      next: "brand-new-password",
    });
    assert.deepEqual(await liveSessions(alice().user.id), []);
  });

  test("deleting needs the password, then removes the user and keeps the name", async () => {
    const ctx = rig().ctx;
    await createToken(ctx, "bob", "read");
    assert.deepEqual(await deleteOwnAccount(ctx, bob().user.id, "not-my-password"), {
      type: "wrong-password",
    });
    assert.ok(
      (await ctx.db
        .selectFrom("users")
        .select("id")
        .where("id", "=", bob().user.id)
        .executeTakeFirst()) !== undefined,
    );
    await startWebSession(ctx, bob().user.id, browser);
    const deleted = await deleteOwnAccount(ctx, bob().user.id, bob().user.password);
    assert.equal(deleted.type, "ok");
    // A local account with no remote followers has nobody to tell.
    assert.deepEqual(deleted.type === "ok" && deleted.federate, null);
    assert.deepEqual(await liveSessions(bob().user.id), []);
    assert.equal(
      await ctx.db
        .selectFrom("users")
        .select("id")
        .where("id", "=", bob().user.id)
        .executeTakeFirst(),
      undefined,
    );
    const account = await ctx.db
      .selectFrom("accounts")
      .selectAll()
      .where("id", "=", bob().id)
      .executeTakeFirstOrThrow();
    assert.notEqual(account.suspended_at, null);
    assert.equal(account.display_name, "");
    assert.equal(
      (
        await ctx.db
          .selectFrom("oauth_access_tokens")
          .select("id")
          .where("user_id", "=", bob().user.id)
          .execute()
      ).length,
      0,
    );
  });

  test("password checks stop working after 10 in 10 minutes, even with the right password", async () => {
    const ctx = rig().ctx;
    const admin = rig().fixtures.admin.user;
    await ctx.db
      .updateTable("users")
      .set({ password_hash: await hashPassword(admin.password) })
      .where("id", "=", admin.id)
      .execute();
    try {
      for (let i = 0; i < 10; i++)
        assert.equal(await checkCurrentPassword(ctx, admin.id, "guess-number-x"), false);
      assert.equal(
        await checkCurrentPassword(ctx, admin.id, admin.password),
        false,
        "locked for the window",
      );
      rig().clock.advance(10 * 60_000);
      assert.equal(await checkCurrentPassword(ctx, admin.id, admin.password), true);
    } finally {
      rig().clock.set("2026-01-01T12:00:00.000Z");
    }
  });

  test("a deleted account's follows go, and the other side's counts come down", async () => {
    const ctx = rig().ctx;
    const admin = rig().fixtures.admin;
    const alice = rig().fixtures.alice;
    await ctx.db
      .updateTable("users")
      .set({ password_hash: await hashPassword(admin.user.password) })
      .where("id", "=", admin.user.id)
      .execute();
    assert.equal((await follow(ctx, admin.id, alice.id)).type, "ok");
    assert.equal((await follow(ctx, alice.id, admin.id)).type, "ok");
    const countsOf = async (id: string) =>
      ctx.db
        .selectFrom("accounts")
        .select(["followers_count", "following_count"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    const before = await countsOf(alice.id);
    rig().clock.advance(10 * 60_000); // past the password-check window of the test above
    try {
      assert.equal((await deleteOwnAccount(ctx, admin.user.id, admin.user.password)).type, "ok");
    } finally {
      rig().clock.set("2026-01-01T12:00:00.000Z");
    }
    const after = await countsOf(alice.id);
    assert.equal(after.followers_count, before.followers_count - 1);
    assert.equal(after.following_count, before.following_count - 1);
    const left = await ctx.db
      .selectFrom("follows")
      .select("id")
      .where((eb) =>
        eb.or([eb("account_id", "=", admin.id), eb("target_account_id", "=", admin.id)]),
      )
      .execute();
    assert.deepEqual(left, []);
    assert.deepEqual({ ...(await countsOf(admin.id)) }, { followers_count: 0, following_count: 0 });
  });

  test("a deleted account's posts go, and its replies, boosts, quotes and favourites stop counting", async () => {
    const ctx = rig().ctx;
    const dora = await createLocalAccount(ctx, {
      username: "dora",
      email: "dora@hearth.test",
      password: "dora-password-1",
      confirmed: true,
    });
    assert.equal(dora.type, "ok");
    if (dora.type !== "ok") return;
    // Alice asks; Dora answers publicly, boosts, favourites and quotes (accepted: both local).
    const question = await createStatus(ctx, alice().id, {
      text: "question?",
      visibility: "public",
    });
    assert.equal(question.type, "ok");
    if (question.type !== "ok") return;
    const answer = await createStatus(ctx, dora.accountId, {
      text: "answer",
      visibility: "public",
      inReplyToId: question.status.id,
    });
    assert.equal(answer.type, "ok");
    if (answer.type !== "ok") return;
    assert.equal((await reblog(ctx, dora.accountId, question.status.id)).type, "ok");
    assert.equal((await favourite(ctx, dora.accountId, question.status.id)).type, "ok");
    const quoting = await createStatus(ctx, dora.accountId, {
      text: "quoting",
      visibility: "public",
      quotedStatusId: question.status.id,
    });
    assert.equal(quoting.type, "ok");
    // Carol's boost and favourite (from her server) stay counted.
    const carol = rig().fixtures.carol;
    assert.equal((await reblog(ctx, carol.id, question.status.id)).type, "ok");
    assert.equal((await favourite(ctx, carol.id, question.status.id)).type, "ok");
    const statusRow = (id: string) =>
      ctx.db
        .selectFrom("statuses")
        .select([
          "replies_count",
          "reblogs_count",
          "favourites_count",
          "quotes_count",
          "deleted_at",
        ])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    const counts = async (id: string) => {
      const row = await statusRow(id);
      return [row.replies_count, row.reblogs_count, row.favourites_count, row.quotes_count].map(
        Number,
      );
    };
    assert.deepEqual(await counts(question.status.id), [1, 2, 2, 1]);

    assert.equal((await deleteOwnAccount(ctx, dora.userId, "dora-password-1")).type, "ok");
    assert.notEqual((await statusRow(answer.status.id)).deleted_at, null);
    assert.deepEqual(await counts(question.status.id), [0, 1, 1, 0]);
    assert.equal((await statusRow(question.status.id)).deleted_at, null);
    const favourites = await ctx.db
      .selectFrom("favourites")
      .select("account_id")
      .where("status_id", "=", question.status.id)
      .execute();
    assert.deepEqual(
      favourites.map((f) => f.account_id),
      [carol.id],
    );
  });
});
