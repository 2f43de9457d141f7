// Every sign-up rule broken once: Mastodon's 422 body (a sentence and per-field codes), and
// nothing stored — no account, no user, no token, no mail.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { assertSpec, createToken, describeEachDatabase, type Rig } from "../rig/index.ts";
import { bearer, mailCount, nextIp, signUpBody } from "./registrations-kit.ts";

interface Case {
  name: string;
  change: Record<string, unknown>;
  field: string;
  code: string;
  description?: string;
}

const CASES: Case[] = [
  {
    name: "username taken, in another case",
    change: { username: "ALICE" },
    field: "username",
    code: "ERR_TAKEN",
    description: "has already been taken",
  },
  {
    name: "email taken, in another case",
    change: { email: "Alice@Hearth.Test" },
    field: "email",
    code: "ERR_TAKEN",
  },
  {
    name: "reserved username",
    change: { username: "Webmaster" },
    field: "username",
    code: "ERR_RESERVED",
    description: "is reserved",
  },
  {
    name: "username too long",
    change: { username: "a".repeat(31) },
    field: "username",
    code: "ERR_TOO_LONG",
    description: "is too long (maximum is 30 characters)",
  },
  {
    name: "username with a dot",
    change: { username: "a.b" },
    field: "username",
    code: "ERR_INVALID",
    description: "must contain only letters, numbers and underscores",
  },
  {
    name: "username missing",
    change: { username: undefined },
    field: "username",
    code: "ERR_BLANK",
    description: "can't be blank",
  },
  {
    name: "weak password",
    change: { password: "short" },
    field: "password",
    code: "ERR_TOO_SHORT",
    description: "is too short (minimum is 8 characters)",
  },
  {
    name: "password too long",
    change: { password: "p".repeat(73) },
    field: "password",
    code: "ERR_TOO_LONG",
  },
  { name: "password missing", change: { password: "" }, field: "password", code: "ERR_BLANK" },
  {
    name: "not an email address",
    change: { email: "not-an-address" },
    field: "email",
    code: "ERR_INVALID",
    description: "is invalid",
  },
  { name: "email missing", change: { email: undefined }, field: "email", code: "ERR_BLANK" },
  {
    name: "agreement missing",
    change: { agreement: undefined },
    field: "agreement",
    code: "ERR_ACCEPTED",
    description: "must be accepted",
  },
  {
    name: "agreement false",
    change: { agreement: "false" },
    field: "agreement",
    code: "ERR_ACCEPTED",
  },
  { name: "unknown locale", change: { locale: "klingon" }, field: "locale", code: "ERR_INCLUSION" },
  {
    name: "reason too long",
    change: { reason: "r".repeat(421) },
    field: "reason",
    code: "ERR_TOO_LONG",
  },
];

describeEachDatabase("sign-up validation", (rig) => {
  let appToken = "";
  before(async () => {
    appToken = await createToken(rig().ctx, null, "write:accounts");
    await saveSetting(rig().ctx.db, "registrations", "open", rig().clock.now());
  });

  const signUp = (body: Record<string, unknown>) =>
    rig().send("POST", "/api/v1/accounts", body, { ...bearer(appToken), ip: nextIp() });

  for (const c of CASES) {
    test(`${c.name}: 422 ${c.field} ${c.code}, nothing stored`, async () => {
      const before = await snapshot(rig());
      const body = { ...signUpBody("valid_name"), ...c.change };
      for (const [key, value] of Object.entries(body)) if (value === undefined) delete body[key];
      const res = await signUp(body);
      assert.equal(res.status, 422, res.text);
      assertSpec("POST", "/api/v1/accounts", 422, res.body);
      const { error, details } = res.body as {
        error: string;
        details: Record<string, { error: string; description: string }[]>;
      };
      assert.deepEqual(Object.keys(details), [c.field]);
      assert.equal(details[c.field]?.[0]?.error, c.code);
      if (c.description !== undefined)
        assert.equal(details[c.field]?.[0]?.description, c.description);
      assert.match(error, /^Validation failed: /);
      assert.deepEqual(await snapshot(rig()), before);
    });
  }

  test("every problem is named at once, in Mastodon's sentence", async () => {
    const res = await signUp({ username: "alice", email: "x", password: "", locale: "en" });
    assert.equal(res.status, 422);
    assertSpec("POST", "/api/v1/accounts", 422, res.body);
    assert.deepEqual(res.body, {
      error:
        "Validation failed: Username has already been taken, Email is invalid, Password can't be blank, Agreement must be accepted",
      details: {
        username: [{ error: "ERR_TAKEN", description: "has already been taken" }],
        email: [{ error: "ERR_INVALID", description: "is invalid" }],
        password: [{ error: "ERR_BLANK", description: "can't be blank" }],
        agreement: [{ error: "ERR_ACCEPTED", description: "must be accepted" }],
      },
    });
  });

  test("a parameter of the wrong shape is a 422, not a crash", async () => {
    const res = await signUp({ ...signUpBody("shape"), username: ["a", "b"] });
    assert.equal(res.status, 422);
  });
});

async function snapshot(rig: Rig) {
  const count = async (table: "users" | "accounts" | "oauth_access_tokens") => {
    const row = await rig.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    users: await count("users"),
    accounts: await count("accounts"),
    tokens: await count("oauth_access_tokens"),
    mails: mailCount(rig),
  };
}
