// Endorsements and familiar followers.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, countQueries } from "./relationships-kit.ts";

describeEachDatabase("relationships (endorsements, familiar followers)", (rig) => {
  let alice: string;
  let bob: string;
  let admin: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
  });

  test("tokens and scopes", async () => {
    const { bob: b } = rig().fixtures;
    for (const action of ["endorse", "unendorse"]) {
      await assertAuthEnforced(rig(), {
        method: "POST",
        path: `/api/v1/accounts/${b.id}/${action}`,
        scope: "write:accounts",
      });
    }
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/endorsements",
      scope: "read:accounts",
    });
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: `/api/v1/accounts/familiar_followers?id[]=${b.id}`,
      scope: "read:follows",
    });
  });

  test("only a followed account can be endorsed; unfollowing removes it", async () => {
    const { alice: a, bob: b } = rig().fixtures;
    const refused = await call(rig(), "POST", `/api/v1/accounts/${b.id}/endorse`, alice);
    assert.equal(refused.status, 422);
    await call(rig(), "POST", `/api/v1/accounts/${b.id}/follow`, alice);
    for (let i = 0; i < 2; i++) {
      const ok = await call(rig(), "POST", `/api/v1/accounts/${b.id}/endorse`, alice);
      assert.equal(ok.body.endorsed, true);
    }
    const mine = await call(rig(), "GET", "/api/v1/endorsements", alice);
    assert.deepEqual(
      mine.body.map((x: { id: string }) => x.id),
      [b.id],
    );
    const shown = await call(rig(), "GET", `/api/v1/accounts/${a.id}/endorsements`, undefined);
    assert.deepEqual(
      shown.body.map((x: { id: string }) => x.id),
      [b.id],
    );
    const gone = await call(rig(), "POST", `/api/v1/accounts/${b.id}/unfollow`, alice);
    assert.equal(gone.body.endorsed, false);
    assert.deepEqual((await call(rig(), "GET", "/api/v1/endorsements", alice)).body, []);
  });

  test("familiar followers: whom I follow that follows them, at a constant query count", async () => {
    const { bob: b, admin: ad, carol } = rig().fixtures;
    await call(rig(), "POST", `/api/v1/accounts/${b.id}/follow`, alice);
    await call(rig(), "POST", `/api/v1/accounts/${ad.id}/follow`, bob);
    await call(rig(), "POST", `/api/v1/accounts/${carol.id}/follow`, admin);
    const one = await countQueries(rig(), () =>
      call(rig(), "GET", `/api/v1/accounts/familiar_followers?id[]=${ad.id}`, alice),
    );
    let body: { id: string; accounts: { id: string }[] }[] = [];
    const two = await countQueries(rig(), async () => {
      body = (
        await call(
          rig(),
          "GET",
          `/api/v1/accounts/familiar_followers?id[]=${ad.id}&id[]=${carol.id}`,
          alice,
        )
      ).body;
    });
    assert.equal(two, one);
    assert.deepEqual(
      body.map((f) => [f.id, f.accounts.map((a) => a.id)]),
      [
        [ad.id, [b.id]],
        [carol.id, []],
      ],
    );
  });
});
