// Mastodon's rate limits, attacked from the angles a client could try: many requests from one
// address, neighbouring IPv6 addresses, forged X-Forwarded-For, paging floods.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assertSchema, describeEachDatabase, type Rig } from "../rig/index.ts";

async function hammer(
  rig: Rig,
  count: number,
  path: string,
  init: { ip?: string; headers?: Record<string, string> },
) {
  let last: Response | undefined;
  for (let i = 0; i < count; i++) {
    last = await rig.request(path, init);
    await last.arrayBuffer();
  }
  return last as Response;
}

describeEachDatabase("rate limits", (rig) => {
  before(() => {
    rig().app.get("/api/v1/__ping", (c) => c.json({}));
  });

  test("an address gets 300 API requests per 5 minutes, then 429 with Mastodon's headers", async () => {
    const ip = "198.51.100.1";
    const first = await rig().request("/api/v1/__ping", { ip });
    assert.equal(first.headers.get("x-ratelimit-limit"), "300");
    assert.equal(first.headers.get("x-ratelimit-remaining"), "299");
    // The fixed clock stands at 12:00:00, so the 5-minute window ends at 12:05:00.
    assert.equal(first.headers.get("x-ratelimit-reset"), "2026-01-01T12:05:00.000Z");
    const last = await hammer(rig(), 299, "/api/v1/__ping", { ip });
    assert.equal(last.status, 200);
    assert.equal(last.headers.get("x-ratelimit-remaining"), "0");
    const refused = await rig().get("/api/v1/__ping", { ip });
    assert.equal(refused.status, 429);
    assert.deepEqual(refused.body, { error: "Too many requests" });
    assertSchema("Error", refused.body);
    assert.equal(refused.headers.get("x-ratelimit-remaining"), "0");
    // Another client is not affected.
    assert.equal((await rig().request("/api/v1/__ping", { ip: "198.51.100.2" })).status, 200);
  });

  test("the window resets at its end", async () => {
    const ip = "198.51.100.3";
    await hammer(rig(), 301, "/api/v1/__ping", { ip });
    assert.equal((await rig().request("/api/v1/__ping", { ip })).status, 429);
    rig().clock.advance(5 * 60_000);
    try {
      assert.equal((await rig().request("/api/v1/__ping", { ip })).status, 200);
    } finally {
      rig().clock.set("2026-01-01T12:00:00.000Z");
    }
  });

  test("IPv6 clients share one bucket per /64", async () => {
    await hammer(rig(), 300, "/api/v1/__ping", { ip: "2001:db8:1:2::1" });
    assert.equal(
      (await rig().request("/api/v1/__ping", { ip: "2001:db8:1:2:ffff::9" })).status,
      429,
    );
    assert.equal((await rig().request("/api/v1/__ping", { ip: "2001:db8:1:3::1" })).status, 200);
  });

  test("X-Forwarded-For from a client is ignored; from a local proxy it names the client", async () => {
    const spoofer = "198.51.100.4";
    await hammer(rig(), 300, "/api/v1/__ping", { ip: spoofer });
    const spoofed = await rig().request("/api/v1/__ping", {
      ip: spoofer,
      headers: { "x-forwarded-for": "203.0.113.99" },
    });
    assert.equal(spoofed.status, 429, "a client cannot escape its limit with a forged header");

    const viaProxy = { ip: "127.0.0.1", headers: { "x-forwarded-for": "198.51.100.5" } };
    await hammer(rig(), 300, "/api/v1/__ping", viaProxy);
    assert.equal(
      (await rig().request("/api/v1/__ping", viaProxy)).status,
      429,
      "the proxied client is limited",
    );
    // A forged hop before the proxy's own entry does not help either.
    const forgedChain = {
      ip: "127.0.0.1",
      headers: { "x-forwarded-for": "1.2.3.4, 198.51.100.5" },
    };
    assert.equal((await rig().request("/api/v1/__ping", forgedChain)).status, 429);
  });

  test("loopback clients are exempt, as on Mastodon", async () => {
    const last = await hammer(rig(), 320, "/api/v1/__ping", { ip: "127.0.0.1" });
    assert.equal(last.status, 200);
    assert.equal(last.headers.get("x-ratelimit-limit"), null);
    assert.equal((await rig().request("/api/v1/__ping", { ip: "::1" })).status, 200);
  });

  test("paging is limited to 300 requests per 15 minutes", async () => {
    const ip = "198.51.100.6";
    try {
      await hammer(rig(), 200, "/api/v1/__ping?max_id=5", { ip });
      rig().clock.advance(5 * 60_000);
      await hammer(rig(), 100, "/api/v1/__ping?max_id=5", { ip });
      rig().clock.advance(5 * 60_000);
      const refused = await rig().get("/api/v1/__ping?since_id=5", { ip });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get("x-ratelimit-limit"), "300");
      // Requests that do not page still go through in the fresh 5-minute window.
      assert.equal((await rig().request("/api/v1/__ping", { ip })).status, 200);
    } finally {
      rig().clock.set("2026-01-01T12:00:00.000Z");
    }
  });

  test("paths outside /api are not counted", async () => {
    const last = await hammer(rig(), 310, "/health", { ip: "198.51.100.7" });
    assert.equal(last.status, 200);
  });
});
