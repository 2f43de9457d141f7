// Add/Remove on a remote actor's `featured` collection: its pinned posts, shown by
// `GET /api/v1/accounts/:id/statuses?pinned=true`. Only the sender's own collection and posts.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { call, type Json } from "../api/statuses-kit.ts";
import { assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";
import {
  AS,
  accountByUri,
  deliverAndRun,
  PUBLIC,
  type Remote,
  startRemote,
  statusesByUri,
} from "./inbox-kit.ts";

const CONTEXT = [
  AS,
  "https://w3id.org/security/v1",
  { toot: "http://joinmastodon.org/ns#", featured: { "@id": "toot:featured", "@type": "@id" } },
];

describeEachDatabase(
  "inbox featured collection",
  (rig) => {
    let remote: Remote;
    let alice: string;
    before(async () => {
      remote = await startRemote();
      alice = await createToken(rig().ctx, "alice", "read write");
    });
    after(async () => {
      await remote.close();
    });

    const withFeatured = (name: string) => ({
      "@context": CONTEXT,
      featured: `${remote.actorUri(name)}/collections/featured`,
    });

    async function pinned(uri: string): Promise<string[]> {
      const account = await accountByUri(rig(), uri);
      assert.ok(account !== undefined);
      const res = await call(
        rig(),
        "GET",
        `/api/v1/accounts/${account.id}/statuses?pinned=true`,
        alice,
      );
      assert.equal(res.status, 200);
      assertSpec("GET", "/api/v1/accounts/{id}/statuses", 200, res.body);
      return (res.body as unknown as Json[]).map((s) => s.uri as string);
    }

    const note = (id: string, author: string, to = [PUBLIC]): Json => ({
      "@context": AS,
      id,
      type: "Note",
      attributedTo: author,
      to,
      content: "<p>pin me</p>",
    });

    test("Add pins the sender's post (fetched when unknown); Remove unpins it", async () => {
      const gail = await remote.addActor("gail", withFeatured("gail"));
      const featured = `${gail}/collections/featured`;
      const postUri = `${gail}/notes/pinned`;
      remote.objects.set(new URL(postUri).pathname, note(postUri, gail));
      const change = (type: string, n: number, object = postUri, target = featured): Json => ({
        "@context": AS,
        id: `${gail}#${type}/${n}`,
        type,
        actor: gail,
        object,
        target,
      });
      await deliverAndRun(rig(), remote, "gail", change("Add", 1));
      assert.deepEqual(await pinned(gail), [postUri]);
      await deliverAndRun(rig(), remote, "gail", change("Add", 2));
      assert.deepEqual(await pinned(gail), [postUri]);
      await deliverAndRun(rig(), remote, "gail", change("Remove", 3));
      assert.deepEqual(await pinned(gail), []);
      // Another collection as target: ignored.
      await deliverAndRun(rig(), remote, "gail", change("Add", 4, postUri, `${gail}/other`));
      assert.deepEqual(await pinned(gail), []);
    });

    test("nobody pins another's post, a private post, or into another's collection", async () => {
      const hank = await remote.addActor("hank", withFeatured("hank"));
      const ivy = await remote.addActor("ivy", withFeatured("ivy"));
      const ivysPost = `${ivy}/notes/1`;
      remote.objects.set(new URL(ivysPost).pathname, note(ivysPost, ivy));
      const secret = `${hank}/notes/secret`;
      remote.objects.set(new URL(secret).pathname, note(secret, hank, [`${hank}/followers`]));
      const add = (n: number, object: string, target: string): Json => ({
        "@context": AS,
        id: `${hank}#add/${n}`,
        type: "Add",
        actor: hank,
        object,
        target,
      });
      await deliverAndRun(rig(), remote, "hank", add(1, ivysPost, `${hank}/collections/featured`));
      await deliverAndRun(rig(), remote, "hank", add(2, ivysPost, `${ivy}/collections/featured`));
      await deliverAndRun(rig(), remote, "hank", add(3, secret, `${hank}/collections/featured`));
      assert.deepEqual(await pinned(hank), []);
      assert.deepEqual(await pinned(ivy), []);
      const rows = await rig().ctx.db.selectFrom("status_pins").selectAll().execute();
      const [ivyRow] = await statusesByUri(rig(), ivysPost);
      assert.ok(!rows.some((r) => String(r.status_id) === String(ivyRow?.id)));
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
