// GET /api/v1/instance and /api/v2/instance: every field, and settings showing up in them.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { createLocalAccount } from "../../src/services/accounts/create-local-account.ts";
import { forgetInstanceStats } from "../../src/services/instance/get-instance-info.ts";
import { MASTODON_API_VERSION, SOURCE_URL, VERSION_STRING } from "../../src/version.ts";
import {
  accountRow,
  assertSpec,
  describeEachDatabase,
  FIXED_TIME,
  type Rig,
} from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
type Json = any;

/**
 * The spec types the contact address as `format: email`, but with none set Mastodon (and
 * Hearth) send "" (test/fixtures/PROVENANCE.md). Validate everything else with a stand-in.
 */
function specWithoutEmail(path: string, body: Json): void {
  const copy = structuredClone(body);
  if (copy.email === "") copy.email = "stand-in@hearth.test";
  if (copy.contact?.email === "") copy.contact.email = "stand-in@hearth.test";
  assertSpec("GET", path, 200, copy);
}

async function getV1(rig: Rig): Promise<Json> {
  const res = await rig.get("/api/v1/instance");
  assert.equal(res.status, 200);
  specWithoutEmail("/api/v1/instance", res.body);
  return res.body;
}

async function getV2(rig: Rig): Promise<Json> {
  const res = await rig.get("/api/v2/instance");
  assert.equal(res.status, 200);
  specWithoutEmail("/api/v2/instance", res.body);
  return res.body;
}

const at = (iso: string) => new Date(iso);

describeEachDatabase("instance documents", (rig) => {
  beforeEach(async () => {
    await rig().ctx.db.deleteFrom("instance_settings").execute();
  });

  test("v2 with default settings", async () => {
    const res = await rig().get("/api/v2/instance");
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal(res.headers.get("cache-control"), "public, max-age=180");
    const body = await getV2(rig());
    assert.equal(body.domain, "hearth.test");
    assert.equal(body.title, "Hearth");
    assert.equal(body.version, VERSION_STRING);
    assert.equal(body.source_url, SOURCE_URL);
    assert.equal(body.description, "A small, friendly corner of the fediverse.");
    // The rig's three local users were all active at FIXED_TIME.
    assert.deepEqual(body.usage, { users: { active_month: 3 } });
    assert.deepEqual(body.languages, ["en"]);
    assert.deepEqual(body.api_versions, { mastodon: MASTODON_API_VERSION });
    assert.equal(body.wrapstodon, null);
    assert.deepEqual(body.rules, []);
    assert.deepEqual(body.contact, { email: "", account: null });
    assert.deepEqual(body.registrations, {
      enabled: true,
      approval_required: true,
      message: null,
      url: null,
      min_age: null,
      reason_required: false,
    });
  });

  test("v2 thumbnail and icons point at the shipped images", async () => {
    const body = await getV2(rig());
    const asset = /^https:\/\/hearth\.test\/assets\/[0-9a-f]{16}\//;
    assert.match(body.thumbnail.url, asset);
    assert.match(body.thumbnail.url, /\/images\/preview\.png$/);
    assert.equal(body.thumbnail.versions["@1x"], body.thumbnail.url);
    assert.match(body.thumbnail.versions["@2x"], /\/images\/preview@2x\.png$/);
    assert.equal(typeof body.thumbnail.blurhash, "string");
    assert.deepEqual(
      body.icon.map((i: Json) => i.size),
      ["36x36", "48x48", "72x72", "96x96", "144x144", "192x192", "256x256", "384x384", "512x512"],
    );
    for (const icon of body.icon) {
      assert.match(icon.src, asset);
      assert.ok(icon.src.endsWith(`/icons/android-chrome-${icon.size}.png`), icon.src);
    }
  });

  test("v2 configuration advertises the limits and URLs", async () => {
    const { configuration: c } = await getV2(rig());
    assert.deepEqual(c.urls, {
      streaming: "wss://hearth.test",
      status: null,
      about: "https://hearth.test/about",
      privacy_policy: "https://hearth.test/privacy-policy",
      terms_of_service: null,
    });
    assert.deepEqual(c.vapid, { public_key: rig().ctx.secrets.vapidPublicKey });
    assert.deepEqual(c.accounts, {
      max_featured_tags: 10,
      max_pinned_statuses: 5,
      max_display_name_length: 30,
      max_note_length: 500,
      max_profile_fields: 4,
      profile_field_name_limit: 255,
      profile_field_value_limit: 255,
      max_avatar_description_length: 150,
      max_header_description_length: 150,
    });
    assert.deepEqual(c.statuses, {
      max_characters: 500,
      max_media_attachments: 4,
      characters_reserved_per_url: 23,
    });
    const media = c.media_attachments;
    for (const type of ["image/jpeg", "image/png", "image/gif", "image/heic", "image/heif"])
      assert.ok(media.supported_mime_types.includes(type), type);
    for (const type of ["image/webp", "image/avif", "video/mp4", "video/webm", "audio/mpeg"])
      assert.ok(media.supported_mime_types.includes(type), type);
    assert.equal(new Set(media.supported_mime_types).size, media.supported_mime_types.length);
    assert.equal(media.description_limit, 1500);
    assert.equal(media.image_size_limit, 16777216);
    assert.equal(media.image_matrix_limit, 33177600);
    assert.equal(media.video_size_limit, 103809024);
    assert.equal(media.video_frame_rate_limit, 120);
    assert.equal(media.video_matrix_limit, 8294400);
    assert.deepEqual(c.polls, {
      max_options: 4,
      max_characters_per_option: 50,
      min_expiration: 300,
      max_expiration: 2629746,
    });
    assert.deepEqual(c.translation, { enabled: false });
    const pub = { local: "public", remote: "public" };
    assert.deepEqual(c.timelines_access, {
      live_feeds: pub,
      hashtag_feeds: pub,
      trending_link_feeds: pub,
    });
    assert.equal(c.limited_federation, false);
  });

  test("v1 with default settings", async () => {
    const body = await getV1(rig());
    assert.equal(body.uri, "hearth.test");
    assert.equal(body.title, "Hearth");
    assert.equal(body.short_description, "A small, friendly corner of the fediverse.");
    assert.equal(body.description, body.short_description);
    assert.equal(body.email, "");
    assert.equal(body.version, VERSION_STRING);
    assert.deepEqual(body.urls, { streaming_api: "wss://hearth.test" });
    // Three local users, no posts yet, one other server (carol@remote.test).
    assert.deepEqual(body.stats, { user_count: 3, status_count: 0, domain_count: 1 });
    assert.match(
      body.thumbnail,
      /^https:\/\/hearth\.test\/assets\/[0-9a-f]{16}\/images\/preview\.png$/,
    );
    assert.deepEqual(body.languages, ["en"]);
    assert.equal(body.registrations, true);
    assert.equal(body.approval_required, true);
    assert.equal(body.invites_enabled, false);
    assert.equal(body.contact_account, null);
    assert.deepEqual(body.rules, []);
    // The same limits as v2, in v1's smaller shape.
    const v2 = await getV2(rig());
    assert.deepEqual(body.configuration.accounts, { max_featured_tags: 10 });
    assert.deepEqual(body.configuration.statuses, v2.configuration.statuses);
    assert.deepEqual(body.configuration.polls, v2.configuration.polls);
    const { description_limit: _, ...v2Media } = v2.configuration.media_attachments;
    assert.deepEqual(body.configuration.media_attachments, v2Media);
  });

  test("changed settings show up in both versions", async () => {
    const db = rig().ctx.db;
    const now = at(FIXED_TIME);
    await saveSetting(db, "title", "Kitchen Table", now);
    await saveSetting(db, "description", "Soup & <stories>", now);
    await saveSetting(db, "contact_email", "hello@hearth.test", now);
    await saveSetting(db, "languages", ["de", "en"], now);
    await saveSetting(db, "status_page_url", "https://status.hearth.test/", now);
    const v2 = await rig().get<Json>("/api/v2/instance");
    assertSpec("GET", "/api/v2/instance", 200, v2.body);
    assert.equal(v2.body.title, "Kitchen Table");
    // Plain text in JSON: clients escape it themselves.
    assert.equal(v2.body.description, "Soup & <stories>");
    assert.equal(v2.body.contact.email, "hello@hearth.test");
    assert.deepEqual(v2.body.languages, ["de", "en"]);
    assert.equal(v2.body.configuration.urls.status, "https://status.hearth.test/");
    const v1 = await rig().get<Json>("/api/v1/instance");
    assertSpec("GET", "/api/v1/instance", 200, v1.body);
    assert.equal(v1.body.title, "Kitchen Table");
    assert.equal(v1.body.short_description, "Soup & <stories>");
    assert.equal(v1.body.email, "hello@hearth.test");
    assert.deepEqual(v1.body.languages, ["de", "en"]);
  });

  test("registration modes: open, approval, closed", async () => {
    const cases = [
      { mode: "open", enabled: true, approval: false },
      { mode: "approval", enabled: true, approval: true },
      { mode: "closed", enabled: false, approval: false },
    ] as const;
    for (const { mode, enabled, approval } of cases) {
      await saveSetting(rig().ctx.db, "registrations", mode, at(FIXED_TIME));
      const v2 = await getV2(rig());
      assert.equal(v2.registrations.enabled, enabled, mode);
      assert.equal(v2.registrations.approval_required, approval, mode);
      const v1 = await getV1(rig());
      assert.equal(v1.registrations, enabled, mode);
      assert.equal(v1.approval_required, approval, mode);
    }
  });

  test("the registrations message is shown, as HTML, only while sign-ups are closed", async () => {
    const db = rig().ctx.db;
    await saveSetting(
      db,
      "registrations_message",
      "Full for now.\n\nAsk <us> & wait",
      at(FIXED_TIME),
    );
    await saveSetting(db, "registrations", "open", at(FIXED_TIME));
    assert.equal((await getV2(rig())).registrations.message, null);
    await saveSetting(db, "registrations", "closed", at(FIXED_TIME));
    assert.equal(
      (await getV2(rig())).registrations.message,
      "<p>Full for now.</p><p>Ask &lt;us&gt; &amp; wait</p>",
    );
  });

  test("stats count local users, their posts and the servers we know", async () => {
    const db = rig().ctx.db;
    const { alice, bob } = rig().fixtures;
    await db
      .updateTable("accounts")
      .set({ statuses_count: 7 })
      .where("id", "=", alice.id)
      .execute();
    await db
      .insertInto("accounts")
      // Remote posts are not ours: the 100 must not count.
      .values(accountRow({ id: "1", username: "dave", domain: "Other.Test", statuses_count: 100 }))
      .execute();
    await db
      .updateTable("users")
      .set({ disabled: true })
      .where("account_id", "=", bob.id)
      .execute();
    // Counts are cached for a minute; these rows were written behind the services' back.
    forgetInstanceStats(rig().ctx);
    try {
      const v1 = await getV1(rig());
      assert.deepEqual(v1.stats, { user_count: 2, status_count: 7, domain_count: 2 });
      assert.equal((await getV2(rig())).usage.users.active_month, 2);
    } finally {
      await db
        .updateTable("users")
        .set({ disabled: false })
        .where("account_id", "=", bob.id)
        .execute();
      await db
        .updateTable("accounts")
        .set({ statuses_count: 0 })
        .where("id", "=", alice.id)
        .execute();
      await db.deleteFrom("accounts").where("id", "=", "1").execute();
    }
  });

  test("counts are kept a minute, and a new local account shows at once", async () => {
    forgetInstanceStats(rig().ctx);
    const before = (await getV1(rig())).stats.user_count;
    // Written behind the services' back: still the cached count within the minute.
    await rig()
      .ctx.db.updateTable("users")
      .set({ disabled: true })
      .where("account_id", "=", rig().fixtures.bob.id)
      .execute();
    try {
      assert.equal((await getV1(rig())).stats.user_count, before);
      rig().clock.advance(60_001);
      assert.equal((await getV1(rig())).stats.user_count, before - 1);
      const created = await createLocalAccount(rig().ctx, {
        username: "erin",
        email: "erin@hearth.test",
        password: "erin-password-1",
      });
      assert.equal(created.type, "ok");
      assert.equal((await getV1(rig())).stats.user_count, before);
    } finally {
      rig().clock.set(FIXED_TIME);
      await rig()
        .ctx.db.updateTable("users")
        .set({ disabled: false })
        .where("account_id", "=", rig().fixtures.bob.id)
        .execute();
      await rig().ctx.db.deleteFrom("accounts").where("username", "=", "erin").execute();
      forgetInstanceStats(rig().ctx);
    }
  });
});
