// Filters v2 and v1: CRUD with nested keywords, keywords and statuses by their own ids, limits
// and ownership (someone else's filter, keyword or status is 404), `filtered` on statuses,
// `hide` removing statuses from the timelines of its contexts, expiry, filters_changed.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { FILTERS_PER_ACCOUNT } from "../../src/domain/filters.ts";
import { channels } from "../../src/domain/streaming.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json, post } from "./statuses-kit.ts";

describeEachDatabase("filters", (rig) => {
  let alice = "";
  let bob = "";
  const ids = () => rig().fixtures;
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await call(rig(), method, path, token, body);
    assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };
  /** Endpoints answering `{}` and error answers the spec does not document. */
  const raw = (method: string, path: string, token: string, body?: unknown) =>
    rig().send<Json>(method, path, body, { headers: { authorization: `Bearer ${token}` } });
  const empty = async (method: string, path: string, token: string) => {
    const res = await raw(method, path, token);
    assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
    assert.deepEqual(res.body, {});
  };
  const home = (token: string) => ok("GET", "/api/v1/timelines/home", token) as Promise<Json[]>;

  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write");
    bob = await createToken(rig().ctx, "bob", "read write");
    await ok("POST", `/api/v1/accounts/${ids().alice.id}/follow`, bob);
    await runDueJobs(rig().ctx);
  });

  test("scopes: read:filters and write:filters, v1 and v2", async () => {
    for (const path of ["/api/v2/filters", "/api/v1/filters"]) {
      await assertAuthEnforced(rig(), { method: "GET", path, scope: "read:filters" });
      await assertAuthEnforced(rig(), {
        method: "POST",
        path,
        scope: "write:filters",
        body: { title: "t", phrase: "p", context: ["home"] },
      });
    }
  });

  test("create with keywords, read, update keywords nested, delete", async () => {
    const created = await ok("POST", "/api/v2/filters", bob, {
      title: "Spoilers",
      context: ["home", "public"],
      filter_action: "warn",
      expires_in: 3600,
      keywords_attributes: [{ keyword: "finale" }, { keyword: "ending", whole_word: false }],
    });
    assert.equal(created.title, "Spoilers");
    assert.deepEqual(created.context, ["home", "public"]);
    assert.equal(created.filter_action, "warn");
    assert.equal(
      created.expires_at,
      new Date(Date.parse(rig().ctx.clock.now().toISOString()) + 3600_000).toISOString(),
    );
    assert.deepEqual(
      created.keywords.map((k: Json) => [k.keyword, k.whole_word]),
      [
        ["finale", true],
        ["ending", false],
      ],
    );
    assert.deepEqual(created.statuses, []);
    const [finale, ending] = created.keywords;
    const updated = await ok("PUT", `/api/v2/filters/${created.id}`, bob, {
      title: "TV",
      filter_action: "blur",
      expires_in: "",
      keywords_attributes: [
        { id: finale.id, keyword: "season finale" },
        { id: ending.id, _destroy: true },
        { keyword: "cliffhanger" },
      ],
    });
    assert.equal(updated.title, "TV");
    assert.equal(updated.filter_action, "blur");
    assert.equal(updated.expires_at, null);
    assert.deepEqual(
      updated.keywords.map((k: Json) => k.keyword),
      ["season finale", "cliffhanger"],
    );
    assert.equal((await ok("GET", `/api/v2/filters/${created.id}`, bob)).title, "TV");
    assert.ok((await ok("GET", "/api/v2/filters", bob)).some((f: Json) => f.id === created.id));
    await empty("DELETE", `/api/v2/filters/${created.id}`, bob);
    assert.equal((await raw("GET", `/api/v2/filters/${created.id}`, bob)).status, 404);
    const orphans = await rig()
      .ctx.db.selectFrom("custom_filter_keywords")
      .select("id")
      .where("custom_filter_id", "=", created.id)
      .execute();
    assert.deepEqual(orphans, []);
  });

  test("bad input is 422: blank title, bad context, bad action, long keyword, bad expiry", async () => {
    const base = { title: "t", context: ["home"] };
    for (const body of [
      { context: ["home"] },
      { ...base, title: " " },
      { ...base, title: "x".repeat(257) },
      { title: "t" },
      { ...base, context: ["home", "everywhere"] },
      { ...base, filter_action: "explode" },
      { ...base, keywords_attributes: [{ keyword: "k".repeat(513) }] },
      { ...base, keywords_attributes: [{ keyword: "", whole_word: true }] },
      { ...base, expires_in: -5 },
      { ...base, expires_in: "soon" },
    ]) {
      const res = await raw("POST", "/api/v2/filters", bob, body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(typeof res.body.error, "string");
    }
    const count = await rig()
      .ctx.db.selectFrom("custom_filters")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("account_id", "=", ids().bob.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0, "nothing half-made");
  });

  test(`at most ${FILTERS_PER_ACCOUNT} filters per account`, async () => {
    const at = rig().ctx.clock.now().toISOString();
    await rig()
      .ctx.db.insertInto("custom_filters")
      .values(
        Array.from({ length: FILTERS_PER_ACCOUNT }, () => ({
          id: rig().ctx.newId(),
          account_id: ids().alice.id,
          title: "bulk",
          context: JSON.stringify(["home"]),
          action: "warn",
          expires_at: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    const over = await raw("POST", "/api/v2/filters", alice, {
      title: "one more",
      context: ["home"],
    });
    assert.equal(over.status, 422);
    await rig()
      .ctx.db.deleteFrom("custom_filters")
      .where("account_id", "=", ids().alice.id)
      .execute();
  });

  test("keywords and statuses by their own ids; someone else's are 404", async () => {
    const filter = await ok("POST", "/api/v2/filters", bob, { title: "f", context: ["thread"] });
    const kw = await ok("POST", `/api/v2/filters/${filter.id}/keywords`, bob, {
      keyword: "spam",
      whole_word: false,
    });
    assert.deepEqual(
      { ...kw, id: undefined },
      { id: undefined, keyword: "spam", whole_word: false },
    );
    assert.equal((await ok("GET", `/api/v2/filters/${filter.id}/keywords`, bob)).length, 1);
    assert.equal((await ok("GET", `/api/v2/filters/keywords/${kw.id}`, bob)).keyword, "spam");
    const changed = await ok("PUT", `/api/v2/filters/keywords/${kw.id}`, bob, { whole_word: true });
    assert.equal(changed.whole_word, true);
    const s = await post(rig(), alice, { status: "filter me by id" });
    const fs = await ok("POST", `/api/v2/filters/${filter.id}/statuses`, bob, { status_id: s.id });
    assert.equal(fs.status_id, s.id);
    const again = await raw("POST", `/api/v2/filters/${filter.id}/statuses`, bob, {
      status_id: s.id,
    });
    assert.equal(again.status, 422);
    const unseen = await post(rig(), alice, { status: "@admin private", visibility: "direct" });
    const hidden = await raw("POST", `/api/v2/filters/${filter.id}/statuses`, bob, {
      status_id: unseen.id,
    });
    assert.equal(hidden.status, 422, "a status one cannot see cannot be named");
    assert.equal((await ok("GET", `/api/v2/filters/statuses/${fs.id}`, bob)).status_id, s.id);
    assert.equal((await ok("GET", `/api/v2/filters/${filter.id}/statuses`, bob)).length, 1);

    for (const [method, path] of [
      ["GET", `/api/v2/filters/${filter.id}`],
      ["PUT", `/api/v2/filters/${filter.id}`],
      ["DELETE", `/api/v2/filters/${filter.id}`],
      ["GET", `/api/v2/filters/${filter.id}/keywords`],
      ["POST", `/api/v2/filters/${filter.id}/keywords`],
      ["GET", `/api/v2/filters/keywords/${kw.id}`],
      ["PUT", `/api/v2/filters/keywords/${kw.id}`],
      ["DELETE", `/api/v2/filters/keywords/${kw.id}`],
      ["GET", `/api/v2/filters/${filter.id}/statuses`],
      ["POST", `/api/v2/filters/${filter.id}/statuses`],
      ["GET", `/api/v2/filters/statuses/${fs.id}`],
      ["DELETE", `/api/v2/filters/statuses/${fs.id}`],
      ["GET", `/api/v1/filters/${kw.id}`],
      ["PUT", `/api/v1/filters/${kw.id}`],
      ["DELETE", `/api/v1/filters/${kw.id}`],
    ] as const) {
      const body =
        method === "GET" || method === "DELETE" ? undefined : { keyword: "x", status_id: s.id };
      const res = await raw(method, path, alice, body);
      assert.equal(res.status, 404, `${method} ${path}`);
    }
    // A keyword of another filter cannot be changed through keywords_attributes either.
    const other = await ok("POST", "/api/v2/filters", alice, { title: "a", context: ["home"] });
    const stolen = await raw("PUT", `/api/v2/filters/${other.id}`, alice, {
      keywords_attributes: [{ id: kw.id, keyword: "mine now" }],
    });
    assert.equal(stolen.status, 404);
    assert.equal((await ok("GET", `/api/v2/filters/keywords/${kw.id}`, bob)).keyword, "spam");
    await empty("DELETE", `/api/v2/filters/statuses/${fs.id}`, bob);
    await empty("DELETE", `/api/v2/filters/keywords/${kw.id}`, bob);
    await empty("DELETE", `/api/v2/filters/${filter.id}`, bob);
    await empty("DELETE", `/api/v2/filters/${other.id}`, alice);
  });

  test("`filtered` carries a FilterResult per matching filter", async () => {
    const filter = await ok("POST", "/api/v2/filters", bob, {
      title: "Cats",
      context: ["home"],
      keywords_attributes: [{ keyword: "cat" }],
    });
    const match = await post(rig(), alice, { status: "My CAT is asleep" });
    const partial = await post(rig(), alice, { status: "concatenate strings" });
    const cw = await post(rig(), alice, { status: "hidden", spoiler_text: "about my cat" });
    await runDueJobs(rig().ctx);
    const byId = new Map((await home(bob)).map((s: Json) => [s.id, s]));
    const result = byId.get(match.id).filtered;
    assert.equal(result.length, 1);
    assert.equal(result[0].filter.id, filter.id);
    assert.equal(result[0].filter.title, "Cats");
    assert.deepEqual(result[0].keyword_matches, ["CAT"]);
    assert.equal(result[0].status_matches, null);
    assert.deepEqual(byId.get(partial.id).filtered, [], "whole word only");
    assert.equal(byId.get(cw.id).filtered.length, 1, "the content warning counts");
    // The author's own view knows nothing of bob's filters.
    const own = await ok("GET", `/api/v1/statuses/${match.id}`, alice);
    assert.deepEqual(own.filtered, []);
    await empty("DELETE", `/api/v2/filters/${filter.id}`, bob);
  });

  test("hide removes statuses from timelines of its contexts only; a page may be shorter", async () => {
    const filter = await ok("POST", "/api/v2/filters", bob, {
      title: "No spoilers",
      context: ["home"],
      filter_action: "hide",
      keywords_attributes: [{ keyword: "spoiler" }],
    });
    const hidden = await post(rig(), alice, { status: "big spoiler ahead" });
    const shown = await post(rig(), alice, { status: "harmless" });
    await runDueJobs(rig().ctx);
    const page = await call(rig(), "GET", "/api/v1/timelines/home?limit=2", bob);
    const got = page.body.map((s: Json) => s.id);
    assert.deepEqual(got, [shown.id], "the page is one short, the hidden one is gone");
    assert.match(page.headers.get("link") ?? "", new RegExp(`max_id=${hidden.id}`));
    // Not filtered in public (not one of its contexts): shown, with the result for the client.
    const pub = await ok("GET", "/api/v1/timelines/public?local=true", bob);
    const there = pub.find((s: Json) => s.id === hidden.id);
    assert.ok(there);
    assert.equal(there.filtered[0].filter.filter_action, "hide");
    // An expired filter stops applying.
    await ok("PUT", `/api/v2/filters/${filter.id}`, bob, { expires_in: 60 });
    rig().clock.advance(61_000);
    assert.ok((await home(bob)).some((s: Json) => s.id === hidden.id));
    await empty("DELETE", `/api/v2/filters/${filter.id}`, bob);
  });

  test("a filter naming a status hides it by id, boosts of it included", async () => {
    const s = await post(rig(), alice, { status: "named" });
    const filter = await ok("POST", "/api/v2/filters", bob, {
      title: "this one",
      context: ["home"],
      filter_action: "hide",
    });
    await ok("POST", `/api/v2/filters/${filter.id}/statuses`, bob, { status_id: s.id });
    await runDueJobs(rig().ctx);
    assert.ok(!(await home(bob)).some((x: Json) => x.id === s.id));
    const viaStatus = await ok("GET", `/api/v1/statuses/${s.id}`, bob);
    assert.deepEqual(viaStatus.filtered[0].status_matches, [s.id]);
    await empty("DELETE", `/api/v2/filters/${filter.id}`, bob);
  });

  test("every change publishes filters_changed on the owner's home channel", async () => {
    const events: string[] = [];
    const stop = await rig().ctx.pubsub.subscribe(channels.home(ids().bob.id), (m: string) => {
      events.push(m);
    });
    const filter = await ok("POST", "/api/v2/filters", bob, { title: "ev", context: ["home"] });
    const kw = await ok("POST", `/api/v2/filters/${filter.id}/keywords`, bob, { keyword: "k" });
    await ok("PUT", `/api/v2/filters/keywords/${kw.id}`, bob, { keyword: "k2" });
    await empty("DELETE", `/api/v2/filters/${filter.id}`, bob);
    await stop();
    const changed = events.filter((e) => JSON.parse(e).event === "filters_changed");
    assert.equal(changed.length, 4);
  });
});
