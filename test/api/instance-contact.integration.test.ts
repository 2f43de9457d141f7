// The contact account of GET /api/v1/instance and /api/v2/instance: a full Account entity.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { toAccount } from "../../src/api/entities/account.ts";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { assertSchema, assertSpec, describeEachDatabase, FIXED_TIME } from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
type Json = any;

const at = (iso: string) => new Date(iso);

describeEachDatabase("instance contact account", (rig) => {
  async function getInstance(version: "v1" | "v2"): Promise<Json> {
    const path = `/api/${version}/instance`;
    const res = await rig().get<Json>(path);
    assert.equal(res.status, 200);
    assertSpec("GET", path, 200, res.body);
    return res.body;
  }
  const getV1 = () => getInstance("v1");
  const getV2 = () => getInstance("v2");

  beforeEach(async () => {
    const db = rig().ctx.db;
    await db.deleteFrom("instance_settings").execute();
    // A contact address, so the documents validate as they are (see instance.integration.test.ts).
    await saveSetting(db, "contact_email", "hello@hearth.test", at(FIXED_TIME));
  });

  test("the contact account is rendered as a full Account", async () => {
    const { alice } = rig().fixtures;
    await saveSetting(rig().ctx.db, "contact_account", "alice", at(FIXED_TIME));
    const v2 = await getV2();
    const account = v2.contact.account;
    assert.equal(account.id, alice.id);
    assert.equal(account.username, "alice");
    assert.equal(account.acct, "alice");
    assert.equal(account.display_name, "Alice");
    assert.equal(account.url, "https://hearth.test/@alice");
    assert.equal(account.uri, `https://hearth.test/ap/users/${alice.id}`);
    assert.equal(account.avatar, "https://hearth.test/avatars/original/missing.png");
    assert.equal(account.avatar_static, account.avatar);
    assert.equal(account.header, "https://hearth.test/headers/original/missing.png");
    // Mastodon shows only the day an account was made.
    assert.equal(account.created_at, "2025-02-01T00:00:00.000Z");
    assert.equal(account.last_status_at, null);
    assert.deepEqual(account.emojis, []);
    assert.deepEqual(account.fields, []);
    assert.deepEqual(account.roles, []);
    assert.equal(account.moved, null);
    assert.equal(account.suspended, false);
    assert.equal(account.noindex, false);
    const v1 = await getV1();
    assert.deepEqual(v1.contact_account, account);
  });

  test("the contact account is found in any case, and is null when gone or suspended", async () => {
    const db = rig().ctx.db;
    const { bob } = rig().fixtures;
    await saveSetting(db, "contact_account", "BOB", at(FIXED_TIME));
    assert.equal((await getV2()).contact.account.id, bob.id);
    await saveSetting(db, "contact_account", "nobody", at(FIXED_TIME));
    assert.equal((await getV2()).contact.account, null);
    assert.equal((await getV1()).contact_account, null);
    await saveSetting(db, "contact_account", "bob", at(FIXED_TIME));
    await db
      .updateTable("accounts")
      .set({ suspended_at: FIXED_TIME })
      .where("id", "=", bob.id)
      .execute();
    try {
      assert.equal((await getV2()).contact.account, null);
    } finally {
      await db
        .updateTable("accounts")
        .set({ suspended_at: null })
        .where("id", "=", bob.id)
        .execute();
    }
  });

  test("the Account serializer also renders remote and suspended accounts", async () => {
    const db = rig().ctx.db;
    const { carol } = rig().fixtures;
    const row = await db
      .selectFrom("accounts")
      .selectAll()
      .where("id", "=", carol.id)
      .executeTakeFirstOrThrow();
    const remote = toAccount(
      { ...row, note: "<p>Hi</p>", fields: [{ name: "Web", value: "x", verified_at: null }] },
      rig().config.baseUrl,
    );
    assertSchema("Account", remote);
    assert.equal(remote.acct, "carol@remote.test");
    assert.equal(remote.url, "https://remote.test/@carol");
    assert.equal(remote.note, "<p>Hi</p>");
    assert.deepEqual(remote.fields, [{ name: "Web", value: "x", verified_at: null }]);
    // Unknown for accounts of other servers.
    assert.equal(remote.roles, null);
    assert.equal(remote.noindex, null);
    assert.equal(remote.hide_collections, null);
    const suspended = toAccount(
      { ...row, note: "<p>Hi</p>", locked: true, suspended_at: FIXED_TIME },
      rig().config.baseUrl,
    );
    assertSchema("Account", suspended);
    assert.equal(suspended.suspended, true);
    assert.equal(suspended.display_name, "");
    assert.equal(suspended.note, "");
    assert.equal(suspended.locked, false);
    assert.equal(suspended.username, "carol");
  });
});
