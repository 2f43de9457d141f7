// Our actors as another Fedify server sees them, over real HTTP: WebFinger lookup of a profile
// URL, the actor document parsed by Fedify's vocabulary, and a request signed with the stored
// private key verified against the public key the actor publishes (the pair matches).
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { importJwk, signRequest, verifyRequest } from "@fedify/fedify";
import { Application, Emoji, lookupObject, Person } from "@fedify/vocab";
import { getDocumentLoader } from "@fedify/vocab-runtime";
import { lookupWebFinger } from "@fedify/webfinger";
import { getActorKeys } from "../../src/services/federation/actor-keys.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

// The rig listens on 127.0.0.1: a peer must be allowed to fetch from loopback (tests only).
const documentLoader = getDocumentLoader({ allowPrivateAddress: true });

describeEachDatabase(
  "federation interop over HTTP",
  (rig) => {
    let iri: string;
    before(async () => {
      const { ctx, fixtures, config } = rig();
      iri = `${config.baseUrl}/ap/users/${fixtures.alice.id}`;
      const at = ctx.clock.now().toISOString();
      await ctx.db
        .insertInto("custom_emojis")
        .values({
          id: ctx.newId(),
          shortcode: "hearth",
          uri: `${config.baseUrl}/emojis/1`,
          image_key: "emoji/hearth.png",
          static_key: "emoji/hearth.png",
          created_at: at,
          updated_at: at,
        })
        .execute();
      await ctx.db
        .updateTable("accounts")
        .set({ display_name: "Alice :hearth:" })
        .where("id", "=", fixtures.alice.id)
        .execute();
    });

    test("WebFinger lookup of the profile URL finds the actor", async () => {
      const jrd = await lookupWebFinger(`${rig().url}/@alice`, { allowPrivateAddress: true });
      assert.ok(jrd !== null);
      assert.equal(jrd.subject, `${rig().url}/@alice`);
      assert.ok(jrd.aliases?.includes(`acct:alice@${rig().config.domain}`));
      const self = jrd.links?.find((l) => l.rel === "self");
      assert.equal(self?.href, iri);
    });

    test("the actor parses as a Person with keys, collections and emoji", async () => {
      const actor = await lookupObject(iri, { documentLoader });
      assert.ok(actor instanceof Person);
      assert.equal(actor.id?.href, iri);
      assert.equal(actor.preferredUsername, "alice");
      assert.equal(actor.inboxId?.href, `${iri}/inbox`);
      assert.equal(actor.endpoints?.sharedInbox?.href, `${rig().url}/inbox`);
      const key = await actor.getPublicKey({ documentLoader });
      assert.equal(key?.ownerId?.href, iri);
      const tags = [];
      for await (const tag of actor.getTags({ documentLoader })) tags.push(tag);
      const emoji = tags.find((t) => t instanceof Emoji);
      assert.ok(emoji instanceof Emoji);
      assert.equal(emoji.name?.toString(), ":hearth:");
      const followers = await actor.getFollowers({ documentLoader });
      assert.equal(followers?.totalItems, 0);
      const instance = await lookupObject(`${rig().url}/actor`, { documentLoader });
      assert.ok(instance instanceof Application);
    });

    test("a request signed with the stored key verifies against the published one", async () => {
      const { ctx, fixtures } = rig();
      const [rsa] = await getActorKeys(ctx, fixtures.alice.id);
      assert.equal(rsa?.type, "rsa");
      const privateKey = await importJwk(rsa!.privateKey, "private");
      const signed = await signRequest(
        new Request(`${rig().url}/inbox`, { method: "POST", body: "{}" }),
        privateKey,
        new URL(`${iri}#main-key`),
      );
      const key = await verifyRequest(signed, { documentLoader, contextLoader: documentLoader });
      assert.equal(key?.id?.href, `${iri}#main-key`);
      // The instance actor's key pair matches too.
      const [instanceRsa] = await getActorKeys(ctx, null);
      const instanceSigned = await signRequest(
        new Request(`${rig().url}/inbox`, { method: "POST", body: "{}" }),
        await importJwk(instanceRsa!.privateKey, "private"),
        new URL(`${rig().url}/actor#main-key`),
      );
      const instanceKey = await verifyRequest(instanceSigned, {
        documentLoader,
        contextLoader: documentLoader,
      });
      assert.equal(instanceKey?.ownerId?.href, `${rig().url}/actor`);
    });

    test("what a Mastodon app sees (masto.js) points at what servers are served", async () => {
      const client = masto(rig(), await createToken(rig().ctx, "bob", "read write"));
      const account = await client.v1.accounts.lookup({ acct: "alice" });
      // masto.js does not type `uri` (Mastodon 4.2+), but passes it through.
      assert.equal((account as unknown as { uri: string }).uri, iri);
      // The profile URL an app shows sends servers to the same actor.
      const res = await fetch(account.url!, {
        headers: { accept: "application/activity+json" },
        redirect: "manual",
      });
      assert.equal(res.status, 301);
      assert.equal(res.headers.get("location"), iri);
      // A post's uri is the Note servers fetch.
      const status = await client.v1.statuses.create({ status: "over the wire :hearth:" });
      const note = await lookupObject(status.uri, { documentLoader });
      assert.equal(note?.id?.href, status.uri);
      assert.equal(note?.attributionId?.href, `${rig().url}/ap/users/${rig().fixtures.bob.id}`);
      const tags = [];
      for await (const tag of note!.getTags({ documentLoader })) tags.push(tag);
      assert.ok(tags.some((t) => t instanceof Emoji && t.name?.toString() === ":hearth:"));
    });
  },
  { listen: true },
);
