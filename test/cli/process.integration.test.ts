// The real process, as `npm start` and the `hearth` bin run it: bad settings stop it at start
// with one line naming the setting, a second server on a data dir in use is refused, and a
// server stops cleanly on SIGTERM. Waits on events (output lines, exit), never on the clock;
// the test timeout only keeps a broken build from hanging the run.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const MAIN = path.join(root, "src/main.ts");
const BIN = path.join(root, "bin/hearth.js");
const TIMEOUT = 60_000;

const dataDirs: string[] = [];
const children = new Set<ChildProcess>();

after(() => {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hearth-process-"));
  dataDirs.push(dir);
  return dir;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Running {
  child: ChildProcess;
  exited: Promise<Exit>;
  /** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
  waitForLine(pattern: RegExp): Promise<string>;
}

/** Starts Hearth with only the environment given (nothing leaks in from the test's shell). */
function start(script: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: env.HEARTH_DATA_DIR ?? tmpdir(),
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.on("close", (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    exited,
    waitForLine: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const line = stdout.split("\n").find((l) => pattern.test(l));
          if (line !== undefined) {
            child.stdout!.off("data", check);
            resolve(line);
          }
        };
        child.stdout!.on("data", check);
        check();
        exited.then((exit) =>
          reject(new Error(`exited (${exit.code}) before ${pattern}: ${exit.stderr}`)),
        );
      }),
  };
}

function run(args: string[], env: Record<string, string>, script = MAIN): Promise<Exit> {
  return start(script, args, env).exited;
}

/** A port nothing listens on right now: the kernel picks it for a moment's listener. */
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

/** The process printed nothing but one line on stderr, which matches `pattern`. */
function assertOneErrorLine(exit: Exit, pattern: RegExp): void {
  assert.equal(exit.stdout, "", "nothing on stdout");
  const lines = exit.stderr.split("\n").filter((line) => line !== "");
  assert.equal(lines.length, 1, `exactly one line on stderr, got:\n${exit.stderr}`);
  assert.ok(exit.stderr.endsWith("\n"));
  assert.match(lines[0]!, pattern);
}

describe("hearth process start-up", { timeout: TIMEOUT }, () => {
  test("PORT=abc: exits 1 with one line naming PORT", async () => {
    const exit = await run(["serve"], { PORT: "abc", HEARTH_DATA_DIR: freshDataDir() });
    assert.equal(exit.code, 1);
    assertOneErrorLine(exit, /^hearth: PORT: must be a port number from 1 to 65535, got "abc"$/);
  });

  test("an unreachable DATABASE_URL: exits 1 with one line naming DATABASE_URL", async () => {
    const exit = await run(["serve"], {
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/x",
      HEARTH_DATA_DIR: freshDataDir(),
    });
    assert.equal(exit.code, 1);
    assertOneErrorLine(exit, /^hearth: DATABASE_URL: cannot use PostgreSQL at 127\.0\.0\.1:1\/x: /);
  });

  test("HEARTH_DOMAIN with a path: exits 1 with one line naming HEARTH_DOMAIN", async () => {
    const exit = await run(["serve"], {
      HEARTH_DOMAIN: "bad/path",
      HEARTH_DATA_DIR: freshDataDir(),
    });
    assert.equal(exit.code, 1);
    assertOneErrorLine(exit, /^hearth: HEARTH_DOMAIN: .*"bad\/path"$/);
  });

  test("the same errors stop the other commands", async () => {
    const exit = await run(["accounts", "create", "alice", "--email", "a@example.com"], {
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/x",
      HEARTH_DATA_DIR: freshDataDir(),
    });
    assert.equal(exit.code, 1);
    assertOneErrorLine(exit, /^hearth: DATABASE_URL: /);
  });

  test("serve --role bogus is a usage error (exit 2)", async () => {
    const exit = await run(["serve", "--role", "bogus"], { HEARTH_DATA_DIR: freshDataDir() });
    assert.equal(exit.code, 2);
    assertOneErrorLine(exit, /^hearth: --role must be one of all, web, worker; got "bogus"$/);
  });

  test("bad input to a command: one line, no stack trace, nothing written", async () => {
    const dataDir = freshDataDir();
    const exit = await run(["accounts", "create", "no way", "--email", "a@example.com"], {
      HEARTH_DATA_DIR: dataDir,
    });
    assert.equal(exit.code, 1);
    assertOneErrorLine(exit, /^hearth: username "no way" may contain only/);
    assert.equal(existsSync(path.join(dataDir, "hearth.sqlite")), false, "no database opened");
  });

  test("bin/hearth.js help prints the usage", async () => {
    const exit = await run(["help"], { HEARTH_DATA_DIR: freshDataDir() }, BIN);
    assert.equal(exit.code, 0, exit.stderr);
    assert.equal(exit.stderr, "");
    assert.match(exit.stdout, /^Usage: hearth <command>/);
    for (const command of ["serve", "migrate", "accounts create", "settings", "rules"])
      assert.ok(exit.stdout.includes(`\n  ${command}`), command);
  });

  test("bin/hearth.js runs commands: create an account on a fresh data dir", async () => {
    const exit = await run(
      ["accounts", "create", "owner1", "--email", "owner@example.com", "--role", "owner"],
      { HEARTH_DATA_DIR: freshDataDir() },
      BIN,
    );
    assert.equal(exit.code, 0, exit.stderr);
    assert.match(exit.stderr, /^hearth: note: set up a new database \(SQLite at .*\)\n$/);
    assert.match(
      exit.stdout,
      /^Created @owner1 \(id \d+\): Owner, email not confirmed\.\nPassword: [0-9a-f]{32}\n$/,
    );
  });
});

describe("hearth serve on a data dir", { timeout: TIMEOUT }, () => {
  test("a second server on the same data dir is refused; the first serves and stops cleanly", async () => {
    const dataDir = freshDataDir();
    const port = await freePort();
    const first = start(MAIN, ["serve"], { HEARTH_DATA_DIR: dataDir, PORT: String(port) });
    await first.waitForLine(/Hearth is listening/);
    assert.ok(existsSync(path.join(dataDir, "hearth.pid")));

    // Another port, so that only the data dir can be the reason for the refusal.
    const second = await run(["serve"], {
      HEARTH_DATA_DIR: dataDir,
      PORT: String(await freePort()),
    });
    assert.equal(second.code, 1);
    assertOneErrorLine(
      second,
      new RegExp(
        `^hearth: HEARTH_DATA_DIR: .* is in use by another Hearth process \\(pid ${first.child.pid}\\)`,
      ),
    );

    const health = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(health.status, 200);
    assert.equal(await health.text(), "OK");

    first.child.kill("SIGTERM");
    const exit = await first.exited;
    assert.equal(exit.code, 0, exit.stderr);
    assert.equal(exit.signal, null);
    assert.equal(exit.stderr, "");
    assert.match(exit.stdout, /Shutting down/);
    assert.equal(existsSync(path.join(dataDir, "hearth.pid")), false, "pid file removed");
  });
});
