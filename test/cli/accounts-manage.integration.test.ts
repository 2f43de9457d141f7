// `hearth accounts approve|modify|delete`: operator actions on existing users.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { verifyPassword } from "../../src/lib/password.ts";
import { hashToken } from "../../src/lib/tokens.ts";
import { type CliRig, describeEachCliDatabase } from "./cli-rig.ts";

async function user(cli: CliRig, username: string) {
  return cli
    .db()
    .selectFrom("users")
    .innerJoin("accounts", "accounts.id", "users.account_id")
    .select([
      "users.id",
      "users.role",
      "users.approved",
      "users.disabled",
      "users.confirmed_at",
      "users.password_hash",
      "accounts.suspended_at",
      "accounts.display_name",
    ])
    .where("accounts.username", "=", username)
    .executeTakeFirst();
}

async function create(cli: CliRig, username: string, ...extra: string[]) {
  const run = await cli.run([
    "accounts",
    "create",
    username,
    "--email",
    `${username}@example.com`,
    "--password",
    "password-123",
    ...extra,
  ]);
  assert.equal(run.code, 0, run.err.join("\n"));
}

describeEachCliDatabase("hearth accounts approve, modify, delete", (cli) => {
  test("approve lets a waiting sign-up in, once", async () => {
    await create(cli(), "wendy");
    await cli()
      .db()
      .updateTable("users")
      .set({ approved: false })
      .where("email", "=", "wendy@example.com")
      .execute();
    const run = await cli().run(["accounts", "approve", "@Wendy"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, ["Approved @wendy."]);
    assert.equal((await user(cli(), "wendy"))?.approved, true);
    // The applicant is told: without SMTP the mail lands in the data dir.
    const mails = readdirSync(path.join(cli().dataDir, "mail")).filter((f) => f.endsWith(".eml"));
    const approval = mails
      .map((f) => readFileSync(path.join(cli().dataDir, "mail", f), "utf8"))
      .find((m) => /approved/.test(m));
    assert.ok(approval, "an approval mail was written");
    assert.match(approval, /^To: wendy@example\.com/m);
    assert.deepEqual((await cli().run(["accounts", "approve", "wendy"])).out, [
      "@wendy was already approved.",
    ]);
    await cli().rejects(["accounts", "approve", "nobody"], 1, /no local account @nobody/);
    await cli().rejects(["accounts", "approve"], 2, /needs a username/);
  });

  test("modify changes role, confirmation and disabled state", async () => {
    await create(cli(), "maria");
    assert.equal(
      (
        await cli().run([
          "accounts",
          "modify",
          "maria",
          "--role",
          "moderator",
          "--confirm",
          "--disable",
        ])
      ).code,
      0,
    );
    let row = await user(cli(), "maria");
    assert.equal(row?.role, "Moderator");
    assert.notEqual(row?.confirmed_at, null);
    assert.equal(row?.disabled, true);
    assert.equal(
      (await cli().run(["accounts", "modify", "maria", "--role", "none", "--enable"])).code,
      0,
    );
    row = await user(cli(), "maria");
    assert.equal(row?.role, null);
    assert.equal(row?.disabled, false);
  });

  test("modify refuses nonsense and changes nothing", async () => {
    await create(cli(), "nina");
    await cli().rejects(["accounts", "modify", "nina"], 2, /needs a change/);
    await cli().rejects(
      ["accounts", "modify", "nina", "--role", "king"],
      2,
      /--role must be one of/,
    );
    await cli().rejects(["accounts", "modify", "nina", "--disable", "--enable"], 2, /contradict/);
    await cli().rejects(["accounts", "modify", "ghost", "--confirm"], 1, /no local account @ghost/);
  });

  test("reset-password sets a new password and revokes every token", async () => {
    await create(cli(), "omar");
    const row = await user(cli(), "omar");
    const db = cli().db();
    await db
      .insertInto("oauth_applications")
      .values({
        id: "77",
        name: "App",
        website: null,
        redirect_uris: "urn:ietf:wg:oauth:2.0:oob",
        scopes: "read",
        client_id: "cid-77",
        client_secret_hash: hashToken("s"),
        owner_user_id: null,
        created_at: "2026-01-01T00:00:00.000Z",
        updated_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    await db
      .insertInto("oauth_access_tokens")
      .values({
        id: "78",
        application_id: "77",
        user_id: row!.id,
        token_hash: hashToken("t"),
        scopes: "read",
        grant_id: null,
        last_used_at: null,
        revoked_at: null,
        created_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    const run = await cli().run(["accounts", "modify", "omar", "--reset-password"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    const password =
      run.out.find((l) => l.startsWith("Password: "))?.slice("Password: ".length) ?? "";
    assert.match(password, /^[0-9a-f]{32}$/);
    assert.ok(run.out.includes("Signed out of 1 app(s)."));
    const after = await user(cli(), "omar");
    assert.equal(await verifyPassword(password, after!.password_hash!), true);
    assert.equal(await verifyPassword("password-123", after!.password_hash!), false);
    const token = await db
      .selectFrom("oauth_access_tokens")
      .select("revoked_at")
      .where("id", "=", "78")
      .executeTakeFirstOrThrow();
    assert.notEqual(token.revoked_at, null);
  });

  test("delete needs --yes, removes the user and keeps the name taken", async () => {
    await create(cli(), "pia");
    await cli().rejects(["accounts", "delete", "pia"], 2, /add --yes/);
    const run = await cli().run(["accounts", "delete", "pia", "--yes"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    const account = await cli()
      .db()
      .selectFrom("accounts")
      .selectAll()
      .where("username", "=", "pia")
      .executeTakeFirstOrThrow();
    assert.notEqual(account.suspended_at, null);
    assert.equal(await user(cli(), "pia"), undefined);
    await cli().rejects(["accounts", "create", "pia", "--email", "pia2@example.com"], 1, /taken/);
    await cli().rejects(["accounts", "delete", "pia", "--yes"], 1, /no local account/);
  });
});
