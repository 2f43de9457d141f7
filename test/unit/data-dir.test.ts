// Secrets are made once and kept; a data dir is used by one server at a time.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { ConfigError } from "../../src/config.ts";
import { DataDirInUseError, lockDataDir } from "../../src/lib/data-dir-lock.ts";
import { loadOrCreateSecrets } from "../../src/lib/secrets.ts";

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hearth-datadir-"));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("secrets", () => {
  test("are generated on first start, private, and the same on the next start", () => {
    const dir = path.join(freshDir(), "nested");
    const first = loadOrCreateSecrets(dir);
    assert.match(first.secretKeyBase, /^[0-9a-f]{128}$/);
    const file = path.join(dir, "secrets.json");
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(loadOrCreateSecrets(dir), first);
  });

  test("a damaged secrets file stops the start with a clear error and is left alone", () => {
    const dir = freshDir();
    const file = path.join(dir, "secrets.json");
    writeFileSync(file, "{not json");
    assert.throws(
      () => loadOrCreateSecrets(dir),
      (e: unknown) => e instanceof ConfigError && /not valid JSON/.test(e.message),
    );
    assert.equal(readFileSync(file, "utf8"), "{not json");
    writeFileSync(file, JSON.stringify({ secretKeyBase: "short" }));
    assert.throws(() => loadOrCreateSecrets(dir), ConfigError);
  });
});

describe("data dir lock", () => {
  test("a second lock on the same dir fails while the first holder lives", () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    // Our own pid in the file counts as stale for us; simulate another live process instead.
    writeFileSync(path.join(dir, "hearth.pid"), `${process.ppid}\n`);
    assert.throws(
      () => lockDataDir(dir),
      (e: unknown) => e instanceof DataDirInUseError && /HEARTH_DATA_DIR/.test(e.message),
    );
    release();
    assert.doesNotThrow(() => lockDataDir(dir)());
  });

  test("a lock left by a dead process is taken over", async () => {
    const dir = freshDir();
    const child = spawn(process.execPath, ["-e", ""]);
    const pid = child.pid as number;
    await new Promise((resolve) => child.once("exit", resolve));
    writeFileSync(path.join(dir, "hearth.pid"), `${pid}\n`);
    const release = lockDataDir(dir);
    assert.equal(readFileSync(path.join(dir, "hearth.pid"), "utf8").trim(), String(process.pid));
    release();
  });
});
