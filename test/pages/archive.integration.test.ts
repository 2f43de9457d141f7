// "Request your archive": the settings action, the `account.archive` job, the zip (outbox.json
// with the owner's posts of every visibility as Create activities with Mastodon's addressing,
// actor.json, likes.json, bookmarks.json), the weekly limit, owner-only download, expiry.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { jobHandlers, recurringJobs } from "../../src/jobs/handlers.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { type CookieJar, inputValue, setPassword } from "../api/oauth-kit.ts";
import { lastMail } from "../api/registrations-kit.ts";
import { upload } from "../api/status-edits-kit.ts";
import { post } from "../api/statuses-kit.ts";
import { readZip } from "../api/zip-reader.ts";
import { blob, pngImage } from "../media/fixtures.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { go, LOOPBACK, signedIn } from "./settings-kit.ts";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const DAY = 24 * 60 * 60 * 1000;
type Obj = Record<string, unknown>;
// Fedify compacts the public collection to `as:Public` (the same JSON-LD term; Mastodon reads it).
const list = (v: unknown): unknown[] =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((x) => (x === "as:Public" ? PUBLIC : x));

describeEachDatabase("settings: account archive", (rig) => {
  let alice: CookieJar;
  let bob: CookieJar;
  let aliceToken: string;
  let bobToken: string;
  before(async () => {
    await setPassword(rig(), "alice");
    await setPassword(rig(), "bob");
    alice = await signedIn(rig(), rig().fixtures.alice.user);
    bob = await signedIn(rig(), rig().fixtures.bob.user);
    aliceToken = await createToken(rig().ctx, "alice");
    bobToken = await createToken(rig().ctx, "bob");
  });

  async function requestArchive(jar: CookieJar, csrf = true) {
    const page = await go(rig(), jar, "/settings/import");
    assert.equal(page.status, 200);
    assert.match(page.text, /Request archive/);
    const token = csrf ? inputValue(page.text, "authenticity_token") : "wrong";
    return go(rig(), jar, "/settings/import/archive", { authenticity_token: token });
  }

  async function download(jar?: CookieJar) {
    const res = await rig().request("/settings/exports/archive", {
      headers: jar?.header() ?? {},
      ip: LOOPBACK,
    });
    return { res, body: new Uint8Array(await res.arrayBuffer()) };
  }

  const archiveRows = (accountId: string) =>
    rig()
      .ctx.db.selectFrom("account_archives")
      .selectAll()
      .where("account_id", "=", accountId)
      .execute();

  test("needs a session and the CSRF token", async () => {
    assert.equal((await download()).res.status, 302);
    const forged = await requestArchive(alice, false);
    assert.equal(forged.status, 403);
    assert.deepEqual(await archiveRows(rig().fixtures.alice.id), []);
  });

  test("the archive holds the owner's posts of every visibility, likes and bookmarks", async () => {
    const { alice: a, bob: b } = rig().fixtures;
    const media = await upload(rig(), aliceToken, "a red square");
    const avatar = new FormData();
    avatar.set("avatar", blob(await pngImage(64, 64), "image/png"), "me.png");
    const profile = await rig().send("PATCH", "/api/v1/accounts/update_credentials", avatar, {
      headers: { authorization: `Bearer ${aliceToken}` },
    });
    assert.equal(profile.status, 200, profile.text);
    const pub = await post(rig(), aliceToken, {
      status: "public one",
      visibility: "public",
      media_ids: [media.id],
    });
    const unl = await post(rig(), aliceToken, { status: "unlisted one", visibility: "unlisted" });
    const priv = await post(rig(), aliceToken, { status: "private one", visibility: "private" });
    const dm = await post(rig(), aliceToken, { status: "@bob direct one", visibility: "direct" });
    const bobs = await post(rig(), bobToken, { status: "bob's own", visibility: "public" });
    for (const action of ["favourite", "bookmark"])
      await rig().send("POST", `/api/v1/statuses/${bobs.id}/${action}`, undefined, {
        headers: { authorization: `Bearer ${aliceToken}` },
      });

    const res = await requestArchive(alice);
    assert.equal(res.status, 200, res.text);
    assert.match(res.text, /being prepared/);
    assert.equal((await download(alice)).res.status, 404, "not built yet");
    await runDueJobs(rig().ctx);

    const [row] = await archiveRows(a.id);
    assert.ok(row?.file_key?.startsWith("private/archives/"), "a private storage key");
    const served = await rig().request(`/system/${row?.file_key}`, { ip: LOOPBACK });
    assert.equal(served.status, 404, "never served by /system");

    const mail = lastMail(rig());
    assert.equal(mail.to, a.user.email);
    assert.match(mail.text, /\/settings\/exports\/archive/);

    const { res: got, body } = await download(alice);
    assert.equal(got.status, 200);
    assert.equal(got.headers.get("content-type"), "application/zip");
    assert.match(got.headers.get("content-disposition") ?? "", /attachment; filename="archive-/);
    const files = new Map(readZip(body).map((e) => [e.name, e.data]));
    for (const name of ["outbox.json", "actor.json", "likes.json", "bookmarks.json"])
      assert.ok(files.has(name), name);

    const outbox = JSON.parse(String(files.get("outbox.json"))) as Obj;
    assert.equal(outbox.type, "OrderedCollection");
    const items = outbox.orderedItems as Obj[];
    assert.equal(outbox.totalItems, 4);
    const byText = (text: string) => {
      const item = items.find((i) => String((i.object as Obj).content).includes(text));
      assert.ok(item, text);
      assert.equal(item.type, "Create");
      return item;
    };
    const actorUri = `${rig().config.baseUrl}/ap/users/${a.id}`;
    const followers = `${actorUri}/followers`;
    const bobUri = `${rig().config.baseUrl}/ap/users/${b.id}`;
    const p = byText("public one");
    assert.equal(p.actor, actorUri);
    assert.deepEqual(list(p.to), [PUBLIC]);
    assert.deepEqual(list(p.cc), [followers]);
    const u = byText("unlisted one");
    assert.deepEqual(list(u.to), [followers]);
    assert.deepEqual(list(u.cc), [PUBLIC]);
    const pr = byText("private one");
    assert.deepEqual(list(pr.to), [followers]);
    assert.deepEqual(list(pr.cc), []);
    const d = byText("direct one");
    assert.deepEqual(list(d.to), [bobUri]);
    assert.deepEqual(list(d.cc), []);
    for (const [item, status] of [
      [p, pub],
      [u, unl],
      [pr, priv],
      [d, dm],
    ] as const)
      assert.equal((item.object as Obj).id, status.uri);
    assert.ok(!items.some((i) => JSON.stringify(i).includes("bob's own")), "no one else's posts");

    const actor = JSON.parse(String(files.get("actor.json"))) as Obj;
    assert.equal(actor.id, actorUri);
    assert.equal(actor.preferredUsername, "alice");
    assert.equal(actor.outbox, "outbox.json");
    assert.equal(actor.likes, "likes.json");
    assert.equal((actor.icon as Obj).url, "avatar.png", "the avatar inside the zip");
    assert.ok(files.get("avatar.png")?.byteLength, "avatar stored");

    // The upload, at its storage key, which the Note's attachment now names (as Mastodon).
    const [mediaRow] = await rig()
      .ctx.db.selectFrom("media_attachments")
      .select("file_key")
      .where("id", "=", String(media.id))
      .execute();
    const key = mediaRow?.file_key ?? "";
    assert.match(key, /^media_attachments\/files\//);
    const stored = await rig().ctx.storage.get(key);
    assert.deepEqual(new Uint8Array(files.get(key) ?? []), stored?.body);
    const attachments = list((p.object as Obj).attachment) as Obj[];
    assert.equal(attachments.length, 1);
    assert.equal(attachments[0]?.url, key);
    assert.equal(attachments[0]?.name, "a red square");
    for (const name of ["likes.json", "bookmarks.json"]) {
      const doc = JSON.parse(String(files.get(name))) as Obj;
      assert.equal(doc.type, "OrderedCollection");
      assert.deepEqual(doc.orderedItems, [bobs.uri], name);
    }
  });

  test("one archive a week; the owner alone downloads it; removed after a week", async () => {
    const { alice: a, bob: b } = rig().fixtures;
    const again = await requestArchive(alice);
    assert.equal(again.status, 429);
    assert.match(again.text, /once every seven days/);
    assert.equal((await archiveRows(a.id)).length, 1, "no second request stored");

    // Bob has none: he cannot reach Alice's.
    assert.equal((await download(bob)).res.status, 404);
    assert.equal((await requestArchive(bob)).status, 200, "the limit is per account");
    await runDueJobs(rig().ctx);
    const actorOf = async (jar: CookieJar) => {
      const { res, body } = await download(jar);
      assert.equal(res.status, 200);
      const actor = readZip(body).find((e) => e.name === "actor.json");
      return (JSON.parse(String(actor?.data)) as Obj).preferredUsername;
    };
    assert.equal(await actorOf(bob), "bob", "each downloads only their own");
    assert.equal(await actorOf(alice), "alice");

    rig().clock.advance(6 * DAY);
    assert.equal((await requestArchive(alice)).status, 429, "six days on, still too soon");
    const [aliceRow] = await archiveRows(a.id);
    const key = aliceRow?.file_key ?? "";
    assert.ok(await rig().ctx.storage.get(key));

    rig().clock.advance(DAY + 60_000);
    await jobHandlers["account.archive-cleanup"].run(rig().ctx, {});
    assert.deepEqual(await archiveRows(a.id), [], "expired archive removed");
    assert.deepEqual(await archiveRows(b.id), []);
    assert.equal(await rig().ctx.storage.get(key), undefined, "and its file");
    assert.equal((await download(alice)).res.status, 404);
    assert.equal((await requestArchive(alice)).status, 200, "a week later, again");
    assert.ok(
      recurringJobs.some((r) => r.type === "account.archive-cleanup"),
      "the cleanup recurs",
    );
  });
});
