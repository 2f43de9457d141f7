// Markers: saved reading positions for home and notifications, a version counter per save,
// unknown timelines ignored, bad ids refused, one user's markers invisible to another.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json } from "./statuses-kit.ts";

describeEachDatabase("markers", (rig) => {
  let bob = "";
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await call(rig(), method, path, token, body);
    assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };

  before(async () => {
    bob = await createToken(rig().ctx, "bob", "read write");
  });

  test("scopes: read:statuses to read, write:statuses to save", async () => {
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/markers?timeline[]=home",
      scope: "read:statuses",
    });
    await assertAuthEnforced(rig(), {
      method: "POST",
      path: "/api/v1/markers",
      scope: "write:statuses",
      body: { home: { last_read_id: "1" } },
    });
  });

  test("none yet: an empty object", async () => {
    assert.deepEqual(
      await ok("GET", "/api/v1/markers?timeline[]=home&timeline[]=notifications", bob),
      {},
    );
  });

  test("save, read back, version counts saves, updated_at from the clock", async () => {
    const first = await ok("POST", "/api/v1/markers", bob, {
      home: { last_read_id: "103206604258487607" },
    });
    assert.deepEqual(first, {
      home: {
        last_read_id: "103206604258487607",
        version: 0,
        updated_at: rig().ctx.clock.now().toISOString(),
      },
    });
    rig().clock.advance(5_000);
    // Rails-style form keys work too.
    const res = await rig().send<Json>(
      "POST",
      "/api/v1/markers",
      "home[last_read_id]=103206604258487700&notifications[last_read_id]=42",
      {
        headers: {
          authorization: `Bearer ${bob}`,
          "content-type": "application/x-www-form-urlencoded",
        },
      },
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.home.version, 1);
    assert.equal(res.body.home.last_read_id, "103206604258487700");
    assert.equal(res.body.notifications.version, 0);
    const both = await ok("GET", "/api/v1/markers?timeline[]=home&timeline[]=notifications", bob);
    assert.equal(both.home.updated_at, rig().ctx.clock.now().toISOString());
    assert.equal(both.notifications.last_read_id, "42");
    const onlyHome = await ok("GET", "/api/v1/markers?timeline[]=home&timeline[]=bogus", bob);
    assert.deepEqual(Object.keys(onlyHome), ["home"]);
    // Someone else sees none of them.
    const admin = await createToken(rig().ctx, "admin", "read");
    assert.deepEqual(await ok("GET", "/api/v1/markers?timeline[]=home", admin), {});
  });

  test("bad positions are 422 and change nothing; unknown timelines are ignored", async () => {
    const before = await ok("GET", "/api/v1/markers?timeline[]=home", bob);
    for (const body of [
      { home: { last_read_id: "" } },
      { home: { last_read_id: "abc" } },
      { home: {} },
      { home: "5" },
    ]) {
      const res = await rig().send<Json>("POST", "/api/v1/markers", body, {
        headers: { authorization: `Bearer ${bob}` },
      });
      assert.equal(res.status, 422, JSON.stringify(body));
    }
    assert.deepEqual(await ok("GET", "/api/v1/markers?timeline[]=home", bob), before);
    assert.deepEqual(
      await ok("POST", "/api/v1/markers", bob, { public: { last_read_id: "1" } }),
      {},
    );
  });
});
