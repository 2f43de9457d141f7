// A domain block keeps follows from forming across it: the blocker cannot follow an account of
// the blocked domain, and a follow from there (as the inbox will deliver it) is refused.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { follow } from "../../src/services/relationships/follow.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase("domain blocks and follows", (rig) => {
  let alice = "";
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    // The spec gives the {} answer no schema: read it without validation.
    const res = await rig().send(
      "POST",
      "/api/v1/domain_blocks",
      { domain: "remote.test" },
      { headers: { authorization: `Bearer ${alice}` } },
    );
    assert.equal(res.status, 200);
  });

  const followCount = async () =>
    Number(
      (
        await rig()
          .ctx.db.selectFrom("follows")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ) +
    Number(
      (
        await rig()
          .ctx.db.selectFrom("follow_requests")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test("the blocker cannot follow an account of the blocked domain", async () => {
    const before = await followCount();
    const res = await rig().send(
      "POST",
      `/api/v1/accounts/${rig().fixtures.carol.id}/follow`,
      {},
      {
        headers: { authorization: `Bearer ${alice}` },
      },
    );
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { error: "This action is not allowed" });
    assert.equal(await followCount(), before);
  });

  test("an account of the blocked domain cannot follow the blocker", async () => {
    const before = await followCount();
    const result = await follow(rig().ctx, rig().fixtures.carol.id, rig().fixtures.alice.id, {
      uri: "https://remote.test/follows/1",
    });
    assert.equal(result.type, "forbidden");
    assert.equal(await followCount(), before);
    // Someone who did not block the domain still can be followed from there.
    const ok = await follow(rig().ctx, rig().fixtures.carol.id, rig().fixtures.bob.id, {
      uri: "https://remote.test/follows/2",
    });
    assert.equal(ok.type, "ok");
  });
});
