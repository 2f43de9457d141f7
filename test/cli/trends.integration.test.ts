// `hearth trends list | approve | reject`: a moderator reviews trending tags and posts; bad
// arguments are refused with one line.
import assert from "node:assert/strict";
import { test } from "node:test";
import { accountRow, FIXED_TIME } from "../rig/index.ts";
import { describeEachCliDatabase } from "./cli-rig.ts";

describeEachCliDatabase("hearth trends", (cli) => {
  const seed = async () => {
    const db = cli().db();
    await db
      .insertInto("accounts")
      .values(accountRow({ id: "700001", username: "poster", domain: "far.test" }))
      .execute();
    await db
      .insertInto("statuses")
      .values({
        id: "700002",
        uri: "https://far.test/statuses/1",
        url: null,
        account_id: "700001",
        in_reply_to_id: null,
        in_reply_to_account_id: null,
        reblog_of_id: null,
        visibility: "public",
        language: null,
        application_id: null,
        local: false,
        edited_at: null,
        deleted_at: null,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
    await db
      .insertInto("tags")
      .values({ id: "700003", name: "café", display_name: "Café", created_at: FIXED_TIME })
      .execute();
    await db
      .insertInto("trends")
      .values({
        id: "700004",
        kind: "tag",
        target_id: "700003",
        score: 4.5,
        max_score: 4.5,
        max_score_at: FIXED_TIME,
        review: "pending",
        reviewed_at: null,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
  };
  const reviews = async () =>
    (
      await cli()
        .db()
        .selectFrom("trends")
        .select(["kind", "target_id", "review"])
        .orderBy("kind")
        .execute()
    ).map((r) => `${r.kind} ${r.target_id} ${r.review}`);

  test("list, approve a post before it trends, reject a tag", async () => {
    let run = await cli().run(["trends", "list"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, ["Nothing trends right now."]);
    await seed();
    run = await cli().run(["trends", "list"]);
    assert.deepEqual(run.out, ["tag  700003  score 4.50  pending"]);

    run = await cli().run(["trends", "approve", "status", "700002"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, ["Approved status 700002."]);
    run = await cli().run(["trends", "reject", "tag", "#CAFÉ"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(await reviews(), ["status 700002 approved", "tag 700003 rejected"]);
    // Not trending yet: listed only with --all.
    run = await cli().run(["trends", "list", "--kind", "status"]);
    assert.deepEqual(run.out, ["Nothing trends right now."]);
    run = await cli().run(["trends", "list", "--kind", "status", "--all"]);
    assert.deepEqual(run.out, ["status  700002  score 0.00  approved"]);
  });

  test("bad kinds, unknown targets and missing arguments are refused", async () => {
    const before = await reviews();
    for (const [argv, message] of [
      [["trends", "approve", "link", "https://x.test/"], /no link "https:\/\/x.test\/"/],
      [["trends", "approve", "status", "999"], /no status "999"/],
      [["trends", "reject", "status", "not-an-id"], /no status "not-an-id"/],
      [["trends", "reject", "tag", "nosuchtag"], /no tag "nosuchtag"/],
      [["trends", "approve", "tag"], /takes a kind/],
      [["trends", "list", "--kind", "links"], /kind must be tag, status or link/],
    ] as const) {
      const run = await cli().run([...argv]);
      assert.notEqual(run.code, 0, argv.join(" "));
      assert.equal(run.err.length, 1, run.err.join("\n"));
      assert.match(run.err[0] ?? "", message);
    }
    assert.deepEqual(await reviews(), before);
    const help = await cli().run(["help", "trends"]);
    assert.match(help.out.join("\n"), /approve tag <name> \| status <id>/);
  });
});
