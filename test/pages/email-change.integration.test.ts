// Changing the email address on /settings/email: the current password is required, the new
// address gets a confirmation link and replaces the old one only once it is opened, the old
// address is told, and taken or malformed addresses are refused with nothing changed.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { before, test } from "node:test";
import { browse, CookieJar, inputValue, setPassword, signIn } from "../api/oauth-kit.ts";
import { confirmationPath, mailCount, readMail } from "../api/registrations-kit.ts";
import { describeEachDatabase, type Rig } from "../rig/index.ts";

const PATH = "/settings/email";

async function signedInAlice(rig: Rig): Promise<CookieJar> {
  const jar = new CookieJar();
  const alice = rig.fixtures.alice.user;
  assert.equal((await signIn(rig, jar, alice.email, alice.password)).status, 303);
  return jar;
}

async function post(rig: Rig, jar: CookieJar, fields: Record<string, string>) {
  const form = await browse(rig, jar, PATH);
  return browse(rig, jar, PATH, {
    authenticity_token: inputValue(form.text, "authenticity_token"),
    ...fields,
  });
}

// Spread into a plain object: SQLite rows have a null prototype.
const aliceRow = async (rig: Rig) => ({
  ...(await rig.ctx.db
    .selectFrom("users")
    .select(["email", "unconfirmed_email"])
    .where("id", "=", rig.fixtures.alice.user.id)
    .executeTakeFirstOrThrow()),
});

/** The mails written since `count`, oldest first. */
function mailsSince(rig: Rig, count: number) {
  const dir = `${rig.dataDir}/mail`;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .sort((a, b) => Number(a.split("-")[1]) - Number(b.split("-")[1]));
  return files.slice(count).map((f) => readMail(`${dir}/${f}`));
}

describeEachDatabase("email change on the web", (rig) => {
  before(async () => {
    await setPassword(rig(), "alice");
  });

  test("only for a signed-in person", async () => {
    const res = await rig().get(PATH);
    assert.equal(res.status, 302);
    assert.match(
      res.headers.get("location") ?? "",
      /^\/auth\/sign_in\?return_to=%2Fsettings%2Femail/,
    );
  });

  test("wrong password, taken, same or malformed address: refused, nothing changed", async () => {
    const jar = await signedInAlice(rig());
    const mails = mailCount(rig());
    const password = rig().fixtures.alice.user.password;
    const wrong = await post(rig(), jar, { email: "new@example.org", current_password: "nope" });
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /The current password is wrong/);
    const taken = await post(rig(), jar, {
      email: rig().fixtures.bob.user.email.toUpperCase(),
      current_password: password,
    });
    assert.equal(taken.status, 422);
    assert.match(taken.text, /id="email-error">Email has already been taken</);
    const same = await post(rig(), jar, { email: "Alice@hearth.test", current_password: password });
    assert.match(same.text, /Email is your current address/);
    const bad = await post(rig(), jar, { email: "not an address", current_password: password });
    assert.match(bad.text, /id="email-error">Email is invalid</);
    assert.deepEqual(await aliceRow(rig()), {
      email: "alice@hearth.test",
      unconfirmed_email: null,
    });
    assert.equal(mailCount(rig()), mails);
    const forged = await browse(rig(), jar, PATH, {
      email: "x@example.org",
      current_password: password,
    });
    assert.equal(forged.status, 403);
  });

  test("a new address: link to it, notice to the old one, switched once confirmed", async () => {
    const jar = await signedInAlice(rig());
    const mails = mailCount(rig());
    const res = await post(rig(), jar, {
      email: "alice.new@example.org",
      current_password: rig().fixtures.alice.user.password,
    });
    assert.equal(res.status, 303, res.text);
    assert.equal(res.location, `${PATH}?sent=1`);
    assert.deepEqual(await aliceRow(rig()), {
      email: "alice@hearth.test",
      unconfirmed_email: "alice.new@example.org",
    });
    const page = await browse(rig(), jar, `${PATH}?sent=1`);
    assert.match(page.text, /Waiting for confirmation: <strong>alice\.new@example\.org/);

    const [confirmation, notice] = mailsSince(rig(), mails);
    assert.ok(confirmation && notice);
    assert.equal(confirmation.to, "alice.new@example.org");
    assert.match(confirmation.text, /To use this address for your account/);
    assert.equal(notice.to, "alice@hearth.test");
    assert.match(notice.subject, /a new email address was requested/);
    assert.doesNotMatch(notice.text, /confirmation_token/, "the old address gets no link");

    const confirmed = await rig().get(confirmationPath(rig(), confirmation));
    assert.equal(confirmed.status, 200);
    assert.deepEqual(await aliceRow(rig()), {
      email: "alice.new@example.org",
      unconfirmed_email: null,
    });
  });
});
