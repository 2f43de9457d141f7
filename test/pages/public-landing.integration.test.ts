// The landing/about page (/, /about), the privacy policy and terms pages, and the public
// stylesheet: what a newcomer reads before signing up.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { updateSetting } from "../../src/services/instance/update-setting.ts";
import { createInstanceDomainBlock } from "../../src/services/instance-domain-blocks/create-block.ts";
import { addRule } from "../../src/services/rules/add-rule.ts";
import { describeEachDatabase } from "../rig/index.ts";
import { all, bodyText, links, meta, view } from "./public-kit.ts";

describeEachDatabase("landing and about pages", (rig) => {
  before(async () => {
    const { ctx } = rig();
    const set = async (key: string, value: string) =>
      assert.equal((await updateSetting(ctx, key, value)).type, "ok", key);
    await set("title", "Cosy <Corner>");
    await set("description", 'A server for "quiet" people & their <cats>.');
    await set("extended_description", "First paragraph.\n\nSecond paragraph.");
    await set("contact_account", "admin");
    await set("contact_email", "mods@hearth.test");
    await set("terms_of_service", "Be kind.");
    assert.equal((await addRule(ctx, "No <script> spam", "Really.")).type, "ok");
    await createInstanceDomainBlock(ctx, {
      domain: "spam.example",
      severity: "suspend",
      publicComment: "Spam <everywhere>",
    });
  });

  test("/ and /about say what the server is, its rules and whom to contact", async () => {
    for (const path of ["/", "/about"]) {
      const { status, doc, headers } = await view(rig(), path);
      assert.equal(status, 200, path);
      const text = bodyText(doc);
      assert.match(text, /Cosy <Corner>/);
      assert.match(text, /A server for "quiet" people & their <cats>\./);
      assert.match(text, /First paragraph\.\s*Second paragraph\./);
      assert.match(text, /No <script> spam/);
      assert.match(text, /Administered by Admin \(@admin@hearth\.test\)/);
      assert.ok(
        all(doc, (e) => e.name === "a" && e.attribs.href === "mailto:mods@hearth.test").length ===
          1,
      );
      assert.equal(all(doc, (e) => e.name === "script").length, 0);
      assert.match(text, /\d+ people/);
      assert.equal(meta(doc, "og:type"), "website");
      assert.equal(meta(doc, "og:title"), "Cosy <Corner>");
      assert.match(meta(doc, "og:image") ?? "", /preview\.png$/);
      assert.deepEqual(links(doc, "canonical"), [`${rig().config.baseUrl}/about`]);
      assert.ok(
        all(doc, (e) => e.name === "a" && e.attribs.href === "/privacy-policy").length >= 1,
      );
      assert.ok(
        all(doc, (e) => e.name === "a" && e.attribs.href === "/terms-of-service").length >= 1,
      );
      assert.match(headers.get("content-security-policy") ?? "", /default-src 'none'/);
    }
  });

  test("moderated servers are listed with their public reason", async () => {
    const { doc } = await view(rig(), "/about");
    const text = bodyText(doc);
    assert.match(text, /Moderated servers/);
    assert.match(text, /spam\.example\s*Suspended\s*Spam <everywhere>/);
  });

  test("the registration state decides the buttons", async () => {
    const { ctx } = rig();
    const signUp = async () =>
      all(
        (await view(rig(), "/about")).doc,
        (e) => e.name === "a" && e.attribs.href === "/auth/sign_up",
      );
    await updateSetting(ctx, "registrations", "approval");
    assert.match(bodyText((await view(rig(), "/about")).doc), /moderators review every sign-up/);
    assert.ok((await signUp()).length >= 1);
    await updateSetting(ctx, "registrations", "open");
    assert.match(bodyText((await view(rig(), "/about")).doc), /Anyone can create an account/);
    await updateSetting(ctx, "registrations", "closed");
    await updateSetting(ctx, "registrations_message", "Come back in <spring>.");
    const closed = await view(rig(), "/about");
    assert.match(bodyText(closed.doc), /does not accept new accounts/);
    assert.match(bodyText(closed.doc), /Come back in <spring>\./);
    assert.equal((await signUp()).length, 0);
    assert.ok(
      all(closed.doc, (e) => e.name === "a" && e.attribs.href === "/auth/sign_in").length >= 1,
    );
    await updateSetting(ctx, "registrations", "approval");
  });

  test("the privacy policy and terms of service pages", async () => {
    const policy = await view(rig(), "/privacy-policy");
    assert.equal(policy.status, 200);
    assert.match(bodyText(policy.doc), /Privacy policy/);
    assert.match(bodyText(policy.doc), /hearth\.test/);
    const terms = await view(rig(), "/terms-of-service");
    assert.equal(terms.status, 200);
    assert.match(bodyText(terms.doc), /Be kind\./);
    await updateSetting(rig().ctx, "terms_of_service", "");
    assert.equal((await view(rig(), "/terms-of-service")).status, 404);
  });

  test("the stylesheet is an asset with a digest and a year's cache", async () => {
    const { doc } = await view(rig(), "/about");
    const [href] = links(doc, "stylesheet");
    assert.match(href ?? "", /\/assets\/[0-9a-f]{16}\/styles\/public\.css$/);
    const css = await rig().get(new URL(href as string).pathname);
    assert.equal(css.status, 200);
    assert.match(css.headers.get("content-type") ?? "", /^text\/css/);
    assert.match(css.headers.get("cache-control") ?? "", /immutable/);
    assert.match(css.text, /prefers-color-scheme: dark/);
  });
});
