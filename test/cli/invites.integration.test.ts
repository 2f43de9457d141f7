// `hearth invites create`: a working invite link, and refusals that write nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { describeEachCliDatabase } from "./cli-rig.ts";

describeEachCliDatabase("hearth invites", (cli) => {
  test("prints a link whose code is stored with its limits", async () => {
    const made = await cli().run([
      "accounts",
      "create",
      "host",
      "--email",
      "host@example.com",
      "--password",
      "password-123",
    ]);
    assert.equal(made.code, 0, made.err.join("\n"));
    const run = await cli().run([
      "invites",
      "create",
      "--by",
      "@host",
      "--max-uses",
      "3",
      "--expires-in",
      "1d",
    ]);
    assert.equal(run.code, 0, run.err.join("\n"));
    const url = run.out[0] ?? "";
    const code = /^https:\/\/hearth\.test\/invite\/([A-Za-z0-9]{8})$/.exec(url)?.[1];
    assert.ok(code, url);
    const row = await cli()
      .db()
      .selectFrom("invites")
      .selectAll()
      .where("code", "=", code)
      .executeTakeFirstOrThrow();
    assert.equal(row.max_uses, 3);
    assert.notEqual(row.expires_at, null);
  });

  test("bad options and unknown users are refused", async () => {
    await cli().rejects(["invites", "create"], 2, /needs --by/);
    await cli().rejects(["invites", "create", "--by", "host", "--max-uses", "0"], 2, /--max-uses/);
    await cli().rejects(
      ["invites", "create", "--by", "host", "--expires-in", "2y"],
      2,
      /--expires-in/,
    );
    await cli().rejects(["invites", "create", "--by", "nobody"], 1, /no local account @nobody/);
  });
});
