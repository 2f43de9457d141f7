// `hearth jobs`: an operator sees pending and failed jobs, runs what is due, retries what
// gave up; bad arguments are refused with one line and change nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { describeEachCliDatabase } from "./cli-rig.ts";

describeEachCliDatabase("hearth jobs", (cli) => {
  const insertJob = async (id: string, type: string) => {
    const at = new Date(Date.now() - 1000).toISOString();
    await cli()
      .db()
      .insertInto("jobs")
      .values({ id, type, payload: "{}", run_at: at, created_at: at })
      .execute();
  };

  test("list, run, see the failure, retry it", async () => {
    // The first command sets the database up.
    let run = await cli().run(["jobs", "list"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, ["No pending jobs."]);

    await insertJob("101", "media.cleanup");
    await insertJob("102", "no.such-type");
    run = await cli().run(["jobs", "list"]);
    assert.equal(run.out.length, 2);
    assert.match(run.out[0] ?? "", /^101 {2}media\.cleanup {2}due /);

    run = await cli().run(["jobs", "run"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, ["Ran 2 jobs."]);

    run = await cli().run(["jobs", "list", "--failed"]);
    assert.equal(run.out.length, 1);
    assert.match(
      run.out[0] ?? "",
      /^102 {2}no\.such-type {2}failed .* unknown job type no\.such-type/,
    );
    // The cleanup ran and queued its next hourly run.
    run = await cli().run(["jobs", "list", "--type", "media.cleanup"]);
    assert.equal(run.out.length, 1);

    run = await cli().run(["jobs", "retry", "102"]);
    assert.deepEqual(run.out, ["1 job will run again."]);
    const row = await cli()
      .db()
      .selectFrom("jobs")
      .select(["failed_at", "attempts"])
      .where("id", "=", "102")
      .executeTakeFirstOrThrow();
    assert.equal(row.failed_at, null);
    assert.equal(Number(row.attempts), 0);
  });

  test("bad arguments are refused and change nothing", async () => {
    await cli().rejects(["jobs", "retry"], 2, /one job id, or --all/);
    await cli().rejects(["jobs", "retry", "1", "--all"], 2, /one job id, or --all/);
    await cli().rejects(["jobs", "retry", "abc"], 2, /not a job id/);
    await cli().rejects(["jobs", "retry", "999999"], 1, /no failed job 999999/);
    await cli().rejects(["jobs", "run", "--queue", "fedify"], 2, /queue/);
    await cli().rejects(["jobs", "frobnicate"], 2, /unknown/);
  });
});
