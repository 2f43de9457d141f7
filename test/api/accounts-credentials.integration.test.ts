// The signed-in person's profile: verify_credentials and update_credentials, with real images.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import sharp from "sharp";
import { animatedGif, blob, pngImage, sidewaysJpeg } from "../media/fixtures.ts";
import { assertAuthEnforced, assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
type Json = any;

const VERIFY = "/api/v1/accounts/verify_credentials";
const UPDATE = "/api/v1/accounts/update_credentials";

describeEachDatabase("accounts (credentials)", (rig) => {
  let token: string;
  const auth = () => ({ headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    token = await createToken(rig().ctx, "alice", "read write");
  });

  async function verify(): Promise<Json> {
    const res = await rig().get<Json>(VERIFY, auth());
    assert.equal(res.status, 200);
    assertSpec("GET", VERIFY, 200, res.body);
    return res.body;
  }

  async function update(body: unknown): Promise<{ status: number; body: Json }> {
    const res = await rig().send<Json>("PATCH", UPDATE, body, auth());
    assertSpec("PATCH", UPDATE, res.status, res.body);
    return res;
  }

  function mediaFiles(): string[] {
    const root = path.join(rig().dataDir, "media");
    try {
      return readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => path.join(d.parentPath, d.name));
    } catch {
      return [];
    }
  }

  test("both endpoints enforce their token and scopes", async () => {
    await assertAuthEnforced(rig(), { method: "GET", path: VERIFY, scope: "read:accounts" });
    await assertAuthEnforced(rig(), { method: "GET", path: VERIFY, scope: "profile" });
    await assertAuthEnforced(rig(), {
      method: "PATCH",
      path: UPDATE,
      scope: "write:accounts",
      body: {},
    });
  });

  test("verify_credentials is a CredentialAccount with source and role", async () => {
    const me = await verify();
    assert.equal(me.id, rig().fixtures.alice.id);
    assert.deepEqual(me.source, {
      privacy: "public",
      sensitive: false,
      language: null,
      note: "",
      fields: [],
      follow_requests_count: 0,
      hide_collections: false,
      discoverable: null,
      indexable: false,
      attribution_domains: [],
      quote_policy: "public",
    });
    assert.deepEqual(me.role, {
      id: "-99",
      name: "",
      color: "",
      permissions: "65536",
      highlighted: false,
    });
    const admin = await rig().get<Json>(VERIFY, {
      headers: { authorization: `Bearer ${await createToken(rig().ctx, "admin", "profile")}` },
    });
    assert.equal(admin.body.role.name, "Owner");
    assert.equal(admin.body.role.permissions, String((1 << 22) - 1));
  });

  test("text, switches, fields and source round-trip through verify_credentials", async () => {
    const res = await update({
      display_name: "Alice ✨",
      note: "Hello <b>world</b> & friends\nsee https://example.com/about.\n\nSecond",
      locked: true,
      bot: "1",
      discoverable: true,
      indexable: "true",
      hide_collections: true,
      fields_attributes: [
        { name: "Web", value: "https://alice.example" },
        { name: "", value: "" },
        { name: "Pronouns", value: "she/her" },
      ],
      source: { privacy: "unlisted", sensitive: true, language: "de" },
    });
    assert.equal(res.status, 200);
    const me = await verify();
    assert.deepEqual(res.body, me);
    assert.equal(me.display_name, "Alice ✨");
    assert.equal(
      me.note,
      '<p>Hello &lt;b&gt;world&lt;/b&gt; &amp; friends<br />see <a href="https://example.com/about" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span><span class="">example.com/about</span><span class="invisible"></span></a>.</p><p>Second</p>',
    );
    assert.equal(
      me.source.note,
      "Hello <b>world</b> & friends\nsee https://example.com/about.\n\nSecond",
    );
    assert.deepEqual([me.locked, me.bot, me.discoverable, me.indexable], [true, true, true, true]);
    assert.equal(me.hide_collections, true);
    assert.equal(me.source.hide_collections, true);
    assert.deepEqual(
      me.fields.map((f: Json) => f.name),
      ["Web", "Pronouns"],
    );
    assert.match(
      me.fields[0].value,
      /^<a href="https:\/\/alice.example" [^>]*rel="me nofollow noopener"/,
    );
    assert.deepEqual(me.source.fields, [
      { name: "Web", value: "https://alice.example", verified_at: null },
      { name: "Pronouns", value: "she/her", verified_at: null },
    ]);
    assert.deepEqual(
      [me.source.privacy, me.source.sensitive, me.source.language],
      ["unlisted", true, "de"],
    );
    // The public view shows the same profile.
    const pub = await rig().get<Json>(`/api/v1/accounts/${me.id}`);
    assert.equal(pub.body.note, me.note);
    // Form bodies with Rails keys work too, and absent keys change nothing.
    const form = new URLSearchParams({
      "fields_attributes[0][name]": "Only",
      "fields_attributes[0][value]": "one",
      "source[language]": "",
    });
    const again = await update(form);
    assert.equal(again.status, 200);
    assert.equal(again.body.display_name, "Alice ✨");
    assert.deepEqual(again.body.source.fields, [{ name: "Only", value: "one", verified_at: null }]);
    assert.equal(again.body.source.language, null);
    assert.equal(again.body.source.privacy, "unlisted");
  });

  test("each broken limit is a 422 and nothing is stored", async () => {
    const before = await verify();
    const png = await pngImage();
    const cases: [string, () => unknown, RegExp][] = [
      ["display name", () => ({ display_name: "x".repeat(31) }), /Display name is too long/],
      ["note", () => ({ note: "x".repeat(501) }), /Note is too long/],
      [
        "five fields",
        () => ({
          fields_attributes: Array.from({ length: 5 }, (_, i) => ({ name: `n${i}`, value: "v" })),
        }),
        /Fields is too long/,
      ],
      [
        "field name",
        () => ({ fields_attributes: [{ name: "n".repeat(256), value: "v" }] }),
        /Fields name is too long/,
      ],
      [
        "field value",
        () => ({ fields_attributes: [{ name: "n", value: "v".repeat(256) }] }),
        /Fields value is too long/,
      ],
      ["privacy", () => ({ source: { privacy: "everyone" } }), /privacy/],
      ["language", () => ({ source: { language: "klingon" } }), /language/],
      [
        "avatar description",
        () => ({ avatar_description: "d".repeat(151) }),
        /Avatar description is too long/,
      ],
      [
        "good avatar, text header",
        () => {
          const form = new FormData();
          form.set("display_name", "Changed");
          form.set("avatar", blob(png, "image/png"), "a.png");
          form.set("header", new File(["not an image"], "h.png", { type: "image/png" }));
          return form;
        },
        /Header content type is invalid/,
      ],
      [
        "too large",
        () => {
          const form = new FormData();
          form.set("avatar", new File([new Uint8Array(16 * 1024 * 1024 + 10)], "big.png"));
          return form;
        },
        /file size must be less than 16 MB/,
      ],
    ];
    for (const [label, body, message] of cases) {
      const res = await update(body());
      assert.equal(res.status, 422, label);
      assert.match(res.body.error, /^Validation failed: /, label);
      assert.match(res.body.error, message, label);
    }
    assert.deepEqual(await verify(), before);
    assert.deepEqual(mediaFiles(), []);
  });

  test("a JPEG avatar is stored upright without EXIF and served from /system", async () => {
    const form = new FormData();
    form.set("avatar", blob(await sidewaysJpeg(), "image/jpeg"), "me.jpg");
    form.set("avatar_description", "A red and blue square");
    const res = await update(form);
    assert.equal(res.status, 200);
    const me = res.body;
    assert.match(
      me.avatar,
      /^https:\/\/hearth\.test\/system\/accounts\/avatars\/\d+\/original\/[0-9a-f]+\.jpg$/,
    );
    assert.equal(me.avatar_static, me.avatar);
    assert.equal(me.avatar_description, "A red and blue square");
    const file = await rig().request(new URL(me.avatar).pathname);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get("content-type"), "image/jpeg");
    assert.equal(file.headers.get("x-content-type-options"), "nosniff");
    assert.equal(file.headers.get("content-security-policy"), "default-src 'none'; sandbox");
    assert.match(file.headers.get("cache-control") ?? "", /max-age=31536000/);
    const meta = await sharp(new Uint8Array(await file.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ["jpeg", 400, 400]);
    assert.equal(meta.exif, undefined);
    assert.equal(mediaFiles().length, 1);
  });

  test("an animated GIF avatar stays animated, with a still PNG; the old file goes", async () => {
    const form = new FormData();
    form.set("avatar", blob(await animatedGif(), "image/gif"), "moving.gif");
    const res = await update(form);
    assert.equal(res.status, 200);
    assert.match(res.body.avatar, /\/original\/[0-9a-f]+\.gif$/);
    assert.match(res.body.avatar_static, /\/static\/[0-9a-f]+\.png$/);
    const moving = await rig().request(new URL(res.body.avatar).pathname);
    assert.equal(moving.headers.get("content-type"), "image/gif");
    const meta = await sharp(new Uint8Array(await moving.arrayBuffer()), {
      animated: true,
    }).metadata();
    assert.equal(meta.pages, 3);
    const still = await rig().request(new URL(res.body.avatar_static).pathname);
    assert.equal(still.headers.get("content-type"), "image/png");
    // The JPEG of the previous test was replaced: only the two new files remain.
    assert.equal(mediaFiles().length, 2);
    const header = new FormData();
    header.set("header", blob(await pngImage(2000, 1000), "image/png"), "h.png");
    const withHeader = await update(header);
    assert.match(
      withHeader.body.header,
      /\/system\/accounts\/headers\/\d+\/original\/[0-9a-f]+\.png$/,
    );
    assert.equal(withHeader.body.avatar, res.body.avatar);
  });

  test("/system serves nothing but stored images", async () => {
    for (const p of [
      "/system/nope.png",
      "/system/../hearth.sqlite",
      "/system/x.html",
      "/system/a/b.svg",
    ]) {
      const res = await rig().request(p);
      assert.equal(res.status, 404, p);
    }
  });
});
