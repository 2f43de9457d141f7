// The instance's sub-resources: rules, peers, activity, the long texts, languages, blocks.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { recordActivity } from "../../src/repos/instance-activity.ts";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { deleteRule, insertRule } from "../../src/repos/rules.ts";
import { accountRow, assertSpec, describeEachDatabase, FIXED_TIME } from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
type Json = any;

const DAY = 86_400_000;

describeEachDatabase("instance sub-resources", (rig) => {
  async function getSpec(path: string, status = 200): Promise<Json> {
    const res = await rig().get<Json>(path);
    assert.equal(res.status, status, `${path}: ${res.text}`);
    assertSpec("GET", path, status, res.body);
    return res.body;
  }

  beforeEach(async () => {
    await rig().ctx.db.deleteFrom("instance_settings").execute();
    rig().clock.set(FIXED_TIME);
  });

  test("rules come in their order, without deleted ones, in /rules and both instances", async () => {
    const db = rig().ctx.db;
    const rule = (id: string, position: number, text: string, hint = "") => ({
      id,
      text,
      hint,
      position,
      created_at: FIXED_TIME,
      updated_at: FIXED_TIME,
    });
    await insertRule(db, rule("30", 2, "No spam"));
    await insertRule(db, rule("10", 1, "Be kind", "Assume good faith."));
    await insertRule(db, rule("20", 1, "No harassment"));
    await insertRule(db, rule("40", 0, "Gone soon"));
    await deleteRule(db, "40", new Date(FIXED_TIME));
    const expected = [
      { id: "10", text: "Be kind", hint: "Assume good faith.", translations: {} },
      { id: "20", text: "No harassment", hint: "", translations: {} },
      { id: "30", text: "No spam", hint: "", translations: {} },
    ];
    assert.deepEqual(await getSpec("/api/v1/instance/rules"), expected);
    await saveSetting(db, "contact_email", "hello@hearth.test", new Date(FIXED_TIME));
    assert.deepEqual((await getSpec("/api/v2/instance")).rules, expected);
    assert.deepEqual((await getSpec("/api/v1/instance")).rules, expected);
    await db.deleteFrom("rules").execute();
    assert.deepEqual(await getSpec("/api/v1/instance/rules"), []);
  });

  test("peers are the other servers we know accounts on, once each, sorted", async () => {
    assert.deepEqual(await getSpec("/api/v1/instance/peers"), ["remote.test"]);
    const db = rig().ctx.db;
    const remote = (id: string, username: string, domain: string) =>
      accountRow({ id, username, domain });
    await db
      .insertInto("accounts")
      .values([
        remote("1", "erin", "Another.Example"),
        remote("2", "frank", "another.example"),
        remote("3", "gus", "b.example"),
      ])
      .execute();
    try {
      const res = await rig().get("/api/v1/instance/peers");
      assert.equal(res.headers.get("cache-control"), "public, max-age=86400");
      assert.deepEqual(res.body, ["another.example", "b.example", "remote.test"]);
    } finally {
      await db.deleteFrom("accounts").where("id", "in", ["1", "2", "3"]).execute();
    }
  });

  test("activity: 12 weeks, newest first, in Mastodon's strings", async () => {
    const db = rig().ctx.db;
    const now = new Date(FIXED_TIME); // a Thursday; the week began Monday 2025-12-29
    await recordActivity(db, "statuses", now);
    await recordActivity(db, "statuses", now);
    await recordActivity(db, "logins", now);
    await recordActivity(db, "registrations", new Date(now.getTime() - 7 * DAY));
    await recordActivity(db, "statuses", new Date(now.getTime() - 12 * 7 * DAY)); // too old
    const weeks = await getSpec("/api/v1/instance/activity");
    assert.equal(weeks.length, 12);
    const monday = Date.UTC(2025, 11, 29) / 1000;
    assert.deepEqual(weeks[0], {
      week: String(monday),
      statuses: "2",
      logins: "1",
      registrations: "0",
    });
    assert.deepEqual(weeks[1], {
      week: String(monday - 7 * 86400),
      statuses: "0",
      logins: "0",
      registrations: "1",
    });
    weeks.forEach((w: Json, i: number) => {
      assert.equal(w.week, String(monday - i * 7 * 86400));
    });
    const total = weeks.reduce((sum: number, w: Json) => sum + Number(w.statuses), 0);
    assert.equal(total, 2);
  });

  test("extended description: empty until set, then escaped paragraphs with their date", async () => {
    const empty = await getSpec("/api/v1/instance/extended_description");
    // Never set: dated from when the server started (the rig's clock).
    assert.deepEqual(empty, { updated_at: FIXED_TIME, content: "" });
    const when = new Date("2026-02-03T04:05:06.000Z");
    await saveSetting(
      rig().ctx.db,
      "extended_description",
      "We are <b>friendly</b>.\nMostly.\n\n\n  Tea & biscuits.  \n",
      when,
    );
    assert.deepEqual(await getSpec("/api/v1/instance/extended_description"), {
      updated_at: when.toISOString(),
      content: "<p>We are &lt;b&gt;friendly&lt;/b&gt;.<br>Mostly.</p><p>Tea &amp; biscuits.</p>",
    });
  });

  test("privacy policy: a default naming this server until one is set", async () => {
    const db = rig().ctx.db;
    const policy = await getSpec("/api/v1/instance/privacy_policy");
    assert.equal(policy.updated_at, "2026-11-27T00:00:00.000Z");
    assert.match(policy.content, /^<p>This policy describes what Hearth \(hearth\.test,/);
    assert.match(policy.content, /write to the administrators of hearth\.test\./);
    await saveSetting(db, "contact_email", "privacy@hearth.test", new Date(FIXED_TIME));
    const withEmail = await getSpec("/api/v1/instance/privacy_policy");
    assert.match(withEmail.content, /write to the administrators at privacy@hearth\.test\./);

    const set = new Date("2026-12-01T00:00:00.000Z");
    await saveSetting(db, "privacy_policy", "We keep nothing.\n\nReally.", set);
    assert.deepEqual(await getSpec("/api/v1/instance/privacy_policy"), {
      updated_at: set.toISOString(),
      content: "<p>We keep nothing.</p><p>Really.</p>",
    });
    // Cleared again: the default applies from that moment.
    const cleared = new Date("2026-12-02T00:00:00.000Z");
    await saveSetting(db, "privacy_policy", "", cleared);
    const back = await getSpec("/api/v1/instance/privacy_policy");
    assert.equal(back.updated_at, cleared.toISOString());
    assert.match(back.content, /^<p>This policy describes/);
  });

  test("terms of service: 404 until set, then the current terms", async () => {
    const none = await getSpec("/api/v1/instance/terms_of_service", 404);
    assert.deepEqual(none, { error: "Record not found" });
    await getSpec("/api/v1/instance/terms_of_service/2026-01-01", 404);
    await saveSetting(rig().ctx.db, "contact_email", "hello@hearth.test", new Date(FIXED_TIME));
    assert.equal((await getSpec("/api/v2/instance")).configuration.urls.terms_of_service, null);

    const when = new Date("2026-03-04T10:00:00.000Z");
    await saveSetting(rig().ctx.db, "terms_of_service", "Be nice.\n\nOr else.", when);
    const terms = await getSpec("/api/v1/instance/terms_of_service");
    assert.deepEqual(terms, {
      effective_date: "2026-03-04",
      effective: true,
      content: "<p>Be nice.</p><p>Or else.</p>",
      succeeded_by: null,
    });
    assert.deepEqual(await getSpec("/api/v1/instance/terms_of_service/2026-03-04"), terms);
    await getSpec("/api/v1/instance/terms_of_service/2026-03-05", 404);
    assert.equal(
      (await getSpec("/api/v2/instance")).configuration.urls.terms_of_service,
      "https://hearth.test/terms-of-service",
    );
  });

  test("languages: every ISO 639-1 code with its English name", async () => {
    // Not in the OpenAPI file (test/fixtures/PROVENANCE.md): the shape is checked here.
    const res = await rig().get<{ code: string; name: string }[]>("/api/v1/instance/languages");
    assert.equal(res.status, 200);
    const languages = res.body;
    assert.ok(Array.isArray(languages));
    assert.equal(languages.length, 183);
    for (const language of languages) {
      assert.deepEqual(Object.keys(language), ["code", "name"]);
      assert.match(language.code, /^[a-z]{2}$/);
      assert.ok(language.name.length > 0 && language.name !== language.code, language.code);
    }
    const codes = languages.map((l) => l.code);
    assert.deepEqual(codes, [...new Set(codes)].sort());
    const byCode = new Map(languages.map((l) => [l.code, l.name]));
    assert.equal(byCode.get("en"), "English");
    assert.equal(byCode.get("de"), "German");
    assert.equal(byCode.get("ja"), "Japanese");
    assert.equal(byCode.get("iw"), undefined); // deprecated for "he"
  });

  test("translation languages: none, as an empty object", async () => {
    // The OpenAPI file gives this response no schema (test/fixtures/PROVENANCE.md).
    const res = await rig().get("/api/v1/instance/translation_languages");
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {});
  });

  test("domain blocks: none published", async () => {
    assert.deepEqual(await getSpec("/api/v1/instance/domain_blocks"), []);
  });
});
