// User-level domain blocks: the list and its pagination, normalization, every refusal, what a
// block ends (follows and requests both ways), domain_blocking in Relationship, and the
// visibility rule hiding the domain's posts from the blocker only.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { blockDomain } from "../../src/services/domain-blocks/block-domain.ts";
import { accountRow, assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import {
  blockedDomainsOf,
  call,
  DAVE,
  EVE,
  hasPair,
  pair,
  remoteStatus,
} from "./domain-blocks-kit.ts";
import { counts } from "./relationships-kit.ts";

describeEachDatabase("user domain blocks", (rig) => {
  let alice: string;
  let bob: string;
  const ids = () => rig().fixtures;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    await rig()
      .ctx.db.insertInto("accounts")
      .values([
        accountRow({ id: DAVE, username: "dave", domain: "remote.test" }),
        accountRow({ id: EVE, username: "eve", domain: "other.test" }),
      ])
      .execute();
  });

  test("each endpoint enforces its token and scope (and the old `follow` scope works)", async () => {
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/domain_blocks",
      scope: "read:blocks",
    });
    for (const method of ["POST", "DELETE"]) {
      await assertAuthEnforced(rig(), {
        method,
        path: "/api/v1/domain_blocks",
        scope: "write:blocks",
        body: { domain: "scopes.test" },
      });
    }
    const follow = await createToken(rig().ctx, "alice", "follow");
    assert.equal(
      (await call(rig(), "POST", "/api/v1/domain_blocks", follow, { domain: "x.test" })).status,
      200,
    );
    assert.equal((await call(rig(), "GET", "/api/v1/domain_blocks", follow)).status, 200);
    const readOnly = await createToken(rig().ctx, "alice", "read");
    const refused = await rig().send(
      "POST",
      "/api/v1/domain_blocks",
      { domain: "y.test" },
      { headers: { authorization: `Bearer ${readOnly}` } },
    );
    assert.equal(refused.status, 403);
    assert.equal(
      (await call(rig(), "DELETE", "/api/v1/domain_blocks", follow, { domain: "x.test" })).status,
      200,
    );
    // What assertAuthEnforced did must not linger for the tests below.
    await call(rig(), "DELETE", "/api/v1/domain_blocks", alice, { domain: "scopes.test" });
    assert.deepEqual(await blockedDomainsOf(rig(), ids().alice.id), []);
  });

  test("block: {} back, stored lower-case punycode, once however often it is sent", async () => {
    const first = await call(rig(), "POST", "/api/v1/domain_blocks", alice, {
      domain: "Bücher.EXAMPLE.",
    });
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, {});
    const again = await call(
      rig(),
      "POST",
      "/api/v1/domain_blocks?domain=xn--bcher-kva.example",
      alice,
    );
    assert.equal(again.status, 200);
    assert.deepEqual(await blockedDomainsOf(rig(), ids().alice.id), ["xn--bcher-kva.example"]);
    const list = await call(rig(), "GET", "/api/v1/domain_blocks", alice);
    assert.deepEqual(list.body, ["xn--bcher-kva.example"]);
    // Someone else's list is their own.
    assert.deepEqual((await call(rig(), "GET", "/api/v1/domain_blocks", bob)).body, []);
    const removed = await call(rig(), "DELETE", "/api/v1/domain_blocks", alice, {
      domain: "BÜCHER.example",
    });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body, {});
    assert.deepEqual(await blockedDomainsOf(rig(), ids().alice.id), []);
    // Unblocking what is not blocked succeeds and changes nothing.
    const none = await call(rig(), "DELETE", "/api/v1/domain_blocks", alice, {
      domain: "never.test",
    });
    assert.equal(none.status, 200);
    assert.deepEqual(none.body, {});
  });

  test("refused with 422: missing, blank, not a domain, a URL, our own domain", async () => {
    const own = new URL(rig().config.baseUrl).host;
    for (const [body, message] of [
      [{}, "Validation failed: Domain can't be blank"],
      [{ domain: "  " }, "Validation failed: Domain can't be blank"],
      [{ domain: "not a domain" }, "Validation failed: Domain is invalid"],
      [{ domain: "localhost" }, "Validation failed: Domain is invalid"],
      [{ domain: "https://remote.test/" }, "Validation failed: Domain is invalid"],
      [{ domain: "user@remote.test" }, "Validation failed: Domain is invalid"],
      [{ domain: "-bad-.test" }, "Validation failed: Domain is invalid"],
      [{ domain: `${"a".repeat(64)}.test` }, "Validation failed: Domain is invalid"],
      [{ domain: own.toUpperCase() }, "Validation failed: Domain cannot be this server"],
      [{ domain: ["a.test", "b.test"] }, "Validation failed: domain must be a string"],
    ] as const) {
      for (const method of ["POST", "DELETE"]) {
        const res = await call(rig(), method, "/api/v1/domain_blocks", alice, body);
        assert.equal(res.status, 422, `${method} ${JSON.stringify(body)}`);
        assert.deepEqual(res.body, { error: message });
      }
    }
    assert.deepEqual(await blockedDomainsOf(rig(), ids().alice.id), []);
  });

  test("the list pages newest first with Link headers; limit clamps at 200", async () => {
    for (const d of ["one.test", "two.test", "three.test"])
      await call(rig(), "POST", "/api/v1/domain_blocks", bob, { domain: d });
    const first = await call(rig(), "GET", "/api/v1/domain_blocks?limit=2", bob);
    assert.deepEqual(first.body, ["three.test", "two.test"]);
    const link = first.headers.get("link") ?? "";
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
    assert.ok(next !== undefined, link);
    const url = new URL(next);
    assert.equal(url.searchParams.get("limit"), "2");
    const second = await call(rig(), "GET", `${url.pathname}${url.search}`, bob);
    assert.deepEqual(second.body, ["one.test"]);
    assert.doesNotMatch(second.headers.get("link") ?? "", /rel="next"/);
    const prev = /<([^>]+)>; rel="prev"/.exec(second.headers.get("link") ?? "")?.[1];
    const back = new URL(prev ?? "http://x/");
    const newer = await call(rig(), "GET", `${back.pathname}${back.search}`, bob);
    assert.deepEqual(newer.body, ["three.test", "two.test"]);
    const all = await call(rig(), "GET", "/api/v1/domain_blocks?limit=1000", bob);
    assert.deepEqual(all.body, ["three.test", "two.test", "one.test"]);
    const bad = await rig().send("GET", "/api/v1/domain_blocks?max_id=abc", undefined, {
      headers: { authorization: `Bearer ${bob}` },
    });
    assert.equal(bad.status, 422);
    for (const d of ["one.test", "two.test", "three.test"])
      await call(rig(), "DELETE", "/api/v1/domain_blocks", bob, { domain: d });
  });

  test("blocking ends follows and requests with the domain, both ways, and nothing else", async () => {
    const { alice: a, bob: b, carol } = ids();
    await pair(rig(), "follows", carol.id, a.id); // a follower from the domain
    await pair(rig(), "follows", a.id, DAVE); // someone a follows there
    await pair(rig(), "follow_requests", DAVE, a.id); // a request from there
    await pair(rig(), "follow_requests", a.id, carol.id); // a's own pending request
    await pair(rig(), "follows", EVE, a.id); // another domain: untouched
    await pair(rig(), "follows", carol.id, b.id); // another blocker's follower: untouched
    const before = {
      a: await counts(rig(), a.id),
      carol: await counts(rig(), carol.id),
      dave: await counts(rig(), DAVE),
    };
    const unmerges = async () =>
      Number(
        (
          await rig()
            .ctx.db.selectFrom("jobs")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("type", "=", "feed.unmerge")
            .executeTakeFirstOrThrow()
        ).n,
      );
    const jobsBefore = await unmerges();
    const result = await blockDomain(rig().ctx, a.id, "remote.test");
    // The blocker's home feed loses the one account it followed there.
    assert.equal(await unmerges(), jobsBefore + 1);
    assert.equal(result.type, "ok");
    assert.ok(result.type === "ok");
    const effects = result.federate.map((f) => `${f.activity} ${f.remoteAccountId}`).sort();
    assert.deepEqual(
      effects,
      [
        `Reject Follow ${carol.id}`,
        `Reject Follow ${DAVE}`,
        `Undo Follow ${DAVE}`,
        `Undo Follow ${carol.id}`,
      ].sort(),
    );
    assert.equal(await hasPair(rig(), "follows", carol.id, a.id), false);
    assert.equal(await hasPair(rig(), "follows", a.id, DAVE), false);
    assert.equal(await hasPair(rig(), "follow_requests", DAVE, a.id), false);
    assert.equal(await hasPair(rig(), "follow_requests", a.id, carol.id), false);
    assert.equal(await hasPair(rig(), "follows", EVE, a.id), true);
    assert.equal(await hasPair(rig(), "follows", carol.id, b.id), true);
    assert.deepEqual(await counts(rig(), a.id), {
      followers: before.a.followers - 1,
      following: before.a.following - 1,
    });
    assert.equal((await counts(rig(), carol.id)).following, before.carol.following - 1);
    assert.equal((await counts(rig(), DAVE)).followers, before.dave.followers - 1);
    // Blocking again changes nothing and has nothing to tell anyone.
    const again = await blockDomain(rig().ctx, a.id, "REMOTE.test");
    assert.deepEqual(again, { type: "ok", federate: [] });
    assert.deepEqual(await blockDomain(rig().ctx, a.id, "hearth"), {
      type: "invalid",
      message: "Validation failed: Domain is invalid",
    });

    // Relationship shows the block for the domain's accounts only.
    const rel = await call(
      rig(),
      "GET",
      `/api/v1/accounts/relationships?id[]=${carol.id}&id[]=${DAVE}&id[]=${EVE}&id[]=${b.id}`,
      alice,
    );
    assert.equal(rel.status, 200);
    assert.deepEqual(
      rel.body.map((r: { id: string; domain_blocking: boolean }) => [r.id, r.domain_blocking]),
      [
        [carol.id, true],
        [DAVE, true],
        [EVE, false],
        [b.id, false],
      ],
    );
    const bobs = await call(rig(), "GET", `/api/v1/accounts/relationships?id[]=${carol.id}`, bob);
    assert.equal(bobs.body[0].domain_blocking, false);

    await call(rig(), "DELETE", "/api/v1/domain_blocks", alice, { domain: "remote.test" });
    const after = await call(
      rig(),
      "GET",
      `/api/v1/accounts/relationships?id[]=${carol.id}`,
      alice,
    );
    assert.equal(after.body[0].domain_blocking, false);
    // Ended follows stay ended after the unblock (as Mastodon).
    assert.equal(await hasPair(rig(), "follows", carol.id, a.id), false);
    await rig().ctx.db.deleteFrom("follows").where("account_id", "=", EVE).execute();
    await rig().ctx.db.deleteFrom("follows").where("account_id", "=", carol.id).execute();
  });

  test("the blocker stops seeing the domain's posts, even from accounts followed since", async () => {
    const { alice: a, carol } = ids();
    const open = await remoteStatus(rig(), "810001", carol.id, "public");
    const closed = await remoteStatus(rig(), "810002", DAVE, "private");
    const dm = await remoteStatus(rig(), "810003", DAVE, "direct");
    const elsewhere = await remoteStatus(rig(), "810004", EVE, "public");
    await rig()
      .ctx.db.insertInto("mentions")
      .values({ id: "810005", status_id: dm, account_id: a.id })
      .execute();
    await pair(rig(), "follows", a.id, DAVE);
    const sees = async (token: string | undefined, id: string) =>
      (await call(rig(), "GET", `/api/v1/statuses/${id}`, token)).status;
    for (const id of [open, closed, dm, elsewhere]) assert.equal(await sees(alice, id), 200, id);

    await call(rig(), "POST", "/api/v1/domain_blocks", alice, { domain: "remote.test" });
    // Following again after the block (a follow the block did not see) does not bring them back.
    await pair(rig(), "follows", a.id, DAVE);
    for (const id of [open, closed, dm]) {
      const res = await call(rig(), "GET", `/api/v1/statuses/${id}`, alice);
      assert.equal(res.status, 404, id);
      assert.deepEqual(res.body, { error: "Record not found" });
    }
    assert.equal(await sees(alice, elsewhere), 200);
    const listed = await call(rig(), "GET", `/api/v1/accounts/${carol.id}/statuses`, alice);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body, []);
    // Only the blocker: bob and anonymous readers still see the public post.
    assert.equal(await sees(bob, open), 200);
    assert.equal(await sees(undefined, open), 200);
    const bobsList = await call(rig(), "GET", `/api/v1/accounts/${carol.id}/statuses`, bob);
    assert.deepEqual(
      bobsList.body.map((s: { id: string }) => s.id),
      [open],
    );

    await call(rig(), "DELETE", "/api/v1/domain_blocks", alice, { domain: "remote.test" });
    for (const id of [open, closed, dm]) assert.equal(await sees(alice, id), 200, id);
  });
});
