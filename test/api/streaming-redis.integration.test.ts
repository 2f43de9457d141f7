// Two Hearth processes on one PostgreSQL database and one Redis: a socket on server A (web
// role only) receives a post made through server B, whose worker fans it out and publishes
// through Redis. Needs TEST_DATABASE_URL and a Redis at REDIS_TEST_URL (default
// 127.0.0.1:6379); skipped with the reason otherwise, unless HEARTH_REQUIRE_REDIS=1 (CI).
// Waits on events (output lines, frames); the timeout only keeps a broken build from hanging.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer, connect as tcpConnect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { parseConfig } from "../../src/config.ts";
import { createContext } from "../../src/context.ts";
import { openDatabase } from "../../src/db/index.ts";
import { seedFixtures } from "../rig/fixtures.ts";
import { createToken, fixtures } from "../rig/index.ts";
import { connect } from "./streaming-kit.ts";

const MAIN = path.join(fileURLToPath(new URL("../..", import.meta.url)), "src/main.ts");
const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const DATABASE_URL = process.env.TEST_DATABASE_URL;

async function redisAnswers(): Promise<boolean> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: url.hostname, port: Number(url.port || 6379) });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const redisUp = await redisAnswers();
if (!redisUp && process.env.HEARTH_REQUIRE_REDIS === "1")
  throw new Error(`HEARTH_REQUIRE_REDIS=1 but no Redis answers at ${REDIS_URL}`);
const skip =
  DATABASE_URL === undefined
    ? "needs TEST_DATABASE_URL (two processes share one PostgreSQL database)"
    : !redisUp
      ? `no Redis answers at ${REDIS_URL}`
      : false;

const children = new Set<ChildProcess>();
const dirs: string[] = [];
let dropDatabase: (() => Promise<void>) | undefined;

after(async () => {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once("close", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await dropDatabase?.();
});

/** Starts `hearth serve` and resolves once it listens (or its worker started). */
function serve(role: string, env: Record<string, string>): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hearth-stream-"));
  dirs.push(dataDir);
  const child = spawn(process.execPath, [MAIN, "serve", "--role", role], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", HEARTH_DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("close", () => children.delete(child));
  let stdout = "";
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (/Hearth is listening|Hearth worker started/.test(stdout)) resolve();
    });
    child.once("close", (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
}

describe("streaming across two processes through Redis", { skip, timeout: 120_000 }, () => {
  test("a socket on server A receives a post made through server B", async () => {
    const name = `hearth_stream_${randomBytes(6).toString("hex")}`;
    const admin = openDatabase({ kind: "postgres", url: DATABASE_URL as string });
    try {
      await sql`create database ${sql.id(name)}`.execute(admin.db);
    } finally {
      await admin.close();
    }
    dropDatabase = async () => {
      const cleanup = openDatabase({ kind: "postgres", url: DATABASE_URL as string });
      try {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(cleanup.db);
      } finally {
        await cleanup.close();
      }
    };
    const url = new URL(DATABASE_URL as string);
    url.pathname = `/${name}`;
    const [portA, portB] = [await freePort(), await freePort()];
    const shared = {
      DATABASE_URL: url.toString(),
      REDIS_URL,
      HEARTH_DOMAIN: "hearth.test",
      HEARTH_HTTPS: "false",
    };
    // A migrates first; B then finds the schema up to date.
    await serve("web", { ...shared, PORT: String(portA) });
    await serve("all", { ...shared, PORT: String(portB) });

    // People and tokens, written straight into the shared database.
    const handle = openDatabase({ kind: "postgres", url: url.toString() });
    const dataDir = mkdtempSync(path.join(tmpdir(), "hearth-stream-seed-"));
    dirs.push(dataDir);
    const ctx = createContext(
      parseConfig({ NODE_ENV: "test", HEARTH_DOMAIN: "hearth.test" }, dataDir),
      {
        database: handle,
        secrets: { secretKeyBase: "x".repeat(128) },
      },
    );
    let alice = "";
    let bob = "";
    try {
      await seedFixtures(ctx.db, ctx.config.baseUrl);
      alice = await createToken(ctx, "alice");
      bob = await createToken(ctx, "bob");
    } finally {
      await ctx.pubsub.close();
      await handle.close();
    }
    const b = `http://127.0.0.1:${portB}`;
    const followed = await fetch(`${b}/api/v1/accounts/${fixtures.alice.id}/follow`, {
      method: "POST",
      headers: { authorization: `Bearer ${bob}` },
    });
    assert.equal(followed.status, 200, await followed.text());

    // Subscribed through `?stream=`: the socket is open once A listens on Redis.
    const socket = await connect(`ws://127.0.0.1:${portA}/api/v1/streaming?stream=user`, {
      protocols: [bob],
    });
    try {
      const posted = await fetch(`${b}/api/v1/statuses`, {
        method: "POST",
        headers: { authorization: `Bearer ${alice}`, "content-type": "application/json" },
        body: JSON.stringify({ status: "from server B" }),
      });
      assert.equal(posted.status, 200);
      const { id } = (await posted.json()) as { id: string };
      const frame = await socket.next((f) => f.event === "update");
      assert.deepEqual(frame.stream, ["user"]);
      const status = JSON.parse(frame.payload as string);
      assert.equal(status.id, id);
      assert.equal(status.account.id, fixtures.alice.id);
    } finally {
      await socket.close();
    }
  });
});
