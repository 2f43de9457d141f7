// Security catalogue (shared/research/security.md §5), O1: whether an account exists must not
// show. Tests never measure time; instead they show that an unknown email and a wrong password
// get the same answer AND cost the same work: exactly one scrypt run (the password hash check),
// counted with a spy on crypto.scrypt (lib/password.ts's named import is a live binding).
// The sign-in page's identical answers are in test/pages/sign-in; this adds the work done, the
// other cases (no stored hash, over-long password, empty email) and the password grant.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { syncBuiltinESMExports } from "node:module";
import { afterEach, before, mock, test } from "node:test";
import { checkCredentials } from "../../src/services/sessions/credentials.ts";
import { registerApp, setPassword } from "../api/oauth-kit.ts";
import { assertSchema, describeEachDatabase } from "../rig/index.ts";

function spyScrypt() {
  const spy = mock.method(crypto, "scrypt");
  syncBuiltinESMExports();
  return spy;
}

describeEachDatabase("security: timing", (rig) => {
  before(async () => {
    await setPassword(rig(), "alice");
    // bob keeps no password hash (an account made without one).
    // The dummy hash is made once per process; make it before counting.
    await checkCredentials(rig().ctx, "warm-up@hearth.test", "x");
  });
  afterEach(() => {
    mock.restoreAll();
    syncBuiltinESMExports();
  });

  test("O1: unknown email, wrong password, no stored hash, long password: one answer, one scrypt run each", async () => {
    const alice = rig().fixtures.alice.user;
    const cases: [string, string, string][] = [
      ["unknown email", "nobody@hearth.test", "alice-password-1"],
      ["wrong password", alice.email, "wrong-password-1"],
      ["account without a password", rig().fixtures.bob.user.email, "bob-password-1"],
      ["over-long password", alice.email, "x".repeat(5000)],
      ["empty email", "", "whatever"],
      ["empty password", alice.email, ""],
    ];
    for (const [label, email, password] of cases) {
      const spy = spyScrypt();
      const result = await checkCredentials(rig().ctx, email, password);
      assert.deepEqual(result, { ok: false, reason: "invalid" }, label);
      assert.equal(spy.mock.callCount(), 1, `${label}: one password hash check`);
      mock.restoreAll();
      syncBuiltinESMExports();
    }
    // The right password costs the same one run.
    const spy = spyScrypt();
    const ok = await checkCredentials(rig().ctx, alice.email, alice.password);
    assert.equal(ok.ok, true);
    assert.equal(spy.mock.callCount(), 1);
  });

  test("O1: the password grant answers an unknown email and a wrong password alike, after one scrypt run", async () => {
    const app = await registerApp(rig(), { client_name: "Timing" });
    const grant = async (username: string, ip: string) => {
      const spy = spyScrypt();
      const res = await rig().send(
        "POST",
        "/oauth/token",
        {
          grant_type: "password",
          username,
          password: "not-the-password",
          client_id: app.client_id,
          client_secret: app.client_secret,
        },
        { ip },
      );
      const runs = spy.mock.callCount();
      mock.restoreAll();
      syncBuiltinESMExports();
      return { res, runs };
    };
    const unknown = await grant("nobody@hearth.test", "198.51.100.90");
    const wrong = await grant(rig().fixtures.alice.user.email, "198.51.100.91");
    assert.equal(unknown.res.status, 400);
    assertSchema("Error", unknown.res.body);
    assert.deepEqual([unknown.res.status, unknown.res.text], [wrong.res.status, wrong.res.text]);
    assert.deepEqual([unknown.runs, wrong.runs], [1, 1]);
  });
});
