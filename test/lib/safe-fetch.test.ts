// The SSRF-safe HTTP client against a local server: private addresses refused (directly, by
// name and after a redirect), redirects capped, a never-ending response cut by size or time,
// while the process stays responsive.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { isPublicAddress, SafeFetchError, safeFetch } from "../../src/lib/safe-fetch.ts";

const LOOPBACK = ["127.0.0.1/32"];

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof SafeFetchError, `a SafeFetchError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

describe("safeFetch", () => {
  let server: http.Server;
  let base = "";
  const timers = new Set<NodeJS.Timeout>();

  before(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      switch (url.pathname) {
        case "/ok":
          res.writeHead(200, { "content-type": "text/html" });
          res.end("<title>hello</title>");
          return;
        case "/redirect": {
          const to = url.searchParams.get("to") ?? "/ok";
          res.writeHead(302, { location: to });
          res.end();
          return;
        }
        case "/loop":
          res.writeHead(301, { location: `/loop?n=${Number(url.searchParams.get("n")) + 1}` });
          res.end();
          return;
        case "/big":
          res.writeHead(200, { "content-length": String(2 * 1024 * 1024) });
          res.end(Buffer.alloc(2 * 1024 * 1024));
          return;
        case "/endless": {
          // No length, a chunk every 20 ms, forever.
          res.writeHead(200, { "content-type": "text/html" });
          const timer = setInterval(() => res.write(Buffer.alloc(1024, 97)), 20);
          timers.add(timer);
          res.on("close", () => {
            clearInterval(timer);
            timers.delete(timer);
          });
          return;
        }
        case "/flood": {
          // No length, as fast as it can, forever.
          res.writeHead(200);
          const chunk = Buffer.alloc(64 * 1024, 98);
          const pump = () => {
            while (res.write(chunk)) {
              /* until the socket pushes back */
            }
          };
          res.on("drain", pump);
          pump();
          return;
        }
        default:
          res.writeHead(404);
          res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    for (const timer of timers) clearInterval(timer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test("classifies addresses", () => {
    for (const address of ["93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8", "1.1.1.1"])
      assert.ok(isPublicAddress(address), address);
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::",
      "::1",
      "fe80::1",
      "fc00::1",
      "fd12:3456::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "64:ff9b::10.0.0.1",
      "2002:c0a8:0101::1",
      "ff02::1",
      "not an address",
    ])
      assert.ok(!isPublicAddress(address), address);
  });

  test("a private address is refused: literal, by name, IPv6", async () => {
    await rejectsWith(safeFetch(`${base}/ok`), "private-address");
    const port = (server.address() as AddressInfo).port;
    await rejectsWith(safeFetch(`http://localhost:${port}/ok`), "private-address");
    await rejectsWith(safeFetch(`http://[::1]:${port}/ok`), "private-address");
    await rejectsWith(safeFetch("http://[::]:1/"), "private-address");
    await rejectsWith(safeFetch("http://169.254.169.254/latest/meta-data/"), "private-address");
    await rejectsWith(safeFetch("http://0x7f000001/"), "private-address");
  });

  test("only http(s), no credentials", async () => {
    await rejectsWith(safeFetch("file:///etc/passwd"), "bad-url");
    await rejectsWith(safeFetch("gopher://example.com/"), "bad-url");
    await rejectsWith(safeFetch("http://user:pw@example.com/"), "bad-url");
    await rejectsWith(safeFetch("not a url"), "bad-url");
  });

  test("an allowed address is fetched", async () => {
    const res = await safeFetch(`${base}/ok`, { allowedPrivate: LOOPBACK });
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), "<title>hello</title>");
  });

  test("every redirect is checked again, and there are at most three", async () => {
    const port = (server.address() as AddressInfo).port;
    const followed = await safeFetch(`${base}/redirect?to=/ok`, { allowedPrivate: LOOPBACK });
    assert.equal(followed.url, `${base}/ok`);
    // The first hop is allowed; the second points at an address that is not.
    const toV6 = encodeURIComponent(`http://[::1]:${port}/ok`);
    await rejectsWith(
      safeFetch(`${base}/redirect?to=${toV6}`, { allowedPrivate: LOOPBACK }),
      "private-address",
    );
    const toMetadata = encodeURIComponent("http://169.254.169.254/");
    await rejectsWith(
      safeFetch(`${base}/redirect?to=${toMetadata}`, { allowedPrivate: LOOPBACK }),
      "private-address",
    );
    await rejectsWith(
      safeFetch(`${base}/redirect?to=${encodeURIComponent("file:///etc/passwd")}`, {
        allowedPrivate: LOOPBACK,
      }),
      "bad-url",
    );
    await rejectsWith(
      safeFetch(`${base}/loop?n=0`, { allowedPrivate: LOOPBACK }),
      "too-many-redirects",
    );
  });

  test("more than 1 MiB is refused, declared or streamed", async () => {
    await rejectsWith(safeFetch(`${base}/big`, { allowedPrivate: LOOPBACK }), "too-large");
    await rejectsWith(safeFetch(`${base}/flood`, { allowedPrivate: LOOPBACK }), "too-large");
  });

  test("a never-ending trickle hits the time cap, and the process keeps answering", async () => {
    const started = performance.now();
    const pending = safeFetch(`${base}/endless`, { allowedPrivate: LOOPBACK, timeoutMs: 400 });
    // Meanwhile other requests are served.
    const other = await safeFetch(`${base}/ok`, { allowedPrivate: LOOPBACK });
    assert.equal(other.status, 200);
    await rejectsWith(pending, "timeout");
    assert.ok(performance.now() - started < 5_000);
  });

  test("a caller's abort stops the fetch", async () => {
    const controller = new AbortController();
    const pending = safeFetch(`${base}/endless`, {
      allowedPrivate: LOOPBACK,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await rejectsWith(pending, "network");
  });
});
