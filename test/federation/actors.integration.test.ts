// ActivityPub faces of local accounts through Fedify: actor documents, keys, WebFinger, the
// instance actor, content negotiation with the HTML routes, collections and post objects.
import assert from "node:assert/strict";
import { createPublicKey } from "node:crypto";
import { before, test } from "node:test";
import { call, type Json, post } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase, type Rig } from "../rig/index.ts";

const AP = { accept: "application/activity+json" };
const BROWSER = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };

async function ap(rig: Rig, path: string) {
  const res = await rig.get<Json>(path, { headers: AP });
  return res;
}

describeEachDatabase("federation actors", (rig) => {
  let alice: string;
  let bob: string;
  let aliceIri: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    aliceIri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`;
  });

  test("the actor IRI serves a Person with the fields Mastodon reads", async () => {
    const { fixtures, config, ctx } = rig();
    await ctx.db
      .updateTable("accounts")
      .set({
        note: "<p>Hello</p>",
        fields: JSON.stringify([
          { name: "Site", value: '<a href="https://a.example">a.example</a>', verified_at: null },
        ]),
        locked: true,
        discoverable: true,
      })
      .where("id", "=", fixtures.alice.id)
      .execute();
    const res = await ap(rig(), `/ap/users/${fixtures.alice.id}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /application\/activity\+json/);
    const actor = res.body;
    assert.equal(actor.id, aliceIri);
    assert.equal(actor.type, "Person");
    assert.equal(actor.preferredUsername, "alice");
    assert.equal(actor.name, "Alice");
    assert.equal(actor.summary, "<p>Hello</p>");
    assert.equal(actor.url, `${config.baseUrl}/@alice`);
    assert.equal(actor.manuallyApprovesFollowers, true);
    assert.equal(actor.discoverable, true);
    assert.equal(actor.indexable, false);
    assert.equal(actor.published, "2025-02-01T00:00:00Z");
    for (const [key, path] of [
      ["inbox", "/inbox"],
      ["outbox", "/outbox"],
      ["followers", "/followers"],
      ["following", "/following"],
      ["featured", "/collections/featured"],
      ["featuredTags", "/collections/tags"],
    ] as const)
      assert.equal(actor[key], `${aliceIri}${path}`, key);
    assert.equal(actor.endpoints.sharedInbox, `${config.baseUrl}/inbox`);
    assert.deepEqual([actor.attachment].flat(), [
      {
        type: "PropertyValue",
        name: "Site",
        value: '<a href="https://a.example">a.example</a>',
      },
    ]);
    assert.equal(actor.publicKey.id, `${aliceIri}#main-key`);
    assert.equal(actor.publicKey.owner, aliceIri);
    const key = createPublicKey(actor.publicKey.publicKeyPem);
    assert.equal(key.asymmetricKeyType, "rsa");
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(actor.assertionMethod.length, 2, "RSA and Ed25519 as Multikeys");
    assert.ok(actor.assertionMethod.some((k: Json) => k.publicKeyMultibase.startsWith("z6Mk")));
    // Mastodon's terms are in the context (toot:, schema: PropertyValue).
    assert.ok(JSON.stringify(actor["@context"]).includes("http://joinmastodon.org/ns#"));
  });

  test("keys are made once and stay: same PEM on every fetch, private keys sealed", async () => {
    const { fixtures, ctx } = rig();
    const first = (await ap(rig(), `/ap/users/${fixtures.alice.id}`)).body.publicKey.publicKeyPem;
    const second = (await ap(rig(), `/ap/users/${fixtures.alice.id}`)).body.publicKey.publicKeyPem;
    assert.equal(first, second);
    const rows = await ctx.db
      .selectFrom("account_keys")
      .selectAll()
      .where("account_id", "=", fixtures.alice.id)
      .execute();
    assert.deepEqual(rows.map((r) => r.type).sort(), ["ed25519", "rsa"]);
    for (const row of rows) {
      assert.match(row.private_key, /^v1\./, "sealed with the secret box");
      assert.ok(!row.private_key.includes('"d"'));
    }
  });

  test("a bot is a Service", async () => {
    const { fixtures, ctx } = rig();
    await ctx.db
      .updateTable("accounts")
      .set({ bot: true })
      .where("id", "=", fixtures.bob.id)
      .execute();
    assert.equal((await ap(rig(), `/ap/users/${fixtures.bob.id}`)).body.type, "Service");
    await ctx.db
      .updateTable("accounts")
      .set({ bot: false })
      .where("id", "=", fixtures.bob.id)
      .execute();
  });

  test("servers at /@alice and /users/alice are sent to the IRI; browsers get the page", async () => {
    for (const path of ["/@alice", "/users/alice", "/users/ALICE"]) {
      const res = await rig().request(path, { headers: AP });
      assert.equal(res.status, 301, path);
      assert.equal(res.headers.get("location"), aliceIri, path);
    }
    const page = await rig().get("/@alice", { headers: BROWSER });
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    assert.match(page.text, /@alice@hearth\.test/);
    const users = await rig().request("/users/alice", { headers: BROWSER });
    assert.equal(users.status, 301);
    assert.equal(users.headers.get("location"), "/@alice");
    const iri = await rig().request(`/ap/users/${rig().fixtures.alice.id}`, { headers: BROWSER });
    assert.equal(iri.status, 302);
    assert.equal(iri.headers.get("location"), "/@alice");
    assert.equal((await rig().request("/@nobody", { headers: AP })).status, 404);
    assert.equal((await rig().request("/ap/users/1", { headers: AP })).status, 404);
    assert.equal((await rig().request("/ap/users/carol", { headers: AP })).status, 404);
    // A remote account is not ours to serve.
    assert.equal((await ap(rig(), `/ap/users/${rig().fixtures.carol.id}`)).status, 404);
  });

  test("WebFinger: acct: both ways, the profile URL as resource, aliases", async () => {
    const { config } = rig();
    for (const resource of [
      "acct:alice@hearth.test",
      "acct:ALICE@HEARTH.TEST",
      `${config.baseUrl}/@alice`,
      `${config.baseUrl}/users/alice`,
      aliceIri,
    ]) {
      const res = await rig().get<Json>(
        `/.well-known/webfinger?resource=${encodeURIComponent(resource)}`,
      );
      assert.equal(res.status, 200, resource);
      assert.match(res.headers.get("content-type") ?? "", /application\/jrd\+json/);
      const self = res.body.links.find((l: Json) => l.rel === "self");
      assert.equal(self.href, aliceIri, resource);
      assert.equal(self.type, "application/activity+json");
      assert.ok(res.body.aliases.includes(`${config.baseUrl}/@alice`), resource);
      const profile = res.body.links.find(
        (l: Json) => l.rel === "http://webfinger.net/rel/profile-page",
      );
      assert.equal(profile.href, `${config.baseUrl}/@alice`);
    }
    const acct = await rig().get<Json>("/.well-known/webfinger?resource=acct:alice@hearth.test");
    assert.equal(acct.body.subject, "acct:alice@hearth.test");
    assert.ok(acct.body.aliases.includes(aliceIri));
    // From the actor back to its address: the actor's preferredUsername @ our domain.
    const actor = (await ap(rig(), `/ap/users/${rig().fixtures.alice.id}`)).body;
    const back = await rig().get<Json>(
      `/.well-known/webfinger?resource=acct:${actor.preferredUsername}@${config.domain}`,
    );
    assert.equal(back.body.links.find((l: Json) => l.rel === "self").href, actor.id);
  });

  test("WebFinger: unknown, remote and malformed resources are refused", async () => {
    for (const resource of [
      "acct:nobody@hearth.test",
      "acct:carol@remote.test",
      "acct:alice@remote.test",
      "https://remote.test/@alice",
    ]) {
      const res = await rig().get(
        `/.well-known/webfinger?resource=${encodeURIComponent(resource)}`,
      );
      assert.equal(res.status, 404, resource);
    }
    assert.equal((await rig().get("/.well-known/webfinger")).status, 400);
  });

  test("the instance actor: an Application at /actor, unsigned fetch, acct:domain@domain", async () => {
    const { config } = rig();
    const res = await ap(rig(), "/actor");
    assert.equal(res.status, 200);
    assert.equal(res.body.type, "Application");
    assert.equal(res.body.id, `${config.baseUrl}/actor`);
    assert.equal(res.body.preferredUsername, "hearth.test");
    assert.ok(createPublicKey(res.body.publicKey.publicKeyPem));
    assert.equal(res.body.publicKey.id, `${config.baseUrl}/actor#main-key`);
    const again = await ap(rig(), "/actor");
    assert.equal(again.body.publicKey.publicKeyPem, res.body.publicKey.publicKeyPem);
    const wf = await rig().get<Json>(
      "/.well-known/webfinger?resource=acct:hearth.test@hearth.test",
    );
    assert.equal(wf.status, 200);
    assert.equal(wf.body.links.find((l: Json) => l.rel === "self").href, `${config.baseUrl}/actor`);
    const keys = await rig()
      .ctx.db.selectFrom("account_keys")
      .select("type")
      .where("account_id", "is", null)
      .execute();
    assert.equal(keys.length, 2);
  });

  test("followers and following: totals, a first page of actor URIs, hide_collections", async () => {
    const { fixtures, ctx, config } = rig();
    await ctx.db
      .updateTable("accounts")
      .set({ locked: false })
      .where("id", "=", fixtures.alice.id)
      .execute();
    assert.equal(
      (await call(rig(), "POST", `/api/v1/accounts/${fixtures.alice.id}/follow`, bob)).status,
      200,
    );
    await ctx.db
      .insertInto("follows")
      .values({
        id: ctx.newId(),
        account_id: fixtures.carol.id,
        target_account_id: fixtures.alice.id,
        uri: "https://remote.test/follows/1",
        created_at: "2026-01-01T12:00:00.000Z",
        updated_at: "2026-01-01T12:00:00.000Z",
      })
      .execute();
    await ctx.db
      .updateTable("accounts")
      .set((eb) => ({ followers_count: eb("followers_count", "+", 1) }))
      .where("id", "=", fixtures.alice.id)
      .execute();
    const followers = await ap(rig(), `/ap/users/${fixtures.alice.id}/followers`);
    assert.equal(followers.status, 200);
    assert.equal(followers.body.type, "OrderedCollection");
    assert.equal(followers.body.totalItems, 2);
    const page = await ap(
      rig(),
      new URL(followers.body.first).pathname + new URL(followers.body.first).search,
    );
    assert.equal(page.status, 200);
    assert.equal(page.body.type, "OrderedCollectionPage");
    assert.deepEqual(page.body.orderedItems, [
      "https://remote.test/users/carol",
      `${config.baseUrl}/ap/users/${fixtures.bob.id}`,
    ]);
    const following = await ap(rig(), `/ap/users/${fixtures.bob.id}/following`);
    assert.equal(following.body.totalItems, 1);

    await ctx.db
      .updateTable("accounts")
      .set({ hide_collections: true })
      .where("id", "=", fixtures.alice.id)
      .execute();
    const hidden = await ap(rig(), `/ap/users/${fixtures.alice.id}/followers`);
    assert.equal(hidden.status, 200);
    assert.equal(hidden.body.totalItems, 2);
    assert.equal(hidden.body.first, undefined);
    assert.ok(!JSON.stringify(hidden.body).includes("carol"));
    const tried = await ap(rig(), `/ap/users/${fixtures.alice.id}/followers?cursor=first`);
    assert.ok(!tried.text.includes("carol"), "no page of a hidden collection");
    assert.notEqual(tried.status, 200);
    await ctx.db
      .updateTable("accounts")
      .set({ hide_collections: false })
      .where("id", "=", fixtures.alice.id)
      .execute();
  });

  test("outbox: public and unlisted posts as Create, paged; posts as Notes", async () => {
    const { fixtures, config } = rig();
    const pub = await post(rig(), alice, { status: "hello #fediverse", visibility: "public" });
    const unlisted = await post(rig(), alice, { status: "quiet", visibility: "unlisted" });
    const priv = await post(rig(), alice, { status: "secret", visibility: "private" });
    const outbox = await ap(rig(), `/ap/users/${fixtures.alice.id}/outbox`);
    assert.equal(outbox.status, 200);
    assert.equal(outbox.body.totalItems, 3);
    const first = new URL(outbox.body.first);
    const page = await ap(rig(), first.pathname + first.search);
    const ids = page.body.orderedItems.map((a: Json) => a.object.id);
    assert.deepEqual(ids, [unlisted.uri, pub.uri]);
    const create = page.body.orderedItems[1];
    assert.equal(create.type, "Create");
    assert.equal(create.id, `${pub.uri}/activity`);
    assert.equal(create.actor, aliceIri);
    assert.equal(create.object.type, "Note");
    assert.deepEqual(create.object.to, "as:Public");
    assert.match(create.object.content, /hello/);
    assert.ok(
      [create.object.tag].flat().some((t: Json) => t.type === "Hashtag" && t.name === "#fediverse"),
    );
    assert.equal(page.body.orderedItems[0].object.cc, "as:Public");

    const note = await ap(rig(), new URL(pub.uri).pathname);
    assert.equal(note.status, 200);
    assert.equal(note.body.id, pub.uri);
    assert.equal(note.body.attributedTo, aliceIri);
    assert.equal(note.body.url, `${config.baseUrl}/@alice/${pub.id}`);
    assert.equal((await ap(rig(), new URL(priv.uri).pathname)).status, 404);
    // A browser at a post's IRI is sent to its page; a private post stays unknown.
    const browser = await rig().request(new URL(pub.uri).pathname, { headers: BROWSER });
    assert.equal(browser.status, 302);
    assert.equal(browser.headers.get("location"), `${config.baseUrl}/@alice/${pub.id}`);
    const hidden = await rig().request(new URL(priv.uri).pathname, { headers: BROWSER });
    assert.equal(hidden.status, 404);
    assert.equal((await ap(rig(), "/ap/statuses/123")).status, 404);
  });

  test("featured: pinned public posts as Notes", async () => {
    const { fixtures } = rig();
    const s = await post(rig(), alice, { status: "pin me" });
    assert.equal((await call(rig(), "POST", `/api/v1/statuses/${s.id}/pin`, alice)).status, 200);
    const featured = await ap(rig(), `/ap/users/${fixtures.alice.id}/collections/featured`);
    assert.equal(featured.status, 200);
    assert.equal(featured.body.totalItems ?? featured.body.orderedItems.length, 1);
    const items = featured.body.orderedItems ?? [featured.body.orderedItem];
    assert.equal(items[0].id, s.uri);
  });

  test("suspended and deleted accounts are gone (410); unconfirmed sign-ups do not exist", async () => {
    const { fixtures, ctx } = rig();
    await ctx.db
      .updateTable("accounts")
      .set({ suspended_at: "2026-01-01T12:00:00.000Z" })
      .where("id", "=", fixtures.bob.id)
      .execute();
    const gone = await ap(rig(), `/ap/users/${fixtures.bob.id}`);
    assert.equal(gone.status, 410);
    assert.ok(!gone.text.includes("publicKey"));
    const wf = await rig().get("/.well-known/webfinger?resource=acct:bob@hearth.test");
    assert.equal(wf.status, 410);
    assert.equal((await ap(rig(), `/ap/users/${fixtures.bob.id}/outbox`)).status, 404);
    assert.equal((await rig().request("/@bob", { headers: BROWSER })).status, 410);
    await ctx.db
      .updateTable("accounts")
      .set({ suspended_at: null })
      .where("id", "=", fixtures.bob.id)
      .execute();

    await ctx.db
      .updateTable("users")
      .set({ confirmed_at: null })
      .where("account_id", "=", fixtures.bob.id)
      .execute();
    assert.equal((await ap(rig(), `/ap/users/${fixtures.bob.id}`)).status, 404);
    assert.equal(
      (await rig().get("/.well-known/webfinger?resource=acct:bob@hearth.test")).status,
      404,
    );
    assert.equal((await rig().request("/@bob", { headers: BROWSER })).status, 404);
    assert.equal((await rig().request("/users/bob", { headers: AP })).status, 404);
    await ctx.db
      .updateTable("users")
      .set({ confirmed_at: "2025-03-01T00:00:00.000Z", approved: false })
      .where("account_id", "=", fixtures.bob.id)
      .execute();
    assert.equal((await ap(rig(), `/ap/users/${fixtures.bob.id}`)).status, 404);
    await ctx.db
      .updateTable("users")
      .set({ approved: true })
      .where("account_id", "=", fixtures.bob.id)
      .execute();
    assert.equal((await ap(rig(), `/ap/users/${fixtures.bob.id}`)).status, 200);
  });

  test("inboxes refuse unsigned activities and queue nothing", async () => {
    const activity = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: "https://remote.test/follows/x",
      type: "Follow",
      actor: "https://remote.test/users/carol",
      object: aliceIri,
    };
    for (const path of ["/inbox", `/ap/users/${rig().fixtures.alice.id}/inbox`]) {
      const res = await rig().send("POST", path, activity, {
        headers: { "content-type": "application/activity+json" },
      });
      assert.equal(res.status, 401, path);
    }
    const jobs = await rig()
      .ctx.db.selectFrom("jobs")
      .select("id")
      .where("queue", "=", "fedify")
      .execute();
    assert.equal(jobs.length, 0);
  });

  test("NodeInfo and host-meta still answer once, from our routes", async () => {
    assert.equal((await rig().get("/.well-known/nodeinfo")).status, 200);
    assert.equal((await rig().get("/nodeinfo/2.0")).status, 200);
    assert.equal((await rig().get("/.well-known/host-meta")).status, 200);
    assert.equal((await rig().get("/api/v1/instance")).status, 200);
  });
});
