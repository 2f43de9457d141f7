// The test rig: a Hearth app in-process on a fresh database (in-memory SQLite, and PostgreSQL
// when TEST_DATABASE_URL is set: a database of its own per rig), a fixed clock, named fixtures.
//
//   describeEachDatabase("instance", (rig) => {
//     test("v2", async () => { const res = await rig().get("/api/v2/instance"); ... });
//   });
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe } from "node:test";
import { fileURLToPath } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import type { Hono } from "hono";
import { sql } from "kysely";
import type { Env } from "../../src/api/env.ts";
import { attachStreaming, createApp } from "../../src/app.ts";
import { type Config, parseConfig } from "../../src/config.ts";
import { type AppContext, createContext } from "../../src/context.ts";
import { type DatabaseHandle, type Dialect, openDatabase } from "../../src/db/index.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { type FixedClock, fixedClock } from "../../src/lib/clock.ts";
import { generateVapidKeys } from "../../src/lib/secrets.ts";
import { FIXED_TIME, fixtures, seedFixtures } from "./fixtures.ts";

export { assertAuthEnforced, createToken } from "./auth.ts";
export { accountRow, FIXED_TIME, fixtures } from "./fixtures.ts";
export { assertSchema, assertSpec } from "./openapi.ts";

/**
 * The databases this run tests on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
 * TEST_DIALECTS (e.g. `postgres`) narrows it: CI's PostgreSQL pass does not repeat SQLite.
 */
export function testDialects(): Dialect[] {
  const all: Dialect[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
  const wanted = process.env.TEST_DIALECTS;
  if (wanted === undefined || wanted === "") return all;
  const chosen = wanted.split(",").map((d) => d.trim());
  for (const d of chosen) {
    if (!all.includes(d as Dialect))
      throw new Error(`TEST_DIALECTS names ${d}, which this run cannot test (TEST_DATABASE_URL?)`);
  }
  return chosen as Dialect[];
}

export interface RigOptions {
  dialect?: Dialect;
  /** Extra environment for parseConfig (HEARTH_DOMAIN etc.). */
  env?: Record<string, string>;
  /** Seed the named fixtures (default true). */
  seed?: boolean;
  /** Serve over real HTTP on 127.0.0.1 (for masto/megalodon); the domain becomes that address. */
  listen?: boolean;
}

export interface RigResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface Rig {
  ctx: AppContext;
  app: Hono<Env>;
  config: Config;
  clock: FixedClock;
  dialect: Dialect;
  dataDir: string;
  /** Base URL of the real server when `listen` was set. */
  url: string;
  fixtures: typeof fixtures;
  /** A request in-process, from the client address `ip` (default a public test address). */
  request(path: string, init?: RequestInit & { ip?: string }): Promise<Response>;
  get<T = unknown>(path: string, init?: RequestInit & { ip?: string }): Promise<RigResponse<T>>;
  send<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    init?: RequestInit & { ip?: string },
  ): Promise<RigResponse<T>>;
  close(): Promise<void>;
}

export const TEST_CLIENT_IP = "203.0.113.7";

/** A hash of the migration files: a template made from other migrations is never reused. */
function migrationsDigest(): string {
  const dir = fileURLToPath(new URL("../../src/db/migrations/", import.meta.url));
  const hash = createHash("sha256");
  for (const file of readdirSync(dir).sort())
    hash.update(file).update(readFileSync(path.join(dir, file)));
  return hash.digest("hex").slice(0, 12);
}

/**
 * The name of a PostgreSQL database holding the schema of today's migrations, created under an
 * advisory lock by whichever test process asks first (the others wait, then reuse it). Nobody
 * stays connected to it, as CREATE DATABASE … TEMPLATE requires.
 */
async function migratedTemplate(admin: DatabaseHandle, url: string): Promise<string> {
  const name = `hearth_tmpl_${migrationsDigest()}`;
  // One connection for the whole of it: an advisory lock belongs to its session.
  return admin.db.connection().execute(async (db) => {
    await sql`select pg_advisory_lock(874512)`.execute(db);
    try {
      const found = await sql`select 1 from pg_database where datname = ${name}`.execute(db);
      if (found.rows.length > 0) return name;
      // Templates of older migration sets are dropped when nobody is copying them.
      const stale = await sql<{
        datname: string;
      }>`select datname from pg_database where datname like 'hearth_tmpl_%'`.execute(db);
      for (const row of stale.rows)
        await sql`drop database if exists ${sql.id(row.datname)}`.execute(db).catch(() => {});
      const building = `${name}_building`;
      await sql`drop database if exists ${sql.id(building)} with (force)`.execute(db);
      await sql`create database ${sql.id(building)}`.execute(db);
      const own = new URL(url);
      own.pathname = `/${building}`;
      const handle = openDatabase({ kind: "postgres", url: own.toString() });
      try {
        await migrateToLatest(handle.db);
      } finally {
        await handle.close();
      }
      // Renamed only once complete, so a crash mid-way never leaves a half-migrated template.
      await sql`alter database ${sql.id(building)} rename to ${sql.id(name)}`.execute(db);
      return name;
    } finally {
      await sql`select pg_advisory_unlock(874512)`.execute(db);
    }
  });
}

async function openTestDatabase(
  dialect: Dialect,
): Promise<{ handle: DatabaseHandle; drop(): Promise<void> }> {
  if (dialect === "sqlite") {
    const handle = openDatabase({ kind: "sqlite", path: ":memory:" });
    return { handle, drop: async () => {} };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  // A database per rig, not a schema: Kysely's migrator lists the tables of every schema in
  // its database, and another test file dropping its schema meanwhile made that listing fail.
  // Each is a copy of a template migrated once per set of migrations: copying takes a tenth of
  // the time of running every migration again, hundreds of times per run.
  const name = `hearth_test_${randomBytes(6).toString("hex")}`;
  const admin = openDatabase({ kind: "postgres", url });
  try {
    const template = await migratedTemplate(admin, url);
    await sql`create database ${sql.id(name)} template ${sql.id(template)}`.execute(admin.db);
  } finally {
    await admin.close();
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  const handle = openDatabase({ kind: "postgres", url: own.toString() });
  return {
    handle,
    drop: async () => {
      const cleanup = openDatabase({ kind: "postgres", url });
      try {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(cleanup.db);
      } finally {
        await cleanup.close();
      }
    },
  };
}

async function readResponse<T>(res: Response): Promise<RigResponse<T>> {
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json") && text !== "")
    body = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: body as T, text };
}

export async function createRig(options: RigOptions = {}): Promise<Rig> {
  const dialect = options.dialect ?? "sqlite";
  const dataDir = mkdtempSync(path.join(tmpdir(), "hearth-test-"));
  let server: ServerType | undefined;
  let appRef: Hono<Env> | undefined;
  let domain = "hearth.test";
  if (options.listen) {
    server = serve({
      fetch: (req, env) => appRef!.fetch(req, env),
      port: 0,
      hostname: "127.0.0.1",
    });
    await new Promise<void>((resolve) => server!.once("listening", () => resolve()));
    domain = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const config = parseConfig(
    {
      NODE_ENV: "test",
      HEARTH_DOMAIN: domain,
      HEARTH_DATA_DIR: dataDir,
      ...(options.listen ? { HEARTH_HTTPS: "false" } : {}),
      ...options.env,
    },
    dataDir,
  );
  const clock = fixedClock(FIXED_TIME);
  let database: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  let ctx: AppContext;
  try {
    database = await openTestDatabase(dialect);
    await migrateToLatest(database.handle.db);
    ctx = createContext(config, {
      database: database.handle,
      clock,
      secrets: { secretKeyBase: "x".repeat(128), ...generateVapidKeys() },
    });
    if (options.seed !== false) await seedFixtures(ctx.db, config.baseUrl);
  } catch (error) {
    // A failed setup must not leave a listening server or a database behind (the run would hang).
    const listening = server;
    if (listening !== undefined)
      await new Promise<void>((resolve) => listening.close(() => resolve()));
    await database?.handle.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { handle, drop } = database;
  const app = createApp(ctx);
  appRef = app;
  // The streaming API's WebSocket, as cli/serve.ts attaches it.
  const streaming = server === undefined ? undefined : attachStreaming(server, ctx);

  const request = (p: string, init: RequestInit & { ip?: string } = {}) => {
    const { ip, ...rest } = init;
    const url = new URL(p, config.baseUrl).toString();
    return Promise.resolve(
      app.request(url, rest, {
        incoming: { socket: { remoteAddress: ip ?? TEST_CLIENT_IP } },
      } as never),
    );
  };
  return {
    ctx,
    app,
    config,
    clock,
    dialect,
    dataDir,
    url: config.baseUrl,
    fixtures,
    request,
    get: async (p, init) => readResponse(await request(p, init)),
    send: async (method, p, body, init = {}) => {
      const headers = new Headers(init.headers);
      let payload: BodyInit | undefined;
      if (body instanceof FormData || body instanceof URLSearchParams || typeof body === "string")
        payload = body;
      else if (body !== undefined) {
        headers.set("content-type", "application/json");
        payload = JSON.stringify(body);
      }
      return readResponse(await request(p, { ...init, method, headers, body: payload }));
    },
    close: async () => {
      await streaming?.close();
      if (server !== undefined)
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      await ctx.pubsub.close();
      await handle.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Declares the same tests once per database. `body` receives a getter for the rig, which is
 * created before the tests of that database run and closed after them.
 */
export function describeEachDatabase(
  name: string,
  body: (rig: () => Rig) => void,
  options: Omit<RigOptions, "dialect"> = {},
): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let current: Rig | undefined;
      before(async () => {
        current = await createRig({ ...options, dialect });
      });
      after(async () => {
        await current?.close();
      });
      body(() => {
        if (current === undefined) throw new Error("rig not ready");
        return current;
      });
    });
  }
}
