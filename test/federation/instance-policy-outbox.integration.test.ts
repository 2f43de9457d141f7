// The federation policy on the way out and on GETs: deliveries skip servers we do not
// federate with, authorized fetch (unsigned 401, signed 200, a blocked server's signature
// 403; actors minimal when unsigned), and a suspended local account (410, Delete(actor) to its
// remote followers). A fake remote records what we POST (outbox-kit); signed GETs are made
// here with a key the fake actor publishes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { signRequest } from "@fedify/fedify";
import { deliverableRecipients } from "../../src/federation/outbox/unavailable.ts";
import {
  suspendLocalAccount,
  unsuspendLocalAccount,
} from "../../src/services/accounts/suspend-account.ts";
import { enqueueDelivery } from "../../src/services/federation/enqueue-delivery.ts";
import { updateSetting } from "../../src/services/instance/update-setting.ts";
import { addInstanceDomainAllow } from "../../src/services/instance-domain-blocks/allows.ts";
import { createInstanceDomainBlock } from "../../src/services/instance-domain-blocks/create-block.ts";
import { removeInstanceDomainBlock } from "../../src/services/instance-domain-blocks/remove-block.ts";
import { post } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase, type Rig } from "../rig/index.ts";
import { type Remote, startRemote as startSigningRemote } from "./inbox-kit.ts";
import {
  flushDeliveries,
  PRIVATE_FEDERATION,
  pointCarolAt,
  type RemoteServer,
  remoteFollows,
  startRemote,
} from "./outbox-kit.ts";

const AP = "application/activity+json";

async function pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey("spki", key)).toString("base64");
  return `-----BEGIN PUBLIC KEY-----\n${der.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----\n`;
}

describeEachDatabase(
  "instance policy: deliveries and fetches",
  (rig) => {
    let remote: RemoteServer;
    let signer: Remote;
    let keys: CryptoKeyPair;
    let keyId: string;
    let alice: string;

    before(async () => {
      remote = await startRemote();
      await pointCarolAt(rig(), remote);
      await remoteFollows(rig(), rig().fixtures.carol.id, rig().fixtures.alice.id);
      alice = await createToken(rig().ctx, "alice", "read write");
      signer = await startSigningRemote();
      keys = (await crypto.subtle.generateKey(
        {
          name: "RSASSA-PKCS1-v1_5",
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: "SHA-256",
        },
        true,
        ["sign", "verify"],
      )) as CryptoKeyPair;
      const actor = signer.actorUri("sig");
      keyId = `${actor}#main-key`;
      await signer.addActor("sig", {
        publicKey: { id: keyId, owner: actor, publicKeyPem: await pem(keys.publicKey) },
      });
    });
    after(async () => {
      await remote.close();
      await signer.close();
    });

    const creates = () => remote.received.filter((r) => r.body?.type === "Create");

    async function get(r: Rig, path: string, signed: boolean) {
      let headers = new Headers({ accept: AP });
      if (signed) {
        const request = new Request(`${r.config.baseUrl}${path}`, { headers });
        headers = (await signRequest(request, keys.privateKey, new URL(keyId))).headers;
      }
      const res = await r.request(path, { headers });
      const text = await res.text();
      return { status: res.status, json: text.startsWith("{") ? JSON.parse(text) : null };
    }

    test("deliveries skip servers the policy cuts off (suspended, or not allowed)", async () => {
      const { ctx } = rig();
      await post(rig(), alice, { status: "one", visibility: "public" });
      await flushDeliveries(rig());
      assert.equal(creates().length, 1);

      assert.equal((await updateSetting(ctx, "federation_mode", "allowlist")).type, "ok");
      await post(rig(), alice, { status: "two", visibility: "public" });
      await flushDeliveries(rig());
      assert.equal(creates().length, 1, "nothing to a server not on the allow-list");
      await addInstanceDomainAllow(ctx, remote.host);
      await post(rig(), alice, { status: "three", visibility: "public" });
      await flushDeliveries(rig());
      assert.equal(creates().length, 2);
      await updateSetting(ctx, "federation_mode", "open");

      // The inbox's host is suspended (carol's account is known under another domain).
      await createInstanceDomainBlock(ctx, { domain: remote.host, severity: "suspend" });
      await post(rig(), alice, { status: "four", visibility: "public" });
      await flushDeliveries(rig());
      assert.equal(creates().length, 2, "nothing to a suspended server");
      const recipient = {
        id: new URL(`${remote.url}/users/x`),
        inboxId: new URL(`${remote.url}/inbox`),
      };
      assert.deepEqual(await deliverableRecipients(ctx, [recipient]), []);
      await removeInstanceDomainBlock(ctx, remote.host);
      assert.equal((await deliverableRecipients(ctx, [recipient])).length, 1);
    });

    test("authorized fetch: unsigned GETs 401, signed 200, a blocked server's 403", async () => {
      const { ctx, fixtures } = rig();
      const status = await post(rig(), alice, { status: "secure", visibility: "public" });
      const note = `/ap/statuses/${status.id}`;
      const actor = `/ap/users/${fixtures.alice.id}`;
      assert.equal((await get(rig(), note, false)).status, 200, "off by default");
      assert.equal((await updateSetting(ctx, "authorized_fetch", "true")).type, "ok");
      try {
        assert.equal((await get(rig(), note, false)).status, 401);
        assert.equal((await get(rig(), `${actor}/followers`, false)).status, 401);
        assert.equal((await get(rig(), `${actor}/outbox`, false)).status, 401);
        const signed = await get(rig(), note, true);
        assert.equal(signed.status, 200);
        assert.equal(signed.json.content, "<p>secure</p>");
        assert.equal((await get(rig(), `${actor}/followers`, true)).status, 200);

        // The actor stays fetchable unsigned, with only what verifying a signature needs.
        const minimal = await get(rig(), actor, false);
        assert.equal(minimal.status, 200);
        assert.ok(minimal.json.publicKey);
        assert.ok(minimal.json.inbox);
        assert.equal(minimal.json.preferredUsername, "alice");
        for (const hidden of ["name", "summary", "followers", "following", "icon"])
          assert.equal(minimal.json[hidden], undefined, hidden);
        const whole = await get(rig(), actor, true);
        assert.ok(whole.json.followers);
        // The instance actor is always whole: two servers in secure mode must reach each other.
        const instance = await get(rig(), "/actor", false);
        assert.equal(instance.status, 200);
        assert.ok(instance.json.publicKey);

        await createInstanceDomainBlock(ctx, { domain: signer.host, severity: "suspend" });
        assert.equal((await get(rig(), note, true)).status, 403);
        assert.equal((await get(rig(), actor, true)).status, 403);
        await removeInstanceDomainBlock(ctx, signer.host);
        assert.equal((await get(rig(), note, true)).status, 200);
      } finally {
        await updateSetting(ctx, "authorized_fetch", "false");
      }
      assert.equal((await get(rig(), note, false)).status, 200);
    });

    test("a suspended local account answers 410 and its remote followers get Delete(actor)", async () => {
      const { ctx, fixtures } = rig();
      await remoteFollows(rig(), fixtures.carol.id, fixtures.bob.id);
      const actor = `/ap/users/${fixtures.bob.id}`;
      assert.equal((await get(rig(), actor, false)).status, 200);
      await flushDeliveries(rig()); // what earlier cases posted
      const before = remote.received.length;
      const result = await suspendLocalAccount(ctx, "bob");
      assert.equal(result.type, "ok");
      if (result.type !== "ok") return;
      await enqueueDelivery(ctx, "account", result.accountId, result.federate);
      await flushDeliveries(rig());
      const sent = remote.received.slice(before);
      assert.equal(sent.length, 1);
      const bobUri = `${rig().config.baseUrl}${actor}`;
      assert.equal(sent[0]!.body.type, "Delete");
      assert.equal(sent[0]!.body.actor, bobUri);
      assert.equal(sent[0]!.body.object, bobUri);
      // Signed with bob's stored key (his actor is gone, so receivers check it the way they
      // check any Delete of a gone actor: by fetching it and getting 410).
      const { signature, "signature-input": input } = sent[0]!.headers;
      assert.match(`${input} ${signature}`, new RegExp(`keyid="${bobUri}#main-key"`, "i"));
      assert.equal((await get(rig(), actor, false)).status, 410);
      assert.equal((await suspendLocalAccount(ctx, "bob")).type, "unchanged");
      assert.equal((await suspendLocalAccount(ctx, "nobody")).type, "not-found");
      assert.equal((await unsuspendLocalAccount(ctx, "bob")).type, "ok");
      assert.equal((await get(rig(), actor, false)).status, 200);
    });
  },
  { env: PRIVATE_FEDERATION },
);
