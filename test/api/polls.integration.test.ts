// Polls: posted with a status (poll[...]), read on the status and at GET /api/v1/polls/:id
// (visible exactly when the status is), voted on under Mastodon's rules, closed by the
// `poll.close` job at their end. Each rule is tried the wrong way; refusals leave no rows.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { POLL_LIMITS } from "../../src/domain/limits.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { listJobs } from "../../src/repos/jobs.ts";
import { closePoll } from "../../src/services/polls/close-poll.ts";
import { voteOnPoll } from "../../src/services/polls/vote.ts";
import { blob, pngImage } from "../media/fixtures.ts";
import { assertAuthEnforced, createToken, describeEachDatabase, type Rig } from "../rig/index.ts";
import { accountCounts, call, countQueries, type Json, post } from "./statuses-kit.ts";

const MINUTE = 60_000;
const poll = (extra: Record<string, unknown> = {}) => ({
  options: ["yes", "no", "maybe"],
  expires_in: 3600,
  ...extra,
});

async function rowCounts(rig: Rig) {
  const count = async (table: "polls" | "poll_votes" | "statuses") =>
    Number(
      (
        await rig.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    polls: await count("polls"),
    votes: await count("poll_votes"),
    statuses: await count("statuses"),
  };
}

describeEachDatabase("polls", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write");
    bob = await createToken(rig().ctx, "bob", "read write");
    admin = await createToken(rig().ctx, "admin", "read write");
  });

  test("a poll is posted with its status, shown on it and at /api/v1/polls/:id", async () => {
    const status = await post(rig(), alice, {
      status: "which?",
      poll: poll({ multiple: true, options: [" yes ", "no", "", "maybe"] }),
    });
    const expected = new Date(rig().clock.now().getTime() + 3600_000).toISOString();
    assert.equal(status.poll.expires_at, expected);
    assert.equal(status.poll.expired, false);
    assert.equal(status.poll.multiple, true);
    // Mastodon strips options and drops blank ones.
    assert.deepEqual(
      status.poll.options,
      ["yes", "no", "maybe"].map((title) => ({ title, votes_count: 0 })),
    );
    assert.deepEqual(status.poll.emojis, []);
    // The author counts as having voted (Mastodon's Poll#voted?).
    assert.equal(status.poll.voted, true);
    assert.deepEqual(status.poll.own_votes, []);

    const anon = await call(rig(), "GET", `/api/v1/polls/${status.poll.id}`, undefined);
    assert.equal(anon.status, 200);
    assert.equal(anon.body.voted, undefined, "no per-viewer keys without a viewer");
    assert.equal(anon.body.own_votes, undefined);
    const asBob = await call(rig(), "GET", `/api/v1/polls/${status.poll.id}`, bob);
    assert.equal(asBob.body.voted, false);
    const read = await call(rig(), "GET", `/api/v1/statuses/${status.id}`, bob);
    assert.deepEqual(read.body.poll, asBob.body);
    // One job closes it at its end.
    const jobs = (await listJobs(rig().ctx.db, { type: "poll.close" })).filter(
      (j) => (j.payload as { pollId: string }).pollId === status.poll.id,
    );
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]?.runAt, expected);
  });

  test("form-encoded poll[...] parameters work as Rails reads them", async () => {
    const form = new URLSearchParams();
    form.set("status", "form poll");
    form.append("poll[options][]", "a");
    form.append("poll[options][]", "b");
    form.set("poll[expires_in]", "600");
    form.set("poll[hide_totals]", "true");
    const res = await rig().send<Json>("POST", "/api/v1/statuses", form, {
      headers: { authorization: `Bearer ${alice}` },
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.body.poll.options.map((o: Json) => o.title),
      ["a", "b"],
    );
    assert.equal(res.body.poll.options[0].votes_count, null, "hidden totals");
  });

  test("every poll limit is enforced, and a refused post leaves no rows", async () => {
    const before = await rowCounts(rig());
    const beforeCounts = await accountCounts(rig(), rig().fixtures.alice.id);
    const tooLong = "x".repeat(POLL_LIMITS.maxCharactersPerOption + 1);
    const cases: [Record<string, unknown>, RegExp][] = [
      [poll({ options: ["only one"] }), /more than one item/],
      [poll({ options: ["a", "b", "c", "d", "e"] }), /more than 4 items/],
      [poll({ options: ["a", tooLong] }), /longer than 50 characters/],
      [poll({ options: ["a", "a"] }), /duplicate/],
      [poll({ expires_in: POLL_LIMITS.minExpiration - 1 }), /too soon/],
      [poll({ expires_in: POLL_LIMITS.maxExpiration + 1 }), /too far/],
      [{ options: ["a", "b"] }, /too far/],
    ];
    for (const [p, message] of cases) {
      const res = await call(rig(), "POST", "/api/v1/statuses", alice, { status: "x", poll: p });
      assert.equal(res.status, 422, JSON.stringify(p));
      assert.match(res.body.error, message);
    }
    // The edges are allowed: 4 options of 50 characters, 5 minutes, a month.
    const edge = "é".repeat(POLL_LIMITS.maxCharactersPerOption);
    await post(rig(), alice, {
      status: "edges",
      poll: poll({ options: ["a", "b", "c", edge], expires_in: POLL_LIMITS.minExpiration }),
    });
    await post(rig(), alice, {
      status: "long",
      poll: poll({ expires_in: POLL_LIMITS.maxExpiration }),
    });

    // A poll and media together: 422, the upload stays free.
    const form = new FormData();
    form.set("file", blob(await pngImage(10, 10), "image/png"), "a.png");
    const media = (
      await rig().send<Json>("POST", "/api/v1/media", form, {
        headers: { authorization: `Bearer ${alice}` },
      })
    ).body;
    const both = await call(rig(), "POST", "/api/v1/statuses", alice, {
      status: "both",
      media_ids: [media.id],
      poll: poll(),
    });
    assert.equal(both.status, 422);
    const row = await rig()
      .ctx.db.selectFrom("media_attachments")
      .select("status_id")
      .where("id", "=", media.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status_id, null);
    // Mastodon requires text with a poll (only media may stand alone).
    const blank = await call(rig(), "POST", "/api/v1/statuses", alice, {
      status: " ",
      poll: poll(),
    });
    assert.equal(blank.status, 422);
    assert.match(blank.body.error, /Text can't be blank/);

    const after = await rowCounts(rig());
    assert.equal(after.polls, before.polls + 2, "only the two valid posts made polls");
    assert.equal(after.statuses, before.statuses + 2);
    assert.equal(
      (await accountCounts(rig(), rig().fixtures.alice.id)).statuses,
      beforeCounts.statuses + 2,
    );
  });

  test("voting: counts, own_votes, and each VoteValidator rule broken", async () => {
    const single = await post(rig(), alice, { status: "pick one", poll: poll() });
    const id = single.poll.id;
    const vote = (token: string, choices: unknown[]) =>
      call(rig(), "POST", `/api/v1/polls/${id}/votes`, token, { choices });

    const outOfRange = await vote(bob, [3]);
    assert.equal(outOfRange.status, 422);
    assert.match(outOfRange.body.error, /option does not exist/);
    assert.equal((await vote(bob, [-1])).status, 422);
    assert.equal((await vote(bob, ["one"])).status, 422);
    const two = await vote(bob, [0, 1]);
    assert.equal(two.status, 422, "several choices on a single-choice poll");
    assert.match(two.body.error, /already voted/);
    const own = await vote(alice, [0]);
    assert.equal(own.status, 422);
    assert.match(own.body.error, /your own polls/);
    // Rails' params.require(:choices): a 400 (the spec documents none, so no schema check).
    const none = await rig().send<Json>(
      "POST",
      `/api/v1/polls/${id}/votes`,
      {},
      { headers: { authorization: `Bearer ${bob}` } },
    );
    assert.equal(none.status, 400);
    assert.match(none.body.error, /choices/);
    assert.equal((await rowCounts(rig())).votes, 0, "no refused ballot left a vote");

    const ok = await vote(bob, [1]);
    assert.equal(ok.status, 200);
    assert.equal(ok.body.voted, true);
    assert.deepEqual(ok.body.own_votes, [1]);
    assert.equal(ok.body.votes_count, 1);
    assert.equal(ok.body.voters_count, 1);
    assert.deepEqual(
      ok.body.options.map((o: Json) => o.votes_count),
      [0, 1, 0],
    );
    const again = await vote(bob, [0]);
    assert.equal(again.status, 422);
    assert.match(again.body.error, /already voted/);
    await vote(admin, [1]);
    const seen = await call(rig(), "GET", `/api/v1/statuses/${single.id}`, admin);
    assert.deepEqual(seen.body.poll.own_votes, [1]);
    assert.equal(seen.body.poll.votes_count, 2);
    assert.equal(seen.body.poll.voters_count, 2);
    assert.deepEqual(
      seen.body.poll.options.map((o: Json) => o.votes_count),
      [0, 2, 0],
    );

    // Multiple choice: several at once, each choice once, more later.
    const multi = await post(rig(), alice, { status: "pick many", poll: poll({ multiple: true }) });
    const mvote = (choices: unknown[]) =>
      call(rig(), "POST", `/api/v1/polls/${multi.poll.id}/votes`, bob, { choices });
    assert.equal((await mvote([0, 0])).status, 422, "the same choice twice");
    const first = await mvote([0, 2]);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.own_votes, [0, 2]);
    assert.equal((await mvote([2])).status, 422, "a choice already made");
    const more = await mvote([1]);
    assert.equal(more.status, 200);
    assert.deepEqual(more.body.own_votes, [0, 1, 2]);
    assert.equal(more.body.votes_count, 3);
    assert.equal(more.body.voters_count, 1, "one voter however many ballots");
  });

  test("an ended poll refuses votes; the close job marks it closed once", async () => {
    const s = await post(rig(), alice, { status: "short", poll: poll({ expires_in: 300 }) });
    rig().clock.advance(5 * MINUTE);
    // Ended by time even before the job ran.
    const late = await call(rig(), "POST", `/api/v1/polls/${s.poll.id}/votes`, bob, {
      choices: [0],
    });
    assert.equal(late.status, 422);
    assert.equal(late.body.error, "Validation failed: The poll has already ended");
    const view = await call(rig(), "GET", `/api/v1/polls/${s.poll.id}`, bob);
    assert.equal(view.body.expired, true);

    await runDueJobs(rig().ctx);
    const row = await rig()
      .ctx.db.selectFrom("polls")
      .select("closed_at")
      .where("id", "=", s.poll.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.closed_at, rig().clock.now().toISOString());
    assert.equal(await closePoll(rig().ctx, s.poll.id), null, "closing twice does nothing");
  });

  test("closing returns an Update for federation; a job before the end does nothing", async () => {
    const s = await post(rig(), alice, { status: "later", poll: poll({ expires_in: 600 }) });
    assert.equal(await closePoll(rig().ctx, s.poll.id), null, "not yet due");
    rig().clock.advance(10 * MINUTE);
    assert.deepEqual(await closePoll(rig().ctx, s.poll.id), {
      federate: { activity: "Update", statusId: s.id },
    });
  });

  test("hide_totals: per-option counts are null for everyone until the end", async () => {
    const s = await post(rig(), alice, {
      status: "secret",
      poll: poll({ hide_totals: true, expires_in: 300 }),
    });
    const voted = await call(rig(), "POST", `/api/v1/polls/${s.poll.id}/votes`, bob, {
      choices: [2],
    });
    assert.deepEqual(
      voted.body.options.map((o: Json) => o.votes_count),
      [null, null, null],
    );
    assert.equal(voted.body.votes_count, 1);
    const author = await call(rig(), "GET", `/api/v1/polls/${s.poll.id}`, alice);
    assert.equal(author.body.options[2].votes_count, null, "the author too (Mastodon)");
    rig().clock.advance(5 * MINUTE);
    const ended = await call(rig(), "GET", `/api/v1/polls/${s.poll.id}`, undefined);
    assert.deepEqual(
      ended.body.options.map((o: Json) => o.votes_count),
      [0, 0, 1],
    );
  });

  test("a poll is visible and votable exactly when its status is", async () => {
    const hidden = await post(rig(), alice, {
      status: "followers only",
      visibility: "private",
      poll: poll(),
    });
    for (const token of [undefined, bob]) {
      const res = await call(rig(), "GET", `/api/v1/polls/${hidden.poll.id}`, token);
      assert.equal(res.status, 404);
    }
    const vote = await call(rig(), "POST", `/api/v1/polls/${hidden.poll.id}/votes`, bob, {
      choices: [0],
    });
    assert.equal(vote.status, 404);
    const mentioned = await post(rig(), alice, {
      status: "@bob a direct poll",
      visibility: "direct",
      poll: poll(),
    });
    const ok = await call(rig(), "POST", `/api/v1/polls/${mentioned.poll.id}/votes`, bob, {
      choices: [0],
    });
    assert.equal(ok.status, 200);
    const unknown = await call(rig(), "GET", "/api/v1/polls/123", bob);
    assert.equal(unknown.status, 404);
    const bad = await call(rig(), "GET", "/api/v1/polls/abc", bob);
    assert.equal(bad.status, 404);
    // A deleted status takes its poll with it from view.
    const gone = await post(rig(), alice, { status: "to delete", poll: poll() });
    await call(rig(), "DELETE", `/api/v1/statuses/${gone.id}`, alice);
    assert.equal((await call(rig(), "GET", `/api/v1/polls/${gone.poll.id}`, bob)).status, 404);
  });

  test("scopes: read:statuses if a token is sent to view, write:statuses to vote", async () => {
    const s = await post(rig(), alice, { status: "auth", poll: poll() });
    await assertAuthEnforced(rig(), {
      method: "POST",
      path: `/api/v1/polls/${s.poll.id}/votes`,
      scope: "write:statuses",
      body: { choices: [0] },
    });
    const pushOnly = await createToken(rig().ctx, "bob", "push");
    const refused = await rig().send<Json>("GET", `/api/v1/polls/${s.poll.id}`, undefined, {
      headers: { authorization: `Bearer ${pushOnly}` },
    });
    assert.equal(refused.status, 403);
  });

  test("federation seam: a vote on a remote poll names the Vote, a local one the Update", async () => {
    const local = await post(rig(), alice, { status: "local", poll: poll() });
    const localVote = await voteOnPoll(rig().ctx, rig().fixtures.bob.id, local.poll.id, [0]);
    assert.equal(localVote.type, "ok");
    assert.deepEqual(localVote.type === "ok" && localVote.federate, {
      activity: "Update",
      statusId: local.id,
    });
    // A remote author's poll (as the inbox will store it).
    const carol = rig().fixtures.carol.id;
    const statusId = rig().ctx.newId();
    const pollId = rig().ctx.newId();
    const at = rig().clock.now().toISOString();
    await rig()
      .ctx.db.insertInto("statuses")
      .values({
        id: statusId,
        uri: `https://remote.test/s/${statusId}`,
        url: null,
        account_id: carol,
        in_reply_to_id: null,
        in_reply_to_account_id: null,
        reblog_of_id: null,
        text: "",
        content: "<p>remote</p>",
        spoiler_text: "",
        visibility: "public",
        language: "en",
        application_id: null,
        local: false,
        edited_at: null,
        deleted_at: null,
        created_at: at,
        updated_at: at,
      } as never)
      .execute();
    await rig()
      .ctx.db.insertInto("polls")
      .values({
        id: pollId,
        status_id: statusId,
        account_id: carol,
        options: JSON.stringify(["x", "y"]),
        expires_at: new Date(Date.parse(at) + 3600_000).toISOString(),
        created_at: at,
        updated_at: at,
      })
      .execute();
    const remoteVote = await voteOnPoll(rig().ctx, rig().fixtures.bob.id, pollId, [1]);
    assert.ok(remoteVote.type === "ok");
    assert.equal(remoteVote.federate?.activity, "Vote");
  });

  test("editing: changed options reset the votes, a missing poll removes it, history shows them", async () => {
    const s = await post(rig(), alice, { status: "edit me", poll: poll({ expires_in: 600 }) });
    await call(rig(), "POST", `/api/v1/polls/${s.poll.id}/votes`, bob, { choices: [1] });
    const put = (body: Record<string, unknown>) =>
      call(rig(), "PUT", `/api/v1/statuses/${s.id}`, alice, body);

    // Only the end moves (same options): the votes stay, a new close job is armed.
    rig().clock.advance(MINUTE);
    const longer = await put({ status: "edit me", poll: poll({ expires_in: 1200 }) });
    assert.equal(longer.status, 200);
    assert.equal(longer.body.poll.id, s.poll.id);
    assert.equal(longer.body.poll.votes_count, 1);
    assert.equal(
      longer.body.poll.expires_at,
      new Date(rig().clock.now().getTime() + 1200_000).toISOString(),
    );
    // The old job (at 10 minutes) finds the end moved and leaves the poll open.
    rig().clock.advance(9 * MINUTE);
    await runDueJobs(rig().ctx);
    const open = await call(rig(), "GET", `/api/v1/polls/${s.poll.id}`, bob);
    assert.equal(open.body.expired, false);

    // New options: the votes go (Mastodon resets them).
    const changed = await put({
      status: "edit me",
      poll: { options: ["red", "blue"], expires_in: 600 },
    });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body.poll.options, [
      { title: "red", votes_count: 0 },
      { title: "blue", votes_count: 0 },
    ]);
    assert.equal(changed.body.poll.votes_count, 0);
    assert.equal(changed.body.poll.voters_count, 0);
    const votes = await rig()
      .ctx.db.selectFrom("poll_votes")
      .select("id")
      .where("poll_id", "=", s.poll.id)
      .execute();
    assert.equal(votes.length, 0);
    const bad = await put({ status: "edit me", poll: { options: ["one"], expires_in: 600 } });
    assert.equal(bad.status, 422);

    const history = await call(rig(), "GET", `/api/v1/statuses/${s.id}/history`, bob);
    assert.deepEqual(
      history.body.map((h: Json) => h.poll?.options.map((o: Json) => o.title)),
      [
        ["yes", "no", "maybe"],
        ["yes", "no", "maybe"],
        ["red", "blue"],
      ],
    );

    // An edit without a poll removes it (the edit is the post's whole new state).
    const removed = await put({ status: "no poll now" });
    assert.equal(removed.body.poll, null);
    assert.equal((await call(rig(), "GET", `/api/v1/polls/${s.poll.id}`, bob)).status, 404);
    // And one can be added by editing.
    const added = await put({ status: "poll again", poll: poll() });
    assert.equal(added.body.poll.options.length, 3);
  });

  test("hydration: a page with polls costs the same queries for 1 status as for 10", async () => {
    for (let i = 0; i < 10; i++) await post(rig(), bob, { status: `p${i}`, poll: poll() });
    const path = (n: number) => `/api/v1/accounts/${rig().fixtures.bob.id}/statuses?limit=${n}`;
    const one = await countQueries(rig(), () => call(rig(), "GET", path(1), alice));
    const ten = await countQueries(rig(), () => call(rig(), "GET", path(10), alice));
    assert.equal(ten, one);
    const page = await call(rig(), "GET", path(10), alice);
    assert.ok(page.body.every((s: Json) => s.poll !== null));
  });
});
