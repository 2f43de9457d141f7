// `hearth domain-blocks list | add | remove`, `hearth domain-allows list | add | remove` and
// `hearth accounts suspend | unsuspend`: what they store, print and refuse.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type CliRig, describeEachCliDatabase } from "./cli-rig.ts";

function blocks(cli: CliRig) {
  return cli.db().selectFrom("instance_domain_blocks").selectAll().orderBy("domain").execute();
}

describeEachCliDatabase("hearth domain-blocks and domain-allows", (cli) => {
  test("add stores a block (silence by default), again changes it; list shows them", async () => {
    assert.deepEqual((await cli().run(["domain-blocks", "list"])).out, ["No domain blocks."]);
    const first = await cli().run(["domain-blocks", "add", "Spam.Example"]);
    assert.equal(first.code, 0, first.err.join("\n"));
    assert.deepEqual(first.out, ["Blocked spam.example  silence"]);
    const second = await cli().run([
      "domain-blocks",
      "add",
      "spam.example",
      "--severity",
      "suspend",
      "--reject-reports",
      "--public-comment",
      "Spam",
      "--private-comment",
      "ticket 12",
      "--obfuscate",
    ]);
    assert.equal(second.code, 0, second.err.join("\n"));
    const [row] = await blocks(cli());
    assert.equal(row?.severity, "suspend");
    assert.equal(Boolean(row?.reject_reports), true);
    assert.equal(Boolean(row?.obfuscate), true);
    assert.equal(row?.public_comment, "Spam");
    assert.deepEqual((await cli().run(["domain-blocks", "list"])).out, [
      "spam.example  suspend  reject-reports  obfuscate  public: Spam  private: ticket 12",
    ]);
  });

  test("bad input is refused and changes nothing", async () => {
    await cli().rejects(["domain-blocks", "add"], 2, /takes one domain/);
    await cli().rejects(["domain-blocks", "add", "not a domain"], 1, /not a domain name/);
    await cli().rejects(["domain-blocks", "add", "hearth.test"], 1, /is this server/);
    await cli().rejects(
      ["domain-blocks", "add", "x.example", "--severity", "ban"],
      1,
      /severity must be/,
    );
    await cli().rejects(["domain-blocks", "remove", "other.example"], 1, /is not blocked/);
    await cli().rejects(["domain-allows", "remove", "other.example"], 1, /is not allowed/);
  });

  test("remove lifts a block", async () => {
    const run = await cli().run(["domain-blocks", "remove", "spam.example"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(await blocks(cli()), []);
  });

  test("domain-allows add, list, remove", async () => {
    assert.deepEqual((await cli().run(["domain-allows", "add", "friend.example"])).out, [
      "Allowed friend.example.",
    ]);
    assert.deepEqual((await cli().run(["domain-allows", "add", "friend.example"])).out, [
      "friend.example was allowed already.",
    ]);
    assert.deepEqual((await cli().run(["domain-allows", "list"])).out, ["friend.example"]);
    assert.equal((await cli().run(["domain-allows", "remove", "friend.example"])).code, 0);
    assert.deepEqual((await cli().run(["domain-allows", "list"])).out, ["No allowed domains."]);
    const mode = await cli().run(["settings", "set", "federation_mode", "allowlist"]);
    assert.equal(mode.code, 0, mode.err.join("\n"));
    await cli().rejects(["settings", "set", "federation_mode", "closed"], 1, /open or allowlist/);
  });

  test("accounts suspend and unsuspend", async () => {
    const made = await cli().run([
      "accounts",
      "create",
      "dora",
      "--email",
      "dora@hearth.test",
      "--confirmed",
    ]);
    assert.equal(made.code, 0, made.err.join("\n"));
    assert.deepEqual((await cli().run(["accounts", "suspend", "@dora"])).out, ["Suspended @dora."]);
    const row = await cli()
      .db()
      .selectFrom("accounts")
      .select("suspended_at")
      .where("username", "=", "dora")
      .executeTakeFirst();
    assert.notEqual(row?.suspended_at, null);
    assert.deepEqual((await cli().run(["accounts", "suspend", "dora"])).out, [
      "@dora was suspended already.",
    ]);
    assert.deepEqual((await cli().run(["accounts", "unsuspend", "dora"])).out, [
      "Unsuspended @dora.",
    ]);
    await cli().rejects(["accounts", "suspend", "nobody"], 1, /no local user @nobody/);
  });
});
