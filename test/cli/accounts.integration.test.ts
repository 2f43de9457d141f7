// `hearth accounts create`: what it writes, what it prints, and every rule it enforces.
import assert from "node:assert/strict";
import { test } from "node:test";
import { verifyPassword } from "../../src/lib/password.ts";
import { CLI_BASE_URL, type CliRig, describeEachCliDatabase } from "./cli-rig.ts";

async function loadAccount(cli: CliRig, username: string) {
  const account = await cli
    .db()
    .selectFrom("accounts")
    .selectAll()
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const user = await cli
    .db()
    .selectFrom("users")
    .selectAll()
    .where("account_id", "=", account.id)
    .executeTakeFirstOrThrow();
  return { account, user };
}

// Summed over weeks, so a run across midnight on Sunday (UTC) counts the same.
async function registrations(cli: CliRig): Promise<number> {
  const rows = await cli.db().selectFrom("instance_activity").select("registrations").execute();
  return rows.reduce((sum, row) => sum + Number(row.registrations), 0);
}

describeEachCliDatabase("hearth accounts create", (cli) => {
  test("creates the account and its user with the given password and role", async () => {
    const run = await cli().run([
      "accounts",
      "create",
      "alice",
      "--email",
      "Alice@Example.com",
      "--password",
      "correct horse",
      "--role",
      "admin",
      "--confirmed",
    ]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.err, []);
    const { account, user } = await loadAccount(cli(), "alice");
    assert.deepEqual(run.out, [`Created @alice (id ${account.id}): Admin, email confirmed.`]);
    assert.equal(account.domain, null);
    assert.equal(account.uri, `${CLI_BASE_URL}/ap/users/${account.id}`);
    assert.equal(account.url, `${CLI_BASE_URL}/@alice`);
    assert.match(account.id, /^\d+$/);
    assert.equal(user.email, "Alice@Example.com");
    assert.equal(user.role, "Admin", "role stored in its canonical form");
    assert.equal(user.approved, true);
    assert.equal(user.disabled, false);
    assert.equal(user.confirmed_at, user.created_at);
    assert.notEqual(user.id, account.id);
    assert.match(user.password_hash ?? "", /^scrypt\$/);
    assert.equal(await verifyPassword("correct horse", user.password_hash!), true);
    assert.equal(await verifyPassword("wrong horse", user.password_hash!), false);
    assert.equal(await registrations(cli()), 1);
  });

  test("without --password it generates one, prints it once, and stores only its hash", async () => {
    const run = await cli().run(["accounts", "create", "@bob", "--email", "bob@localhost"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    const { account, user } = await loadAccount(cli(), "bob");
    assert.equal(run.out.length, 2);
    assert.equal(run.out[0], `Created @bob (id ${account.id}): user, email not confirmed.`);
    const password = /^Password: ([0-9a-f]{32})$/.exec(run.out[1]!)?.[1];
    assert.ok(password, run.out[1]);
    assert.equal(await verifyPassword(password, user.password_hash!), true);
    assert.ok(!user.password_hash!.includes(password));
    assert.equal(user.role, null);
    assert.equal(user.confirmed_at, null);
    assert.equal(await registrations(cli()), 2);
  });

  test("roles are accepted in any case and stored canonically", async () => {
    for (const [name, role, canonical] of [
      ["olivia", "OWNER", "Owner"],
      ["mona", "Moderator", "Moderator"],
    ] as const) {
      const run = await cli().run([
        "accounts",
        "create",
        name,
        "--email",
        `${name}@example.com`,
        "--role",
        role,
      ]);
      assert.equal(run.code, 0, run.err.join("\n"));
      assert.equal((await loadAccount(cli(), name)).user.role, canonical);
    }
  });

  test("usernames must follow the rule and fit in 30 characters", async () => {
    for (const bad of ["al ice", "-alice", "alice-", ".alice", "al!ce", "ålice", "a".repeat(31)]) {
      await cli().rejects(
        ["accounts", "create", "--email", "new@example.com", "--password", "password1", "--", bad],
        1,
        /username/,
      );
    }
    await cli().rejects(["accounts", "create", "", "--email", "new@example.com"], 1, /empty/);
    await cli().rejects(
      ["accounts", "create", "a.b-c_d", "--email", "abcd@example.com"],
      1,
      /letters, digits and underscores/,
    );
    const ok = await cli().run(["accounts", "create", "a_b_c_d", "--email", "abcd@example.com"]);
    assert.equal(ok.code, 0, ok.err.join("\n"));
    const thirty = "x".repeat(30);
    const long = await cli().run(["accounts", "create", thirty, "--email", "x30@example.com"]);
    assert.equal(long.code, 0, long.err.join("\n"));
  });

  test("reserved names are refused unless --allow-reserved says so", async () => {
    for (const name of ["admin", "Support", "api", "nodeinfo", "postmaster"]) {
      await cli().rejects(
        ["accounts", "create", name, "--email", "staff@example.com"],
        1,
        new RegExp(`"${name}" is reserved; pass --allow-reserved`),
      );
    }
    const run = await cli().run([
      "accounts",
      "create",
      "admin",
      "--email",
      "staff@example.com",
      "--allow-reserved",
    ]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.equal((await loadAccount(cli(), "admin")).account.username, "admin");
  });

  test("a username taken in any case is refused, and nothing is written", async () => {
    await cli().rejects(
      ["accounts", "create", "ALICE", "--email", "other@example.com"],
      1,
      /^hearth: username @ALICE is taken \(by @alice\)$/,
    );
    await cli().rejects(
      ["accounts", "create", "alice", "--email", "other@example.com"],
      1,
      /^hearth: username @alice is taken$/,
    );
  });

  test("emails must look like addresses and not be in use in any case", async () => {
    for (const bad of ["alice", "alice@", "@example.com", "a b@example.com", "a@b@c"]) {
      await cli().rejects(
        ["accounts", "create", "newcomer", "--email", bad],
        1,
        /is not an email address/,
      );
    }
    await cli().rejects(
      ["accounts", "create", "newcomer", "--email", `${"a".repeat(250)}@x.yz`],
      1,
      /email is longer than 254/,
    );
    await cli().rejects(
      ["accounts", "create", "newcomer", "--email", "ALICE@example.COM"],
      1,
      /^hearth: email ALICE@example\.COM is already in use$/,
    );
  });

  test("passwords must be 8 to 72 characters", async () => {
    for (const bad of ["", "seven77", "x".repeat(73)]) {
      await cli().rejects(
        ["accounts", "create", "newcomer", "--email", "new@example.com", `--password=${bad}`],
        1,
        /password must be 8 to 72 characters/,
      );
    }
    for (const [name, password] of [
      ["eight", "eight888"],
      ["seventytwo", "é".repeat(72)],
    ] as const) {
      const run = await cli().run([
        "accounts",
        "create",
        name,
        "--email",
        `${name}@example.com`,
        "--password",
        password,
      ]);
      assert.equal(run.code, 0, run.err.join("\n"));
      const { user } = await loadAccount(cli(), name);
      assert.equal(await verifyPassword(password, user.password_hash!), true);
    }
  });

  test("bad command lines are usage errors (exit 2) and write nothing", async () => {
    const base = ["accounts", "create"];
    await cli().rejects([...base, "newcomer"], 2, /needs --email/);
    await cli().rejects([...base, "--email", "new@example.com"], 2, /needs a username/);
    await cli().rejects([...base, "new", "comer", "--email", "n@example.com"], 2, /one username/);
    await cli().rejects([...base, "newcomer", "--email"], 2, /--email/);
    await cli().rejects([...base, "newcomer", "--email", "n@example.com", "--bogus"], 2, /bogus/);
    await cli().rejects(
      [...base, "newcomer", "--email", "n@example.com", "--role", "Superuser"],
      2,
      /--role must be one of Owner, Admin, Moderator; got "Superuser"/,
    );
    await cli().rejects(["accounts"], 2, /needs a subcommand/);
    await cli().rejects(["accounts", "remove", "alice"], 2, /unknown subcommand "remove"/);
  });

  test("the help text lists every option", async () => {
    const run = await cli().run(["help", "accounts"]);
    assert.equal(run.code, 0);
    for (const option of ["--email", "--password", "--role", "--confirmed", "--allow-reserved"])
      assert.ok(
        run.out.some((line) => line.includes(option)),
        option,
      );
  });
});

describeEachCliDatabase(
  "hearth accounts create on a fresh install",
  (cli) => {
    test("sets up the database first, so the owner can be created before the first start", async () => {
      const run = await cli().run([
        "accounts",
        "create",
        "ada",
        "--email",
        "ada@example.com",
        "--role",
        "Owner",
        "--confirmed",
      ]);
      assert.equal(run.code, 0, run.err.join("\n"));
      assert.equal(run.out.length, 2, "the account line and the generated password");
      const where = cli().dialect === "sqlite" ? `SQLite at ${cli().dataDir}` : "PostgreSQL";
      assert.equal(run.err.length, 1);
      assert.ok(
        run.err[0]!.startsWith(`hearth: note: set up a new database (${where}`),
        run.err[0],
      );
      assert.equal((await loadAccount(cli(), "ada")).user.role, "Owner");
      const again = await cli().run(["accounts", "create", "bea", "--email", "bea@example.com"]);
      assert.deepEqual(again.err, [], "only the first command sets the database up");
      const status = await cli().run(["migrate", "status"]);
      assert.ok(status.out.length > 0);
      assert.ok(
        status.out.every((line) => line.startsWith("applied")),
        status.out.join("\n"),
      );
    });
  },
  { fresh: true },
);
