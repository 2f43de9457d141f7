// Cross-cutting HTTP behaviour: errors, CORS, request ids, security headers, health.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertSchema, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase("http conventions", (rig) => {
  test("unknown routes answer 404 with a Mastodon error body", async () => {
    for (const path of ["/api/v1/nope", "/nope", "/api/v9/instance"]) {
      const res = await rig().get(path);
      assert.equal(res.status, 404, path);
      assert.deepEqual(res.body, { error: "Record not found" });
      assertSchema("Error", res.body);
    }
  });

  test("health answers OK while the database answers", async () => {
    const res = await rig().get("/health");
    assert.equal(res.status, 200);
    assert.equal(res.text, "OK");
    assert.equal(res.headers.get("cache-control"), "no-store");
  });

  test("every response has a request id and security headers", async () => {
    const res = await rig().get("/health");
    assert.match(res.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(res.headers.get("x-frame-options"), "DENY");
    assert.match(res.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
    assert.match(res.headers.get("strict-transport-security") ?? "", /max-age=\d+/);
  });

  test("a proxy's request id is kept when well-formed and replaced otherwise", async () => {
    const kept = await rig().get("/health", { headers: { "x-request-id": "proxy-abc-12345" } });
    assert.equal(kept.headers.get("x-request-id"), "proxy-abc-12345");
    const replaced = await rig().get("/health", {
      headers: { "x-request-id": "<script>alert(1)</script>" },
    });
    assert.notEqual(replaced.headers.get("x-request-id"), "<script>alert(1)</script>");
    assert.match(replaced.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
  });

  test("CORS: any origin on the API, with Mastodon's exposed headers", async () => {
    const res = await rig().get("/api/v1/nope", { headers: { origin: "https://elk.zone" } });
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    const exposed = (res.headers.get("access-control-expose-headers") ?? "").toLowerCase();
    for (const h of [
      "link",
      "x-ratelimit-reset",
      "x-ratelimit-limit",
      "x-ratelimit-remaining",
      "x-request-id",
    ]) {
      assert.ok(exposed.includes(h), `exposes ${h}`);
    }
    assert.equal(res.headers.get("access-control-allow-credentials"), null);
  });

  test("CORS preflight echoes requested headers for API, OAuth token and discovery paths", async () => {
    for (const path of [
      "/api/v1/statuses",
      "/oauth/token",
      "/oauth/revoke",
      "/.well-known/nodeinfo",
      "/nodeinfo/2.0",
    ]) {
      const res = await rig().request(path, {
        method: "OPTIONS",
        headers: {
          origin: "https://phanpy.social",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type,idempotency-key",
        },
      });
      assert.equal(res.status, 204, path);
      assert.equal(res.headers.get("access-control-allow-origin"), "*", path);
      assert.match(res.headers.get("access-control-allow-methods") ?? "", /POST/);
      assert.match(res.headers.get("access-control-allow-headers") ?? "", /idempotency-key/);
    }
  });

  test("no CORS headers on paths browsers must not read cross-origin", async () => {
    const res = await rig().get("/health", { headers: { origin: "https://evil.example" } });
    assert.equal(res.headers.get("access-control-allow-origin"), null);
  });
});
