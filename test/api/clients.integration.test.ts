// The instance endpoints as real clients read them: masto.js and megalodon over HTTP.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { insertRule } from "../../src/repos/rules.ts";
import { MASTODON_API_VERSION, VERSION_STRING } from "../../src/version.ts";
import { masto, megalodon } from "../rig/clients.ts";
import { describeEachDatabase, FIXED_TIME } from "../rig/index.ts";

describeEachDatabase(
  "instance through client libraries",
  (rig) => {
    before(async () => {
      const db = rig().ctx.db;
      const now = new Date(FIXED_TIME);
      await saveSetting(db, "title", "Kitchen Table", now);
      await saveSetting(db, "contact_email", "hello@example.org", now);
      await saveSetting(db, "contact_account", "alice", now);
      await saveSetting(db, "registrations", "open", now);
      await saveSetting(db, "extended_description", "Soup on Sundays.", now);
      for (const [id, position, text] of [
        ["2", 1, "No spam"],
        ["1", 0, "Be kind"],
      ] as const) {
        await insertRule(db, {
          id,
          text,
          hint: "",
          position,
          created_at: FIXED_TIME,
          updated_at: FIXED_TIME,
        });
      }
    });

    test("masto.js reads v2 instance", async () => {
      const instance = await masto(rig()).v2.instance.fetch();
      const host = new URL(rig().url).host;
      assert.equal(instance.domain, host);
      assert.equal(instance.title, "Kitchen Table");
      assert.equal(instance.version, VERSION_STRING);
      assert.equal(instance.apiVersions.mastodon, MASTODON_API_VERSION);
      // A plain-HTTP server streams over ws://.
      assert.equal(instance.configuration.urls.streaming, `ws://${host}`);
      assert.equal(instance.configuration.statuses.maxCharacters, 500);
      assert.equal(instance.configuration.polls.maxOptions, 4);
      assert.equal(instance.configuration.accounts.maxProfileFields, 4);
      assert.ok(instance.configuration.mediaAttachments.supportedMimeTypes.includes("image/png"));
      assert.equal(instance.configuration.translation.enabled, false);
      assert.equal(instance.configuration.vapid.publicKey, rig().ctx.secrets.vapidPublicKey);
      assert.equal(instance.registrations.enabled, true);
      assert.equal(instance.registrations.approvalRequired, false);
      assert.equal(instance.contact.email, "hello@example.org");
      assert.equal(instance.contact.account.username, "alice");
      assert.equal(instance.contact.account.acct, "alice");
      assert.equal(instance.usage.users.activeMonth, 3);
      assert.ok(instance.thumbnail.url.startsWith(`${rig().url}/assets/`));
      assert.equal(instance.icon.length, 9);
      assert.deepEqual(
        instance.rules.map((r) => r.text),
        ["Be kind", "No spam"],
      );
    });

    test("masto.js reads v1 instance and its sub-resources", async () => {
      const client = masto(rig());
      const instance = await client.v1.instance.fetch();
      const host = new URL(rig().url).host;
      assert.equal(instance.uri, host);
      assert.equal(instance.title, "Kitchen Table");
      assert.equal(instance.urls.streamingApi, `ws://${host}`);
      assert.deepEqual(instance.stats, { userCount: 3, statusCount: 0, domainCount: 1 });
      assert.equal(instance.registrations, true);
      assert.equal(instance.approvalRequired, false);
      assert.equal(instance.contactAccount?.username, "alice");
      assert.deepEqual(
        instance.rules?.map((r) => r.id),
        ["1", "2"],
      );
      assert.deepEqual(await client.v1.instance.peers.list(), ["remote.test"]);
      const activity = await client.v1.instance.activity.list();
      assert.equal(activity.length, 12);
      const description = await client.v1.instance.extendedDescription.fetch();
      assert.equal(description.content, "<p>Soup on Sundays.</p>");
      assert.equal(description.updatedAt, FIXED_TIME);
      assert.deepEqual(await client.v1.instance.translationLanguages.list(), {});
      assert.deepEqual(await client.v1.instance.domainBlocks.fetch(), []);
      // masto 7 types this list as strings; Mastodon (and Hearth) send {code, name}.
      const languages = (await client.v1.instance.languages.list()) as unknown as {
        code: string;
        name: string;
      }[];
      assert.ok(languages.some((l) => l.code === "en" && l.name === "English"));
    });

    test("megalodon reads v1 instance, peers and activity", async () => {
      const client = megalodon(rig());
      const instance = await client.getInstance();
      assert.equal(instance.status, 200);
      const host = new URL(rig().url).host;
      assert.equal(instance.data.uri, host);
      assert.equal(instance.data.title, "Kitchen Table");
      assert.equal(instance.data.email, "hello@example.org");
      assert.equal(instance.data.version, VERSION_STRING);
      // megalodon opens its streams at this address.
      assert.equal(instance.data.urls?.streaming_api, `ws://${host}`);
      assert.equal(instance.data.registrations, true);
      assert.equal(instance.data.configuration.statuses.max_characters, 500);
      assert.equal(instance.data.configuration.polls?.max_options, 4);
      assert.equal(instance.data.contact_account?.username, "alice");
      assert.deepEqual(
        instance.data.rules?.map((r) => r.text),
        ["Be kind", "No spam"],
      );
      assert.deepEqual((await client.getInstancePeers()).data, ["remote.test"]);
      const activity = (await client.getInstanceActivity()).data;
      assert.equal(activity.length, 12);
      assert.match(String(activity[0]?.week), /^\d+$/);
    });
  },
  { listen: true },
);
