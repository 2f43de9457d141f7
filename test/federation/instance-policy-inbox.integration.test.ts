// Instance domain blocks and allow-list mode as other servers meet them (src/domain/
// instance-policy.ts): fake remote servers on 127.0.0.1 (one per policy, told apart by port)
// sign what they deliver; the blocks are made through the services `hearth domain-blocks`
// calls. Each case checks the database and what a client sees.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { updateSetting } from "../../src/services/instance/update-setting.ts";
import { addInstanceDomainAllow } from "../../src/services/instance-domain-blocks/allows.ts";
import { createInstanceDomainBlock } from "../../src/services/instance-domain-blocks/create-block.ts";
import { acceptsReportsFrom } from "../../src/services/instance-domain-blocks/policy.ts";
import { removeInstanceDomainBlock } from "../../src/services/instance-domain-blocks/remove-block.ts";
import { publicStatusForStreams } from "../../src/services/streaming/stream-status.ts";
import { call, type Json } from "../api/statuses-kit.ts";
import { accountRow, createToken, describeEachDatabase, type Rig } from "../rig/index.ts";
import {
  accountByUri,
  deliverAndRun,
  fedifyJobs,
  PUBLIC,
  type Remote,
  runFedify,
  startRemote,
  statusesByUri,
} from "./inbox-kit.ts";

describeEachDatabase(
  "instance policy: the inbox",
  (rig) => {
    const remotes: Remote[] = [];
    let alice: string;
    let bob: string;
    let aliceUri: string;
    let n = 0;

    before(async () => {
      alice = await createToken(rig().ctx, "alice", "read write");
      bob = await createToken(rig().ctx, "bob", "read write");
      aliceUri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`;
    });
    after(async () => {
      for (const r of remotes) await r.close();
    });

    async function remoteWith(name: string): Promise<{ remote: Remote; actor: string }> {
      const remote = await startRemote();
      remotes.push(remote);
      return { remote, actor: await remote.addActor(name) };
    }

    function note(actor: string, extra: Json = {}): Json {
      const id = `${actor}/notes/${++n}`;
      return {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${id}/activity`,
        type: "Create",
        actor,
        to: [PUBLIC],
        object: {
          id,
          type: "Note",
          attributedTo: actor,
          content: `<p>post ${n}</p>`,
          to: [PUBLIC],
          published: "2026-01-01T00:00:00Z",
          ...extra,
        },
      };
    }

    const follow = (actor: string): Json => ({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${actor}#follows/${++n}`,
      type: "Follow",
      actor,
      object: aliceUri,
    });

    async function pairs(r: Rig, table: "follows" | "follow_requests", remoteId: string) {
      return r.ctx.db
        .selectFrom(table)
        .selectAll()
        .where((eb) =>
          eb.or([eb("account_id", "=", remoteId), eb("target_account_id", "=", remoteId)]),
        )
        .execute();
    }

    test("suspend: follows severed, posts and account hidden, nothing new accepted", async () => {
      const { ctx, fixtures } = rig();
      const { remote, actor } = await remoteWith("mallory");
      await deliverAndRun(rig(), remote, "mallory", follow(actor));
      const create = note(actor);
      await deliverAndRun(rig(), remote, "mallory", create);
      const mallory = (await accountByUri(rig(), actor))!;
      const [post] = await statusesByUri(rig(), create.object.id);
      assert.ok(post);
      // alice follows mallory back (as an accepted follow leaves it).
      await ctx.db
        .insertInto("follows")
        .values({
          id: ctx.newId(),
          account_id: fixtures.alice.id,
          target_account_id: mallory.id,
          uri: `${rig().config.baseUrl}/follows/${ctx.newId()}`,
          created_at: ctx.clock.now().toISOString(),
          updated_at: ctx.clock.now().toISOString(),
        })
        .execute();
      assert.equal((await call(rig(), "GET", `/api/v1/statuses/${post.id}`, alice)).status, 200);
      const followersBefore = (
        await call(rig(), "GET", `/api/v1/accounts/${fixtures.alice.id}`, alice)
      ).body.followers_count;

      const result = await createInstanceDomainBlock(ctx, {
        domain: remote.host,
        severity: "suspend",
      });
      assert.equal(result.type, "ok");
      assert.equal(
        (await accountByUri(rig(), actor))!.suspended_at,
        result.type === "ok" ? result.block.created_at : "",
      );
      assert.deepEqual(await pairs(rig(), "follows", mallory.id), []);
      const aliceNow = await call(rig(), "GET", `/api/v1/accounts/${fixtures.alice.id}`, alice);
      assert.equal(aliceNow.body.followers_count, followersBefore - 1);
      assert.equal((await call(rig(), "GET", `/api/v1/statuses/${post.id}`, alice)).status, 404);
      const shown = await call(rig(), "GET", `/api/v1/accounts/${mallory.id}`, alice);
      assert.equal(shown.body.suspended, true);
      const statuses = await call(rig(), "GET", `/api/v1/accounts/${mallory.id}/statuses`, alice);
      assert.deepEqual(statuses.body, []);

      // A new Create, from a known or an unknown actor of that server: 403, nothing queued.
      const receivedBefore = remote.received.length;
      const jobsBefore = (await fedifyJobs(rig())).length;
      const again = note(actor);
      assert.equal(await remote.deliver(rig(), "mallory", again), 403);
      await remote.addActor("newbie");
      const newbie = note(remote.actorUri("newbie"));
      assert.equal(await remote.deliver(rig(), "newbie", newbie), 403);
      await runFedify(rig());
      assert.equal((await fedifyJobs(rig())).length, jobsBefore);
      assert.deepEqual(await statusesByUri(rig(), again.object.id), []);
      assert.equal(await accountByUri(rig(), remote.actorUri("newbie")), undefined);
      // Nothing was sent to it either (no Accept, no Reject).
      assert.equal(remote.received.length, receivedBefore);

      // Remote lookups of the host are refused: WebFinger is never asked, nothing stored.
      const search = await call(
        rig(),
        "GET",
        `/api/v2/search?q=${encodeURIComponent(`@newbie@${remote.host}`)}&resolve=true`,
        alice,
      );
      assert.deepEqual(search.body.accounts, []);
      assert.equal(await accountByUri(rig(), remote.actorUri("newbie")), undefined);
      const byUrl = await call(
        rig(),
        "GET",
        `/api/v2/search?q=${encodeURIComponent(again.object.id)}&resolve=true`,
        alice,
      );
      assert.deepEqual(byUrl.body.statuses, []);
    });

    test("lifting a suspension clears the mark it set; severed follows stay severed", async () => {
      const { ctx } = rig();
      const evil = remotes[0]!;
      const mallory = (await accountByUri(rig(), evil.actorUri("mallory")))!;
      assert.deepEqual(await removeInstanceDomainBlock(ctx, evil.host), { type: "ok" });
      assert.equal((await accountByUri(rig(), evil.actorUri("mallory")))!.suspended_at, null);
      assert.deepEqual(await pairs(rig(), "follows", mallory.id), []);
      assert.deepEqual(await removeInstanceDomainBlock(ctx, evil.host), { type: "not-found" });
    });

    test("silence: follows become requests, posts leave public timelines of non-followers, notifications filtered", async () => {
      const { ctx, fixtures } = rig();
      const { remote, actor } = await remoteWith("quinn");
      await createInstanceDomainBlock(ctx, { domain: remote.host, severity: "silence" });
      await deliverAndRun(rig(), remote, "quinn", follow(actor));
      const quinn = (await accountByUri(rig(), actor))!;
      assert.notEqual(quinn.silenced_at, null);
      // alice is unlocked, yet quinn only asks; no Accept goes back.
      assert.equal((await pairs(rig(), "follow_requests", quinn.id)).length, 1);
      assert.equal((await pairs(rig(), "follows", quinn.id)).length, 0);
      assert.equal(remote.received.filter((a) => a.type === "Accept").length, 0);
      const shown = await call(rig(), "GET", `/api/v1/accounts/${quinn.id}`, bob);
      assert.equal(shown.body.limited, true);

      const bobUri = `${rig().config.baseUrl}/ap/users/${fixtures.bob.id}`;
      const create = note(actor, {
        content: "<p>hello @bob #policytest</p>",
        tag: [
          { type: "Hashtag", name: "#policytest", href: `${remote.base}/tags/policytest` },
          { type: "Mention", href: bobUri, name: "@bob" },
        ],
        cc: [bobUri],
      });
      await deliverAndRun(rig(), remote, "quinn", create);
      await runDueJobs(ctx);
      const [post] = await statusesByUri(rig(), create.object.id);
      assert.ok(post);
      const ids = (r: { body: Json[] }) => r.body.map((s: Json) => s.id);
      for (const path of ["/api/v1/timelines/public", "/api/v1/timelines/tag/policytest"]) {
        assert.ok(!ids(await call(rig(), "GET", path, bob)).includes(post.id), path);
        assert.ok(!ids(await call(rig(), "GET", path, undefined)).includes(post.id), path);
      }
      // Not broadcast on the public and hashtag streams either.
      assert.equal(await publicStatusForStreams(ctx, post.id, [fixtures.bob.id]), undefined);
      const found = await call(rig(), "GET", "/api/v2/search?q=quinn&type=accounts", bob);
      assert.ok(!found.body.accounts.some((a: Json) => a.id === quinn.id));
      // The post itself stays readable, and followers see it in public timelines too.
      assert.equal((await call(rig(), "GET", `/api/v1/statuses/${post.id}`, bob)).status, 200);
      await ctx.db
        .insertInto("follows")
        .values({
          id: ctx.newId(),
          account_id: fixtures.alice.id,
          target_account_id: quinn.id,
          uri: `${rig().config.baseUrl}/follows/${ctx.newId()}`,
          created_at: ctx.clock.now().toISOString(),
          updated_at: ctx.clock.now().toISOString(),
        })
        .execute();
      assert.ok(ids(await call(rig(), "GET", "/api/v1/timelines/public", alice)).includes(post.id));
      // bob does not follow quinn: the mention waits among notification requests.
      const notes = await call(rig(), "GET", "/api/v1/notifications", bob);
      assert.ok(!notes.body.some((x: Json) => x.account.id === quinn.id));
      const requests = await call(rig(), "GET", "/api/v1/notifications/requests", bob);
      assert.ok(requests.body.some((r: Json) => r.account.id === quinn.id));
    });

    test("an Announce from a federating server of a suspended server's post stores nothing", async () => {
      const { ctx } = rig();
      const [evil, quiet] = [remotes[0]!, remotes[1]!];
      await createInstanceDomainBlock(ctx, { domain: evil.host, severity: "suspend" });
      const mallory = evil.actorUri("mallory");
      const id = `${mallory}/notes/boosted`;
      evil.objects.set("/users/mallory/notes/boosted", {
        "@context": "https://www.w3.org/ns/activitystreams",
        id,
        type: "Note",
        attributedTo: mallory,
        content: "<p>from a suspended server</p>",
        to: [PUBLIC],
      });
      const quinn = quiet.actorUri("quinn");
      await deliverAndRun(rig(), quiet, "quinn", {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${quinn}#announces/${++n}`,
        type: "Announce",
        actor: quinn,
        object: id,
        to: [PUBLIC],
      });
      assert.deepEqual(await statusesByUri(rig(), id), []);
    });

    test("reject_media: attachments kept as links of unknown type, no pictures; reject_reports", async () => {
      const { ctx } = rig();
      const remote = await startRemote();
      remotes.push(remote);
      const actor = await remote.addActor("mia", {
        icon: { type: "Image", mediaType: "image/png", url: "http://127.0.0.1:9/avatar.png" },
      });
      const block = await createInstanceDomainBlock(ctx, {
        domain: remote.host,
        severity: "noop",
        rejectMedia: true,
      });
      assert.equal(block.type, "ok");
      const create = note(actor, {
        attachment: [
          {
            type: "Document",
            mediaType: "image/png",
            url: `${remote.base}/media/1.png`,
            name: "a cow",
          },
        ],
      });
      await deliverAndRun(rig(), remote, "mia", create);
      const [post] = await statusesByUri(rig(), create.object.id);
      assert.ok(post);
      const shown = await call(rig(), "GET", `/api/v1/statuses/${post.id}`, alice);
      assert.equal(shown.body.media_attachments[0].type, "unknown");
      assert.equal(shown.body.media_attachments[0].remote_url, `${remote.base}/media/1.png`);
      assert.equal(shown.body.account.limited, false);
      assert.doesNotMatch(shown.body.account.avatar, /127\.0\.0\.1:9/);
      // Reports: accepted unless reject_reports (or the server is cut off).
      assert.equal(await acceptsReportsFrom(ctx, remote.host), true);
      await createInstanceDomainBlock(ctx, {
        domain: "reports.example",
        rejectReports: true,
        severity: "noop",
      });
      assert.equal(await acceptsReportsFrom(ctx, "reports.example"), false);
      assert.equal(await acceptsReportsFrom(ctx, "sub.reports.example"), false);
      assert.equal(await acceptsReportsFrom(ctx, remotes[1]!.host), true);
      assert.equal(await acceptsReportsFrom(ctx, remotes[0]!.host), false, "suspended");
    });

    test("allow-list mode: only allowed servers are heard", async () => {
      const { ctx } = rig();
      const { remote, actor } = await remoteWith("fran");
      assert.equal((await updateSetting(ctx, "federation_mode", "allowlist")).type, "ok");
      try {
        const first = note(actor);
        assert.equal(await remote.deliver(rig(), "fran", first), 403);
        assert.equal(await accountByUri(rig(), actor), undefined);
        const allowed = await addInstanceDomainAllow(ctx, remote.host);
        assert.deepEqual(allowed, { type: "ok", domain: remote.host, created: true });
        const second = note(actor);
        await deliverAndRun(rig(), remote, "fran", second);
        assert.equal((await statusesByUri(rig(), second.object.id)).length, 1);
      } finally {
        await updateSetting(ctx, "federation_mode", "open");
      }
    });

    test("a block covers subdomains and ports; a port block only that port; our own name is refused", async () => {
      const { ctx } = rig();
      const domains = ["evil.example", "sub.evil.example", "evil.example:8443", "notevil.example"];
      for (const [i, domain] of domains.entries())
        await ctx.db
          .insertInto("accounts")
          .values(
            accountRow({ id: String(9_000_000 + i), username: `u${i}`, domain, fields: "[]" }),
          )
          .execute();
      await createInstanceDomainBlock(ctx, { domain: "Evil.Example", severity: "silence" });
      const rows = await ctx.db
        .selectFrom("accounts")
        .select(["domain", "silenced_at"])
        .where("domain", "in", domains)
        .orderBy("id")
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.domain, r.silenced_at !== null]),
        [
          ["evil.example", true],
          ["sub.evil.example", true],
          ["evil.example:8443", true],
          ["notevil.example", false],
        ],
      );
      for (const bad of ["", "not a domain", "evil", rig().config.domain, "127.0.0.1"]) {
        const r = await createInstanceDomainBlock(ctx, { domain: bad, severity: "suspend" });
        assert.equal(r.type, "invalid", bad);
      }
      const wrong = await createInstanceDomainBlock(ctx, { domain: "x.example", severity: "ban" });
      assert.equal(wrong.type, "invalid");
      const long = await createInstanceDomainBlock(ctx, {
        domain: "x.example",
        publicComment: "x".repeat(1001),
      });
      assert.equal(long.type, "invalid");
      const twice = await createInstanceDomainBlock(ctx, { domain: "evil.example" });
      assert.equal(twice.type, "exists");
    });

    test("GET /api/v1/instance/domain_blocks: user-facing blocks, obfuscated, with digests", async () => {
      const { ctx } = rig();
      await createInstanceDomainBlock(ctx, {
        domain: "dajiaweibo.com",
        severity: "suspend",
        obfuscate: true,
        publicComment: "Spam",
        privateComment: "staff only",
      });
      const res = await call(rig(), "GET", "/api/v1/instance/domain_blocks", undefined);
      assert.equal(res.status, 200);
      const listed = res.body.find((b: Json) => b.domain === "daji******.com");
      assert.deepEqual(listed, {
        domain: "daji******.com",
        digest: "3752f63a7079d60c2de5dceb8bd7608e86a15544eb78a494a482041c3684b37f",
        severity: "suspend",
        comment: "Spam",
      });
      assert.ok(!JSON.stringify(res.body).includes("staff only"));
      // A noop without reject_media limits nothing people would notice: not listed.
      assert.ok(!res.body.some((b: Json) => b.domain === "reports.example"));
      assert.ok(
        res.body.some((b: Json) => b.domain === "evil.example" && b.severity === "silence"),
      );
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
