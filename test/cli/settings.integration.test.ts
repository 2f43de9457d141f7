// `hearth settings list | get | set`: stored values, printed lines, and every refusal.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_SETTINGS, SETTING_KEYS } from "../../src/domain/instance-settings.ts";
import { type CliRig, describeEachCliDatabase } from "./cli-rig.ts";

async function stored(cli: CliRig, key: string): Promise<unknown> {
  const row = await cli
    .db()
    .selectFrom("instance_settings")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.value;
}

describeEachCliDatabase("hearth settings", (cli) => {
  test("list shows every setting with its default before anything is set", async () => {
    const run = await cli().run(["settings", "list"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(
      run.out,
      SETTING_KEYS.map((key) => `${key} = ${JSON.stringify(DEFAULT_SETTINGS[key])}`),
    );
  });

  test("set stores the value; get and list show it", async () => {
    const run = await cli().run(["settings", "set", "title", "  The Village Hearth  "]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, ['Set title to "The Village Hearth".']);
    assert.equal(await stored(cli(), "title"), "The Village Hearth");
    assert.deepEqual((await cli().run(["settings", "get", "title"])).out, ["The Village Hearth"]);
    const list = await cli().run(["settings", "list"]);
    assert.ok(list.out.includes('title = "The Village Hearth"'));
  });

  test("each setting the issue names can be set", async () => {
    const cases: [string, string, unknown][] = [
      ["description", "Neighbours, gardens and bread.", "Neighbours, gardens and bread."],
      ["contact_email", "owner@example.com", "owner@example.com"],
      ["registrations", "open", "open"],
      ["registrations", "closed", "closed"],
      ["languages", "en, DE", ["en", "de"]],
    ];
    for (const [key, text, value] of cases) {
      const run = await cli().run(["settings", "set", key, text]);
      assert.equal(run.code, 0, run.err.join("\n"));
      assert.deepEqual(await stored(cli(), key), value, key);
    }
    assert.deepEqual((await cli().run(["settings", "get", "languages"])).out, ["en,de"]);
  });

  test("an empty value clears a text setting", async () => {
    assert.equal((await cli().run(["settings", "set", "contact_email", ""])).code, 0);
    assert.equal(await stored(cli(), "contact_email"), "");
  });

  test("contact_account must name a local account, and is stored as that account spells it", async () => {
    await cli().rejects(
      ["settings", "set", "contact_account", "nobody"],
      1,
      /^hearth: contact_account: there is no local account @nobody$/,
    );
    const created = await cli().run(["accounts", "create", "Anna", "--email", "anna@example.com"]);
    assert.equal(created.code, 0, created.err.join("\n"));
    const run = await cli().run(["settings", "set", "contact_account", "@anna"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, ['Set contact_account to "Anna".']);
    assert.equal(await stored(cli(), "contact_account"), "Anna");
    await cli().rejects(
      ["settings", "set", "contact_account", "not a name"],
      1,
      /is not a local username/,
    );
  });

  test("invalid values are refused and nothing is written", async () => {
    const cases: [string, string, RegExp][] = [
      ["registrations", "everyone", /registrations must be open, approval or closed/],
      ["registrations", "OPEN", /registrations must be open, approval or closed/],
      ["title", "   ", /title cannot be empty/],
      ["title", "x".repeat(101), /title is longer than 100 characters/],
      ["contact_email", "not-an-address", /not an email address/],
      ["languages", "english", /not an ISO 639 language code/],
      ["status_page_url", "ftp://status.example", /http\(s\) URL/],
    ];
    for (const [key, text, message] of cases)
      await cli().rejects(["settings", "set", key, text], 1, message);
  });

  test("unknown keys are refused with the list of known ones", async () => {
    for (const argv of [
      ["settings", "set", "site_title", "Hi"],
      ["settings", "set", "contact", "a@b.c"],
      ["settings", "get", "nope"],
    ]) {
      const run = await cli().rejects(argv, 1, /unknown setting/);
      for (const key of SETTING_KEYS) assert.ok(run.err[0]!.includes(key), key);
    }
  });

  test("bad command lines are usage errors (exit 2)", async () => {
    await cli().rejects(["settings"], 2, /needs a subcommand \(list, get, set\)/);
    await cli().rejects(["settings", "unset", "title"], 2, /unknown subcommand "unset"/);
    await cli().rejects(["settings", "set", "title"], 2, /a key and one value/);
    await cli().rejects(["settings", "set", "title", "My", "Server"], 2, /quote values/);
    await cli().rejects(["settings", "get"], 2, /one key/);
    await cli().rejects(["settings", "list", "extra"], 2, /extra/);
    await cli().rejects(["settings", "set", "title", "x", "--force"], 2, /force/);
  });

  test("a value starting with a dash can follow --", async () => {
    const run = await cli().run(["settings", "set", "--", "description", "-- quiet place --"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.equal(await stored(cli(), "description"), "-- quiet place --");
  });

  test("warns when HEARTH_REGISTRATIONS will undo a registrations change", async () => {
    const run = await cli().run(["settings", "set", "registrations", "approval"], {
      HEARTH_REGISTRATIONS: "closed",
    });
    assert.equal(run.code, 0);
    assert.deepEqual(run.out, ['Set registrations to "approval".']);
    assert.deepEqual(run.err, [
      "hearth: note: HEARTH_REGISTRATIONS=closed sets it back at the next start",
    ]);
    assert.equal(await stored(cli(), "registrations"), "approval");
  });
});
