// GET /api/v2/search and /api/v1/accounts/search: accounts ranked as Mastodon's, hashtags by
// prefix, statuses by full text under Mastodon 4.2's rule — never a private or direct post of
// someone else, never a non-indexable author's public post to a stranger — and hostile
// queries answered, not errors.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  accountRow,
  assertAuthEnforced,
  createToken,
  describeEachDatabase,
  FIXED_TIME,
} from "../rig/index.ts";
import { call, countQueries, type Json, post } from "./statuses-kit.ts";

const ids = (list: Json[]) => list.map((x: { id: string }) => x.id);
const q = (text: string) => encodeURIComponent(text);

describeEachDatabase("search", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const db = () => rig().ctx.db;
  const follow = async (from: string, to: string) => {
    await db()
      .insertInto("follows")
      .values({
        id: rig().ctx.newId(),
        account_id: from,
        target_account_id: to,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
  };
  const setIndexable = (id: string, indexable: boolean) =>
    db().updateTable("accounts").set({ indexable }).where("id", "=", id).execute();
  const statuses = async (token: string | undefined, query: string, extra = "") => {
    const res = await call(
      rig(),
      "GET",
      `/api/v2/search?type=statuses&q=${q(query)}${extra}`,
      token,
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return ids(res.body.statuses);
  };

  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
    const remote = (id: string, username: string, domain: string, extra = {}) =>
      db()
        .insertInto("accounts")
        .values(accountRow({ id, username, domain, ...extra }))
        .execute();
    await remote("900001", "alice", "far.test", { display_name: "Alice Elsewhere" });
    await remote("900002", "alicorn", "far.test", { followers_count: 50 });
    await remote("900003", "mallory", "far.test", {
      display_name: "Alice Impostor",
      suspended_at: FIXED_TIME,
    });
    await remote("900004", "liddell", "wonder.test", { display_name: "Alice Liddell" });
    // A local account whose owner never confirmed: not listed anywhere.
    await db()
      .insertInto("accounts")
      .values(accountRow({ id: "900005", username: "alicepending", domain: null }))
      .execute();
    await db()
      .insertInto("users")
      .values({
        id: "900006",
        account_id: "900005",
        email: "pending@hearth.test",
        password_hash: null,
        role: null,
        locale: "en",
        confirmed_at: null,
        last_active_at: null,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
  });

  test("auth: public without offset or resolve; accounts/search needs read:accounts", async () => {
    // The spec documents no 400 here; Mastodon's params.require answers it.
    const missing = await rig().get("/api/v2/search");
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body, { error: "param is missing or the value is empty: q" });
    const paged = await call(rig(), "GET", "/api/v2/search?q=a&type=accounts&offset=0", undefined);
    assert.equal(paged.status, 401);
    assert.deepEqual(paged.body, {
      error: "Search queries pagination is not supported without authentication",
    });
    const resolving = await call(rig(), "GET", "/api/v2/search?q=a&resolve=true", undefined);
    assert.equal(resolving.status, 401);
    // An app token is no user either.
    const app = await createToken(rig().ctx, null, "read");
    assert.equal((await call(rig(), "GET", "/api/v2/search?q=a&resolve=1", app)).status, 401);
    // (The spec documents no 403 for search.)
    const push = await createToken(rig().ctx, "alice", "push");
    const badScope = await rig().get("/api/v2/search?q=a", {
      headers: { authorization: `Bearer ${push}` },
    });
    assert.equal(badScope.status, 403);
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/accounts/search?q=alice",
      scope: "read:accounts",
    });
  });

  test("accounts: exact address first, local before remote, suspended and unconfirmed never", async () => {
    const res = await call(rig(), "GET", "/api/v2/search?q=alice&type=accounts", undefined);
    assert.equal(res.status, 200);
    const found = ids(res.body.accounts);
    const { alice: local } = rig().fixtures;
    assert.equal(found[0], local.id);
    assert.equal(found[1], "900001");
    assert.ok(!found.includes("900003"), "suspended");
    assert.ok(!found.includes("900005"), "unconfirmed");
    assert.deepEqual(res.body.statuses, []);
    assert.deepEqual(res.body.hashtags, []);

    const remoteExact = await call(rig(), "GET", `/api/v2/search?q=${q("@alice@far.test")}`, bob);
    assert.deepEqual(ids(remoteExact.body.accounts), ["900001"]);
    const ours = await call(
      rig(),
      "GET",
      `/api/v2/search?q=${q(`alice@${rig().config.domain}`)}&type=accounts`,
      bob,
    );
    assert.deepEqual(ids(ours.body.accounts), [local.id]);
    const prefix = await call(rig(), "GET", "/api/v2/search?q=alic&type=accounts", bob);
    assert.deepEqual(
      ids(prefix.body.accounts).sort(),
      [local.id, "900001", "900002", "900004"].sort(),
    );
    // A word finds display names too; the exact username still comes first.
    const word = await call(rig(), "GET", "/api/v2/search?q=alice&type=accounts", bob);
    assert.ok(ids(word.body.accounts).includes("900004"));
    assert.equal(ids(word.body.accounts)[0], local.id);
    const byName = await call(rig(), "GET", `/api/v2/search?q=${q("liddell")}`, bob);
    assert.deepEqual(ids(byName.body.accounts), ["900004"]);
    const displayWord = await call(
      rig(),
      "GET",
      `/api/v1/accounts/search?q=${q("Alice Lid")}`,
      bob,
    );
    assert.equal(displayWord.status, 200);
    assert.deepEqual(ids(displayWord.body), ["900004"]);
    const hashy = await call(rig(), "GET", `/api/v1/accounts/search?q=${q("#alice")}`, bob);
    assert.deepEqual(hashy.body, []);
  });

  test("accounts: followed ones rank up; following=true keeps only them; blocks hide", async () => {
    const { bob: b } = rig().fixtures;
    await follow(b.id, "900002");
    const ranked = await call(rig(), "GET", "/api/v1/accounts/search?q=ali", bob);
    assert.equal(ids(ranked.body)[0], "900002");
    const only = await call(rig(), "GET", "/api/v1/accounts/search?q=ali&following=true", bob);
    assert.deepEqual(ids(only.body), ["900002"]);
    const v2 = await call(rig(), "GET", "/api/v2/search?q=ali&following=true&type=accounts", bob);
    assert.deepEqual(ids(v2.body.accounts), ["900002"]);
    await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.alice.id}/block`, bob);
    const blocked = await call(rig(), "GET", "/api/v1/accounts/search?q=alice", bob);
    assert.ok(!ids(blocked.body).includes(rig().fixtures.alice.id));
    const blocker = await call(rig(), "GET", "/api/v1/accounts/search?q=bob", alice);
    assert.ok(!ids(blocker.body).includes(b.id));
    await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.alice.id}/unblock`, bob);
  });

  test("accounts: limit, offset and clamping", async () => {
    const one = await call(rig(), "GET", "/api/v1/accounts/search?q=ali&limit=1", bob);
    const two = await call(rig(), "GET", "/api/v1/accounts/search?q=ali&limit=1&offset=1", bob);
    assert.equal(one.body.length, 1);
    assert.equal(two.body.length, 1);
    assert.notEqual(one.body[0].id, two.body[0].id);
    const huge = await call(rig(), "GET", "/api/v2/search?q=ali&limit=100000", bob);
    assert.equal(huge.status, 200);
    // Mastodon's to_i: a negative or garbled offset counts as 0.
    const negative = await call(
      rig(),
      "GET",
      "/api/v1/accounts/search?q=ali&limit=1&offset=-1",
      bob,
    );
    assert.deepEqual(ids(negative.body), ids(one.body));
    const garbled = await call(rig(), "GET", "/api/v1/accounts/search?q=ali&limit=1&offset=x", bob);
    assert.deepEqual(ids(garbled.body), ids(one.body));
  });

  test("hashtags: by prefix, shortest first, with history; `#` and case ignored", async () => {
    await post(rig(), alice, { status: "#Searchable and #searchtrail and #search" });
    const res = await call(
      rig(),
      "GET",
      `/api/v2/search?q=${q("#SEARCH")}&type=hashtags`,
      undefined,
    );
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.hashtags.map((t: Json) => t.name),
      ["search", "Searchable", "searchtrail"],
    );
    assert.equal(res.body.hashtags[0].history.length, 7);
    assert.equal(res.body.hashtags[0].following, undefined);
    const signedIn = await call(rig(), "GET", "/api/v2/search?q=searcht", bob);
    assert.deepEqual(
      signedIn.body.hashtags.map((t: Json) => [t.name, t.following]),
      [["searchtrail", false]],
    );
    const paged = await call(rig(), "GET", "/api/v2/search?q=search&type=hashtags&offset=1", bob);
    assert.deepEqual(
      paged.body.hashtags.map((t: Json) => t.name),
      ["Searchable", "searchtrail"],
    );
    // Without a type, offset is ignored (Mastodon).
    const untyped = await call(rig(), "GET", "/api/v2/search?q=search&offset=2", bob);
    assert.equal(untyped.body.hashtags.length, 3);
    const reviewed = await call(
      rig(),
      "GET",
      "/api/v2/search?q=search&exclude_unreviewed=true",
      bob,
    );
    assert.deepEqual(
      reviewed.body.hashtags.map((t: Json) => t.name),
      ["search"],
    );
    const wildcard = await call(rig(), "GET", `/api/v2/search?q=${q("%")}&type=hashtags`, bob);
    assert.deepEqual(wildcard.body.hashtags, []);
    const underscore = await call(rig(), "GET", `/api/v2/search?q=${q("s_arch")}`, bob);
    assert.deepEqual(underscore.body.hashtags, []);
    const address = await call(rig(), "GET", `/api/v2/search?q=${q("search@far.test")}`, bob);
    assert.deepEqual(address.body.hashtags, []);
  });

  test("statuses: only signed-in viewers; own posts always, strangers need indexable authors", async () => {
    const { alice: a } = rig().fixtures;
    const mine = (await post(rig(), alice, { status: "The zebra crossing at noon" })).id;
    assert.deepEqual(await statuses(alice, "zebra"), [mine]);
    assert.deepEqual(await statuses(alice, "ZEBRA Crossing"), [mine]);
    assert.deepEqual(await statuses(alice, "zebra elephant"), [], "every term must match");
    const anon = await call(rig(), "GET", "/api/v2/search?q=zebra", undefined);
    assert.deepEqual(anon.body.statuses, []);
    assert.deepEqual(await statuses(bob, "zebra"), [], "alice is not indexable");
    await setIndexable(a.id, true);
    assert.deepEqual(await statuses(bob, "zebra"), [mine]);
    const anonIndexed = await call(rig(), "GET", "/api/v2/search?q=zebra", undefined);
    assert.deepEqual(anonIndexed.body.statuses, [], "statuses need a user, as Mastodon");
    await setIndexable(a.id, false);
    assert.deepEqual(await statuses(bob, "zebra"), []);
  });

  test("statuses: favourited, bookmarked, boosted, replied to or mentioned in are findable", async () => {
    const find = async (token: string, word: string) => statuses(token, word);
    const faved = (await post(rig(), alice, { status: "quokka one" })).id;
    await call(rig(), "POST", `/api/v1/statuses/${faved}/favourite`, bob);
    const marked = (await post(rig(), alice, { status: "quokka two" })).id;
    await call(rig(), "POST", `/api/v1/statuses/${marked}/bookmark`, bob);
    const boosted = (await post(rig(), alice, { status: "quokka three" })).id;
    await call(rig(), "POST", `/api/v1/statuses/${boosted}/reblog`, bob);
    const replied = (await post(rig(), alice, { status: "quokka four" })).id;
    await post(rig(), bob, { status: "nice", in_reply_to_id: replied });
    const mention = (await post(rig(), alice, { status: "quokka five @bob" })).id;
    const other = (await post(rig(), alice, { status: "quokka six" })).id;
    const found = await find(bob, "quokka");
    assert.deepEqual(found, [mention, replied, boosted, marked, faved]);
    assert.ok(!found.includes(other));
    assert.equal((await find(admin, "quokka")).length, 0);
    assert.equal((await find(alice, "quokka")).length, 6);
  });

  test("statuses: private and direct posts never reach anyone who may not see them", async () => {
    const { alice: a } = rig().fixtures;
    await setIndexable(a.id, true);
    const priv = (await post(rig(), alice, { status: "narwhal private", visibility: "private" }))
      .id;
    const direct = (await post(rig(), alice, { status: "narwhal @admin", visibility: "direct" }))
      .id;
    const unlisted = (await post(rig(), alice, { status: "narwhal quiet", visibility: "unlisted" }))
      .id;
    const open = (await post(rig(), alice, { status: "narwhal open" })).id;
    // bob is a stranger: only the public post of an indexable author.
    assert.deepEqual(await statuses(bob, "narwhal"), [open]);
    // admin is mentioned in the direct post, and interacts with the private one? No: not a follower.
    assert.deepEqual(await statuses(admin, "narwhal"), [open, direct]);
    assert.deepEqual(await statuses(alice, "narwhal"), [open, unlisted, direct, priv]);
    // A follower who favourites the private post finds it; blocked authors vanish.
    await follow(rig().fixtures.bob.id, a.id);
    await call(rig(), "POST", `/api/v1/statuses/${priv}/favourite`, bob);
    assert.deepEqual(await statuses(bob, "narwhal"), [open, priv]);
    await call(rig(), "POST", `/api/v1/accounts/${a.id}/mute`, bob);
    assert.deepEqual(await statuses(bob, "narwhal"), [], "muted author");
    await call(rig(), "POST", `/api/v1/accounts/${a.id}/unmute`, bob);
    await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.bob.id}/block`, alice);
    assert.deepEqual(await statuses(bob, "narwhal"), [], "blocked by the author");
    await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.bob.id}/unblock`, alice);
    await setIndexable(a.id, false);
  });

  test("statuses: edits and deletes keep the index in step", async () => {
    const id = (await post(rig(), alice, { status: "platypus first", spoiler_text: "ocelot" })).id;
    assert.deepEqual(await statuses(alice, "platypus"), [id]);
    assert.deepEqual(await statuses(alice, "ocelot"), [id], "the content warning is searched");
    const edited = await call(rig(), "PUT", `/api/v1/statuses/${id}`, alice, {
      status: "wombat second",
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual(await statuses(alice, "platypus"), []);
    assert.deepEqual(await statuses(alice, "wombat"), [id]);
    assert.equal((await call(rig(), "DELETE", `/api/v1/statuses/${id}`, alice)).status, 200);
    assert.deepEqual(await statuses(alice, "wombat"), []);
  });

  test("statuses: account_id, limit, offset, max_id and min_id", async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await post(rig(), bob, { status: `axolotl ${i}` })).id);
    await post(rig(), alice, { status: "axolotl alice" });
    const bobs = await statuses(bob, "axolotl", `&account_id=${rig().fixtures.bob.id}`);
    assert.deepEqual(bobs, [...made].reverse());
    assert.deepEqual(await statuses(bob, "axolotl", "&limit=1&offset=1"), [made[1]]);
    assert.deepEqual(await statuses(bob, "axolotl", `&max_id=${made[2]}`), [made[1], made[0]]);
    assert.deepEqual(await statuses(bob, "axolotl", `&min_id=${made[0]}`), [made[2], made[1]]);
    assert.deepEqual(await statuses(bob, "axolotl", "&account_id=abc"), []);
    assert.deepEqual(await statuses(bob, "axolotl", "&account_id=1"), []);
  });

  test("hostile queries are answered, never an error", async () => {
    const post1 = (await post(rig(), alice, { status: "tapir by the river" })).id;
    for (const hostile of [
      '"',
      "*",
      "(",
      ")",
      "NEAR(",
      "NEAR(tapir river)",
      "tapir*",
      '"tapir',
      "tapir OR river",
      "tapir AND NOT",
      "-tapir",
      "^tapir",
      "tapir:river",
      "{tapir}",
      "' OR 1=1 --",
      "!:&|<->",
      "\\",
      "%_",
      "\u0000",
      "x".repeat(10_000),
      "tapir ".repeat(2_000),
    ]) {
      const res = await call(rig(), "GET", `/api/v2/search?q=${q(hostile)}`, alice);
      assert.equal(res.status, 200, `${JSON.stringify(hostile.slice(0, 20))}: ${res.status}`);
      const v1 = await call(rig(), "GET", `/api/v1/accounts/search?q=${q(hostile)}`, alice);
      assert.equal(v1.status, 200);
    }
    // Operators are words like any other: `tapir*` finds the word tapir.
    assert.deepEqual(await statuses(alice, "tapir*"), [post1]);
    assert.deepEqual(await statuses(alice, "NEAR(tapir river)"), [], "near is a word here");
    assert.deepEqual(await statuses(alice, '"tapir" (river)'), [post1]);
  });

  test("a page costs the same number of queries for one result or many", async () => {
    for (let i = 0; i < 6; i++) await post(rig(), alice, { status: `capybara #capybara${i}` });
    await post(rig(), alice, { status: "lonely gecko #gecko" });
    const cost = (query: string) =>
      countQueries(rig(), () => call(rig(), "GET", `/api/v2/search?q=${q(query)}`, alice));
    assert.equal(await cost("capybara"), await cost("gecko"));
  });

  test("unknown type finds nothing; limit 0 is clamped to the default", async () => {
    const res = await call(rig(), "GET", "/api/v2/search?q=alice&type=people", bob);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { accounts: [], statuses: [], hashtags: [] });
  });

  test("resolve: a known status or account URL, only when visible", async () => {
    const open = await post(rig(), alice, { status: "resolve me" });
    const secret = await post(rig(), alice, { status: "hidden", visibility: "direct" });
    const find = (token: string, url: string) =>
      call(rig(), "GET", `/api/v2/search?q=${q(url)}&resolve=true`, token);
    const byUrl = await find(bob, open.url);
    assert.deepEqual(ids(byUrl.body.statuses), [open.id]);
    assert.deepEqual(byUrl.body.accounts, []);
    const byUri = await find(bob, open.uri);
    assert.deepEqual(ids(byUri.body.statuses), [open.id]);
    const hidden = await find(bob, secret.uri);
    assert.deepEqual(hidden.body, { accounts: [], statuses: [], hashtags: [] });
    const profile = await call(rig(), "GET", `/api/v1/accounts/${rig().fixtures.alice.id}`, bob);
    const account = await find(bob, profile.body.url);
    assert.deepEqual(ids(account.body.accounts), [rig().fixtures.alice.id]);
    const typed = await call(
      rig(),
      "GET",
      `/api/v2/search?q=${q(profile.body.url)}&resolve=true&type=statuses`,
      bob,
    );
    assert.deepEqual(typed.body.accounts, []);
    const unknown = await find(bob, "https://nowhere.test/@nobody");
    assert.deepEqual(unknown.body, { accounts: [], statuses: [], hashtags: [] });
  });
});
