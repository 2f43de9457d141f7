// Web Push's pure rules (alerts, policies, title and body) and the VAPID keys kept in the
// data dir's secrets: generated once, added to an older secrets file, a half pair refused.
import assert from "node:assert/strict";
import { createECDH } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { ConfigError } from "../../src/config.ts";
import { isPushable, normalizeAlerts, pushBody, pushTitle } from "../../src/domain/push.ts";
import { loadOrCreateSecrets } from "../../src/lib/secrets.ts";

describe("push rules", () => {
  const none = { recipientFollows: false, senderFollows: false };
  test("an alert must be on and the policy must let the sender through", () => {
    const sub = (policy: string) => ({ alerts: normalizeAlerts({ favourite: true }), policy });
    assert.equal(isPushable(sub("all"), "favourite", none), true);
    assert.equal(isPushable(sub("all"), "mention", none), false);
    assert.equal(isPushable(sub("none"), "favourite", none), false);
    assert.equal(isPushable(sub("followed"), "favourite", none), false);
    assert.equal(
      isPushable(sub("followed"), "favourite", { ...none, recipientFollows: true }),
      true,
    );
    assert.equal(
      isPushable(sub("follower"), "favourite", { ...none, recipientFollows: true }),
      false,
    );
    assert.equal(isPushable(sub("follower"), "favourite", { ...none, senderFollows: true }), true);
    assert.equal(
      isPushable(sub("bogus"), "favourite", { recipientFollows: true, senderFollows: true }),
      false,
    );
  });

  test("normalized alerts have every key and drop unknown ones", () => {
    const alerts = normalizeAlerts({ mention: true, nonsense: true } as Record<string, boolean>);
    assert.equal(alerts.mention, true);
    assert.equal(alerts["admin.sign_up"], false);
    assert.equal("nonsense" in alerts, false);
  });

  test("titles use the display name, else the username; bodies are plain and short", () => {
    assert.equal(pushTitle("follow", "", "bob"), "bob is now following you");
    assert.equal(pushTitle("reblog", "Bob", "bob"), "Bob boosted your post");
    assert.equal(
      pushBody({ spoilerText: "", text: "<p>Hi &amp; <b>bye</b></p>", note: "" }),
      "Hi & bye",
    );
    assert.equal(pushBody({ spoilerText: null, text: null, note: "<p>my bio</p>" }), "my bio");
    const long = pushBody({ spoilerText: null, text: "é".repeat(300), note: "" });
    assert.equal([...long].length, 140);
    assert.ok(long.endsWith("..."));
  });
});

describe("VAPID keys in secrets.json", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hearth-vapid-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("an older secrets file gains a working key pair, kept on the next start", () => {
    const file = path.join(dir, "secrets.json");
    writeFileSync(file, JSON.stringify({ secretKeyBase: "a".repeat(128) }));
    const first = loadOrCreateSecrets(dir);
    assert.equal(first.secretKeyBase, "a".repeat(128));
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.from(first.vapidPrivateKey as string, "base64url"));
    assert.equal(ecdh.getPublicKey().toString("base64url"), first.vapidPublicKey);
    assert.deepEqual(loadOrCreateSecrets(dir), first);
    assert.equal(JSON.parse(readFileSync(file, "utf8")).vapidPublicKey, first.vapidPublicKey);
  });

  test("half a pair, or keys that are not P-256, stop the start", () => {
    const file = path.join(dir, "secrets.json");
    writeFileSync(file, JSON.stringify({ secretKeyBase: "a".repeat(128), vapidPublicKey: "x" }));
    assert.throws(() => loadOrCreateSecrets(dir), ConfigError);
    writeFileSync(
      file,
      JSON.stringify({ secretKeyBase: "a".repeat(128), vapidPublicKey: "x", vapidPrivateKey: "y" }),
    );
    assert.throws(() => loadOrCreateSecrets(dir), ConfigError);
  });
});
