// `hearth rules list | add | remove`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type CliRig, describeEachCliDatabase } from "./cli-rig.ts";

function allRules(cli: CliRig) {
  return cli.db().selectFrom("rules").selectAll().orderBy("id").execute();
}

describeEachCliDatabase("hearth rules", (cli) => {
  test("list says when there are no rules", async () => {
    const run = await cli().run(["rules", "list"]);
    assert.equal(run.code, 0);
    assert.deepEqual(run.out, ["No rules yet; add one with `hearth rules add <text>`."]);
  });

  test("add appends at the next position, with an optional hint", async () => {
    const first = await cli().run(["rules", "add", "  Be kind  ", "--hint", "Assume good faith."]);
    assert.equal(first.code, 0, first.err.join("\n"));
    const second = await cli().run(["rules", "add", "No spam"]);
    assert.equal(second.code, 0, second.err.join("\n"));
    const rows = await allRules(cli());
    assert.equal(rows.length, 2);
    assert.deepEqual(
      rows.map((r) => [r.text, r.hint, Number(r.position), r.deleted_at]),
      [
        ["Be kind", "Assume good faith.", 1, null],
        ["No spam", "", 2, null],
      ],
    );
    assert.deepEqual(first.out, [`Added rule ${rows[0]!.id}: Be kind`]);
    assert.deepEqual(second.out, [`Added rule ${rows[1]!.id}: No spam`]);
    const list = await cli().run(["rules", "list"]);
    assert.deepEqual(list.out, [
      `${rows[0]!.id}  Be kind (Assume good faith.)`,
      `${rows[1]!.id}  No spam`,
    ]);
  });

  test("remove hides the rule but keeps its row; positions keep growing", async () => {
    const [kind, spam] = await allRules(cli());
    const run = await cli().run(["rules", "remove", kind!.id]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, [`Removed rule ${kind!.id}.`]);
    const rows = await allRules(cli());
    assert.notEqual(rows.find((r) => r.id === kind!.id)?.deleted_at, null);
    assert.deepEqual((await cli().run(["rules", "list"])).out, [`${spam!.id}  No spam`]);
    assert.equal((await cli().run(["rules", "add", "Tag sensitive media"])).code, 0);
    const added = (await allRules(cli())).at(-1)!;
    assert.equal(Number(added.position), 3);
  });

  test("removing an unknown, already removed or malformed id fails and writes nothing", async () => {
    const removed = (await allRules(cli())).find((r) => r.deleted_at !== null)!;
    for (const id of ["123", removed.id, "abc", "-1", "99999999999999999999"]) {
      await cli().rejects(["rules", "remove", "--", id], 1, /there is no rule with id/);
    }
  });

  test("rule text must be 1 to 300 characters, hints up to 1000", async () => {
    await cli().rejects(["rules", "add", "   "], 1, /rule text cannot be empty/);
    await cli().rejects(["rules", "add", "x".repeat(301)], 1, /longer than 300/);
    await cli().rejects(
      ["rules", "add", "Fine", "--hint", "x".repeat(1001)],
      1,
      /longer than 1000/,
    );
    const run = await cli().run(["rules", "add", "y".repeat(300)]);
    assert.equal(run.code, 0, run.err.join("\n"));
  });

  test("bad command lines are usage errors (exit 2)", async () => {
    await cli().rejects(["rules"], 2, /needs a subcommand \(list, add, remove\)/);
    await cli().rejects(["rules", "add"], 2, /quote it/);
    await cli().rejects(["rules", "add", "Be", "nice"], 2, /quote it/);
    await cli().rejects(["rules", "add", "Be nice", "--hint"], 2, /--hint/);
    await cli().rejects(["rules", "remove"], 2, /one rule id/);
    await cli().rejects(["rules", "list", "--all"], 2, /all/);
    await cli().rejects(["rules", "edit", "1"], 2, /unknown subcommand "edit"/);
  });
});
