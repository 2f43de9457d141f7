// Runs the `hearth` command line in-process, as an operator would, against a data dir of its
// own: the SQLite file in it, or, when TEST_DATABASE_URL is set, a PostgreSQL database made for
// the suite (CREATE DATABASE through the `postgres` database of the same server).
//
//   describeEachCliDatabase("accounts", (cli) => {
//     test("create", async () => { const run = await cli().run("accounts", "create", ...); });
//   });
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe } from "node:test";
import { sql } from "kysely";
import { runCli } from "../../src/cli/index.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { type DatabaseHandle, type Db, type Dialect, openDatabase } from "../../src/db/index.ts";
import { testDialects } from "../rig/index.ts";

export const CLI_DOMAIN = "hearth.test";
export const CLI_BASE_URL = `https://${CLI_DOMAIN}`;

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

export interface CliRig {
  dialect: Dialect;
  dataDir: string;
  env: Record<string, string>;
  /** Runs `hearth <argv>` in-process; `env` adds to (or overrides) the rig's environment. */
  run(argv: string[], env?: Record<string, string>): Promise<CliRun>;
  /** A connection of the test's own, to read what the commands wrote. */
  db(): Db;
  /** Every row of the tables the commands write, to show that a command wrote nothing. */
  snapshot(): Promise<Record<string, unknown[]>>;
  /** Runs a command that must fail: exit code, one stderr line, and no change to any table. */
  rejects(argv: string[], code: number, message: RegExp): Promise<CliRun>;
}

interface Backing {
  env: Record<string, string>;
  open(): DatabaseHandle;
  drop(): Promise<void>;
}

async function createBacking(dialect: Dialect, dataDir: string): Promise<Backing> {
  if (dialect === "sqlite") {
    return {
      env: {},
      open: () => openDatabase({ kind: "sqlite", path: path.join(dataDir, "hearth.sqlite") }),
      drop: async () => {},
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `hearth_cli_${randomBytes(6).toString("hex")}`;
  const adminUrl = new URL(base);
  adminUrl.pathname = "/postgres";
  const url = new URL(base);
  url.pathname = `/${name}`;
  const admin = openDatabase({ kind: "postgres", url: adminUrl.toString() });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  await admin.close();
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ kind: "postgres", url: url.toString() }),
    drop: async () => {
      const cleanup = openDatabase({ kind: "postgres", url: adminUrl.toString() });
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(cleanup.db);
      await cleanup.close();
    },
  };
}

const TABLES = {
  accounts: "id",
  users: "id",
  instance_activity: "week",
  instance_settings: "key",
  rules: "id",
} as const;

async function createCliRig(dialect: Dialect): Promise<CliRig & { close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hearth-cli-"));
  const backing = await createBacking(dialect, dataDir);
  const env = {
    NODE_ENV: "test",
    HEARTH_DOMAIN: CLI_DOMAIN,
    HEARTH_DATA_DIR: dataDir,
    ...backing.env,
  };
  // Opened at first use: before a command has run, a fresh data dir has no database yet.
  let reader: DatabaseHandle | undefined;
  const rig: CliRig & { close(): Promise<void> } = {
    dialect,
    dataDir,
    env,
    async run(argv, extraEnv = {}) {
      const result: CliRun = { code: -1, out: [], err: [] };
      const io: CliIo = {
        out: (line) => result.out.push(...line.split("\n")),
        err: (line) => result.err.push(...line.split("\n")),
        env: { ...env, ...extraEnv },
        cwd: dataDir,
      };
      result.code = await runCli(argv, io);
      return result;
    },
    db() {
      reader ??= backing.open();
      return reader.db;
    },
    async snapshot() {
      const rows: Record<string, unknown[]> = {};
      for (const [table, key] of Object.entries(TABLES)) {
        rows[table] = await rig
          .db()
          .selectFrom(table as keyof typeof TABLES)
          .selectAll()
          .orderBy(key as never)
          .execute();
      }
      return rows;
    },
    async rejects(argv, code, message) {
      const before = await rig.snapshot();
      const run = await rig.run(argv);
      assert.equal(run.code, code, `exit code of hearth ${argv.join(" ")}: ${run.err.join("\n")}`);
      assert.deepEqual(run.out, [], "nothing on stdout");
      assert.equal(run.err.length, 1, `one line on stderr: ${run.err.join("\n")}`);
      assert.match(run.err[0]!, /^hearth: /);
      assert.match(run.err[0]!, message);
      assert.deepEqual(await rig.snapshot(), before, "nothing was written");
      return run;
    },
    async close() {
      await reader?.close();
      await backing.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return rig;
}

export interface CliSuiteOptions {
  /** Leave the database empty (no migrations), as after install; default: `hearth migrate` first. */
  fresh?: boolean;
}

/** Declares the same CLI tests once per database, each suite on a data dir of its own. */
export function describeEachCliDatabase(
  name: string,
  body: (cli: () => CliRig) => void,
  options: CliSuiteOptions = {},
): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let current: Awaited<ReturnType<typeof createCliRig>> | undefined;
      before(async () => {
        current = await createCliRig(dialect);
        if (!options.fresh) {
          const migrated = await current.run(["migrate"]);
          assert.equal(migrated.code, 0, migrated.err.join("\n"));
        }
      });
      after(async () => {
        await current?.close();
      });
      body(() => {
        if (current === undefined) throw new Error("CLI rig not ready");
        return current;
      });
    });
  }
}
