// Three real Hearth servers on loopback, each its own process (`node src/main.ts serve`) with
// its own data dir and database (a SQLite file, or a PostgreSQL database made from
// TEST_DATABASE_URL and dropped after), on its own address: 127.0.0.2, .3 and .4, so each has
// a distinct host. They federate for real (HEARTH_ALLOW_PRIVATE_FEDERATION, plain HTTP), and
// the tests drive them only through their client APIs with masto.js.
//
//   describeTrio("follows", { a: ["alice"], b: ["bob"], c: ["carol"] }, (trio) => {
//     test("...", async () => { const alice = trio().user("alice"); ... });
//   });
//
// Nothing waits on the clock: `eventually` polls the client API until what a user would see
// appears, under a generous timeout that only ends a hung run. Every JSON answer of a client
// API path is checked against the Mastodon OpenAPI spec on its way to masto.js.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, afterEach, before, describe } from "node:test";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { createRestAPIClient, type mastodon } from "masto";
import { runCli } from "../../src/cli/index.ts";
import { type Dialect, openDatabase } from "../../src/db/index.ts";
import { CookieJar, inputValue } from "../api/oauth-kit.ts";
import { assertSpec, testDialects } from "../rig/index.ts";
import { findTemplate } from "../rig/openapi.ts";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const PASSWORD = "multi-server test password 1";
/** Ends a hung run; a healthy one needs a few seconds per step. */
const EVENTUALLY_MS = 30_000;
export const TRIO_TIMEOUT = 300_000;

export type ServerName = "a" | "b" | "c";
const ADDRESSES: Record<ServerName, string> = { a: "127.0.0.2", b: "127.0.0.3", c: "127.0.0.4" };

export interface Server {
  name: ServerName;
  /** host:port, the server's HEARTH_DOMAIN. */
  domain: string;
  url: string;
  env: Record<string, string>;
  dataDir: string;
  /** Runs `hearth <argv>` in-process against this server's database. */
  cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }>;
}

export interface User {
  username: string;
  server: Server;
  /** user@host:port, as people on other servers write it. */
  acct: string;
  /** The account's id on its own server. */
  id: string;
  token: string;
  client: mastodon.rest.Client;
}

export interface Trio {
  servers: Record<ServerName, Server>;
  user(username: string): User;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A PostgreSQL database of its own for one server; SQLite needs nothing (the data dir's file). */
async function createDatabase(dialect: Dialect): Promise<{ url?: string; drop(): Promise<void> }> {
  if (dialect === "sqlite") return { drop: async () => {} };
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `hearth_multi_${randomBytes(6).toString("hex")}`;
  const admin = openDatabase({ kind: "postgres", url: base });
  try {
    await sql`create database ${sql.id(name)}`.execute(admin.db);
  } finally {
    await admin.close();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = openDatabase({ kind: "postgres", url: base });
      try {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(cleanup.db);
      } finally {
        await cleanup.close();
      }
    },
  };
}

interface Process {
  child: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

/** Starts `hearth serve`; the process joins `started` at once, so a failed start is stopped too. */
function startProcess(server: Server, started: Process[]): Promise<Process> {
  const child = spawn(process.execPath, [MAIN, "serve"], {
    cwd: server.dataDir,
    env: { PATH: process.env.PATH ?? "", ...server.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  started.push({ child, output, exited });
  const keep = (chunk: string) => {
    output.push(chunk);
    if (process.env.MULTI_SERVER_LOGS) process.stderr.write(`[${server.name}] ${chunk}`);
  };
  child.stderr!.setEncoding("utf8").on("data", keep);
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      keep(chunk);
      if (chunk.includes("Hearth is listening")) resolve({ child, output, exited });
    });
    exited.then(() => reject(new Error(`server ${server.name} exited: ${output.join("")}`)));
  });
}

async function serverFor(name: ServerName, dialect: Dialect) {
  const host = ADDRESSES[name];
  const port = await freePort(host);
  const dataDir = mkdtempSync(path.join(tmpdir(), `hearth-multi-${name}-`));
  const database = await createDatabase(dialect);
  const env: Record<string, string> = {
    NODE_ENV: "test",
    HOST: host,
    PORT: String(port),
    HEARTH_DOMAIN: `${host}:${port}`,
    HEARTH_DATA_DIR: dataDir,
    HEARTH_HTTPS: "false",
    HEARTH_ALLOW_PRIVATE_FEDERATION: "true",
    HEARTH_RATE_LIMITS: "false",
    HEARTH_REGISTRATIONS: "open",
    HEARTH_LOG_LEVEL: process.env.MULTI_SERVER_LOGS ? "info" : "error",
    ...(database.url === undefined ? {} : { DATABASE_URL: database.url }),
  };
  const server: Server = {
    name,
    domain: `${host}:${port}`,
    url: `http://${host}:${port}`,
    env,
    dataDir,
    async cli(argv) {
      const result = { code: -1, out: [] as string[], err: [] as string[] };
      result.code = await runCli(argv, {
        out: (line) => result.out.push(line),
        err: (line) => result.err.push(line),
        env,
        cwd: dataDir,
      });
      return result;
    },
  };
  return { server, database };
}

async function signIn(server: Server, username: string): Promise<User> {
  const anonymous = createRestAPIClient({ url: server.url });
  const app = await anonymous.v1.apps.create({
    clientName: "multi-server test",
    redirectUris: "urn:ietf:wg:oauth:2.0:oob",
    scopes: "read write follow push",
  });
  const res = await fetch(`${server.url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "password",
      client_id: app.clientId,
      client_secret: app.clientSecret,
      username: `${username}@example.com`,
      password: PASSWORD,
      scope: "read write follow push",
    }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const { access_token: token } = (await res.json()) as { access_token: string };
  const client = createRestAPIClient({ url: server.url, accessToken: token });
  const me = await client.v1.accounts.verifyCredentials();
  return { username, server, acct: `${username}@${server.domain}`, id: me.id, token, client };
}

// Every JSON answer of a client API path, checked against the spec on its way to masto.js. A
// failure is kept and reported by the test that made the request (afterEach), since throwing
// inside fetch would reach the test as a masto.js error.
const specFailures: string[] = [];
const peerOrigins = new Set<string>();
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const method = init?.method ?? (input instanceof Request ? input.method : "GET");
  const url = new URL(input instanceof Request ? input.url : input);
  const res = await realFetch(input, init);
  const json = (res.headers.get("content-type") ?? "").includes("json");
  if (peerOrigins.has(url.origin) && url.pathname.startsWith("/api/") && json) {
    const template = findTemplate(url.pathname);
    if (template !== undefined) {
      const body = await res.clone().json();
      try {
        assertSpec(method, url.pathname, res.status, body);
      } catch (error) {
        // Only a body that breaks its schema counts: error answers the spec lists no schema for
        // are checked by the suites of their endpoints.
        const message = (error as Error).message;
        if (!/the spec (documents no|has no)/.test(message)) specFailures.push(message);
      }
    }
  }
  return res;
};

/** Polls `probe` until it returns without throwing; rethrows its last error after the timeout. */
export async function eventually<T>(
  probe: () => Promise<T>,
  timeoutMs = EVENTUALLY_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** `viewer`'s server's account for `target`, found the way an app does (search, resolve). */
export async function resolveAccount(viewer: User, target: User): Promise<mastodon.v1.Account> {
  const result = await viewer.client.v2.search.list({
    q: `@${target.acct}`,
    type: "accounts",
    resolve: true,
  });
  const account = result.accounts.find((a) => a.acct === target.acct);
  assert.ok(account, `${viewer.acct} cannot resolve ${target.acct}`);
  return account;
}

/** `viewer`'s server's copy of a status, looked up by its URI (search, resolve). */
export async function resolveStatus(viewer: User, uri: string): Promise<mastodon.v1.Status> {
  const result = await viewer.client.v2.search.list({ q: uri, type: "statuses", resolve: true });
  const status = result.statuses.find((s) => s.uri === uri);
  assert.ok(status, `${viewer.acct} cannot resolve ${uri}`);
  return status;
}

/** The copy of the status with `uri` on `viewer`'s home timeline, once it has arrived. */
export async function homeHas(viewer: User, uri: string): Promise<mastodon.v1.Status> {
  return eventually(async () => {
    const home = await viewer.client.v1.timelines.home.list({ limit: 40 });
    const status = home.find((s) => s.uri === uri);
    assert.ok(status, `${uri} is not (yet) on ${viewer.acct}'s home timeline`);
    return status;
  });
}

/** The first notification of `type` for `viewer` matching `match`, once it has arrived. */
export async function notified(
  viewer: User,
  type: string,
  match: (n: mastodon.v1.Notification) => boolean = () => true,
): Promise<mastodon.v1.Notification> {
  return eventually(async () => {
    const list = await viewer.client.v1.notifications.list({ limit: 40 });
    const found = list.find((n) => n.type === type && match(n));
    assert.ok(found, `${viewer.acct} has no ${type} notification (yet)`);
    return found;
  });
}

/**
 * Signs `user` in on their server's web pages and posts a settings form (with its CSRF token),
 * as a browser would: for what only the web pages do (aliases, moving an account).
 */
export async function submitSettingsForm(
  user: User,
  path: string,
  form: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const jar = new CookieJar();
  const browse = async (to: string, body?: Record<string, string>) => {
    const res = await realFetch(`${user.server.url}${to}`, {
      method: body === undefined ? "GET" : "POST",
      redirect: "manual",
      headers: {
        ...jar.header(),
        ...(body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
      },
      ...(body === undefined ? {} : { body: new URLSearchParams(body).toString() }),
    });
    jar.take(res);
    return { status: res.status, text: await res.text() };
  };
  const post = async (to: string, body: Record<string, string>) => {
    const page = await browse(to);
    assert.equal(page.status, 200, page.text);
    return browse(to, { authenticity_token: inputValue(page.text, "authenticity_token"), ...body });
  };
  const signIn = await post("/auth/sign_in", {
    email: `${user.username}@example.com`,
    password: PASSWORD,
  });
  assert.equal(signIn.status, 303, signIn.text);
  return post(path, form);
}

export const TRIO_PASSWORD = PASSWORD;

/** Usernames per server; `name:Role` makes a staff account (`cy:Moderator`). */
export type TrioUsers = Record<ServerName, string[]>;

const nameOf = (entry: string) => entry.split(":")[0]!;

/** The same suite once per database this run tests on, each on a trio of its own. */
export function describeTrio(name: string, users: TrioUsers, body: (trio: () => Trio) => void) {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, { timeout: TRIO_TIMEOUT }, () => {
      let trio: Trio | undefined;
      const processes: Process[] = [];
      const cleanups: (() => Promise<void>)[] = [];
      before(async () => {
        const made = await Promise.all(
          (["a", "b", "c"] as const).map((n) => serverFor(n, dialect)),
        );
        for (const { server, database } of made) {
          cleanups.push(async () => {
            await database.drop();
            rmSync(server.dataDir, { recursive: true, force: true });
          });
          peerOrigins.add(server.url);
        }
        // The servers set up their new databases at start, side by side; then the accounts are
        // made in-process by the CLI, next to the running server, as an operator would.
        await Promise.all(made.map(({ server }) => startProcess(server, processes)));
        for (const { server } of made) {
          for (const entry of users[server.name]) {
            const [username, role] = entry.split(":");
            const run = await server.cli([
              "accounts",
              "create",
              username!,
              "--email",
              `${username}@example.com`,
              "--password",
              PASSWORD,
              "--confirmed",
              ...(role === undefined ? [] : ["--role", role]),
            ]);
            assert.equal(run.code, 0, run.err.join("\n"));
          }
        }
        const servers = Object.fromEntries(made.map(({ server }) => [server.name, server]));
        const signedIn = new Map<string, User>();
        for (const { server } of made) {
          for (const username of users[server.name].map(nameOf))
            signedIn.set(username, await signIn(server, username));
        }
        trio = {
          servers: servers as Record<ServerName, Server>,
          user(username) {
            const user = signedIn.get(username);
            assert.ok(user, `no user ${username} in this trio`);
            return user;
          },
        };
      });
      afterEach(() => {
        const failures = specFailures.splice(0);
        assert.deepEqual(failures, [], "client API answers that break the Mastodon spec");
      });
      after(async () => {
        for (const p of processes) p.child.kill("SIGTERM");
        await Promise.all(processes.map((p) => p.exited));
        for (const cleanup of cleanups) await cleanup();
      });
      body(() => {
        assert.ok(trio, "trio not started");
        return trio;
      });
    });
  }
}
