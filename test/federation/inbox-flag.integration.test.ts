// Incoming Flag: a report filed by the sending actor (a remote instance actor, as Mastodon
// sends them) against our accounts it names, with the named posts of each; Lemmy's Flag of a
// post alone reports the post's author. Foreign objects are ignored, a redelivery files
// nothing new, and a server whose domain block has reject_reports is not heard. Moderators
// see the report in an `admin.report` notification (spec-checked).
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { createInstanceDomainBlock } from "../../src/services/instance-domain-blocks/create-block.ts";
import { call, post, settle } from "../api/notifications-kit.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { AS, accountByUri, deliverAndRun, fixture, type Remote, startRemote } from "./inbox-kit.ts";

describeEachDatabase(
  "inbox Flag",
  (rig) => {
    let remote: Remote;
    let bob = "";
    let admin = "";
    let instanceActor = "";
    const reports = () => rig().ctx.db.selectFrom("reports").selectAll().orderBy("id").execute();
    const statusUri = async (id: string) =>
      (
        await rig()
          .ctx.db.selectFrom("statuses")
          .select("uri")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).uri;
    const actorIri = (id: string) => `${rig().config.baseUrl}/ap/users/${id}`;

    before(async () => {
      remote = await startRemote();
      instanceActor = await remote.addActor("relay.example", { type: "Application" });
      bob = await createToken(rig().ctx, "bob", "read write");
      admin = await createToken(rig().ctx, "admin", "read");
    });
    after(async () => {
      await remote.close();
    });
    beforeEach(async () => {
      await settle(rig());
      await rig().ctx.db.deleteFrom("notifications").execute();
      await rig().ctx.db.deleteFrom("reports").execute();
    });

    test("a Mastodon-style Flag becomes a report by the sending actor", async () => {
      const s = await post(rig(), bob, { status: "a reported post" });
      const flag = {
        "@context": AS,
        id: `${remote.base}/flags/1`,
        type: "Flag",
        actor: instanceActor,
        content: "Spam from your server",
        object: [
          actorIri(rig().fixtures.bob.id),
          await statusUri(s.id),
          `${remote.base}/statuses/elsewhere`,
        ],
      };
      await deliverAndRun(rig(), remote, "relay.example", flag);
      const [row, ...rest] = await reports();
      assert.equal(rest.length, 0);
      const reporter = await accountByUri(rig(), instanceActor);
      assert.equal(String(row?.account_id), String(reporter?.id));
      assert.equal(String(row?.target_account_id), rig().fixtures.bob.id);
      assert.deepEqual(row?.status_ids.map(String), [s.id]);
      assert.equal(row?.comment, "Spam from your server");
      assert.equal(row?.category, "other");
      assert.equal(row?.uri, flag.id);
      // Delivered again (another attempt of the sender's queue): still one report.
      await deliverAndRun(rig(), remote, "relay.example", flag);
      assert.equal((await reports()).length, 1);
      await settle(rig());
      const res = await call(rig(), "GET", "/api/v1/notifications", admin);
      assert.equal(res.status, 200);
      const [n] = res.body as {
        type: string;
        account: { id: string };
        report: { id: string; target_account: { id: string }; status_ids: string[] };
      }[];
      assert.equal(n?.type, "admin.report");
      assert.equal(n?.account.id, String(reporter?.id));
      assert.equal(n?.report.id, String(row?.id));
      assert.equal(n?.report.target_account.id, rig().fixtures.bob.id);
      assert.deepEqual(n?.report.status_ids, [s.id]);
    });

    test("Lemmy's Flag of a post reports its author", async () => {
      const s = await post(rig(), bob, { status: "a post lemmy flags" });
      const reporter = await remote.addActor("lemmy_alpha");
      const flag = fixture("lemmy/flag-report-page.json", {
        "http://ds9.lemmy.ml/u/lemmy_alpha": reporter,
        "http://enterprise.lemmy.ml/post/7": await statusUri(s.id),
        "http://ds9.lemmy.ml": remote.base,
        "http://enterprise.lemmy.ml": remote.base,
      });
      // Lemmy's recorded asset leaves out the @context its server sends on the wire.
      await deliverAndRun(rig(), remote, "lemmy_alpha", { "@context": AS, ...flag });
      const [row, ...rest] = await reports();
      assert.equal(rest.length, 0);
      assert.equal(String(row?.target_account_id), rig().fixtures.bob.id);
      assert.deepEqual(row?.status_ids.map(String), [s.id]);
      assert.equal(row?.comment, "report this post");
    });

    test("a Flag naming nothing of ours files nothing", async () => {
      await deliverAndRun(rig(), remote, "relay.example", {
        "@context": AS,
        id: `${remote.base}/flags/2`,
        type: "Flag",
        actor: instanceActor,
        object: [instanceActor, `${remote.base}/statuses/1`, `${rig().config.baseUrl}/nope`],
      });
      assert.deepEqual(await reports(), []);
    });

    test("reject_reports: a blocked server's Flags are not heard", async () => {
      const blocked = await createInstanceDomainBlock(rig().ctx, {
        domain: remote.host,
        severity: "noop",
        rejectReports: true,
      });
      assert.equal(blocked.type, "ok", JSON.stringify(blocked));
      await deliverAndRun(rig(), remote, "relay.example", {
        "@context": AS,
        id: `${remote.base}/flags/3`,
        type: "Flag",
        actor: instanceActor,
        object: actorIri(rig().fixtures.bob.id),
      });
      assert.deepEqual(await reports(), []);
      await settle(rig());
      const res = await call(rig(), "GET", "/api/v1/notifications", admin);
      assert.deepEqual(res.body, []);
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
