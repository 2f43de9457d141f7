// The federation policy's pure rules (src/domain/instance-policy.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type BlockRule,
  coversHost,
  hostPolicy,
  normalizePolicyDomain,
  publicDomain,
  ruleFor,
} from "../../src/domain/instance-policy.ts";

const block = (domain: string, severity: BlockRule["severity"], flags = {}): BlockRule => ({
  domain,
  severity,
  rejectMedia: false,
  rejectReports: false,
  ...flags,
});

test("domains are normalized; a port is kept; anything else is refused", () => {
  assert.equal(normalizePolicyDomain(" Evil.Example. "), "evil.example");
  assert.equal(normalizePolicyDomain("bücher.example"), "xn--bcher-kva.example");
  assert.equal(normalizePolicyDomain("127.0.0.1:8080"), "127.0.0.1:8080");
  for (const bad of ["", "evil", "evil.example:0", "evil.example:70000", "x y.example", "*.x.y"])
    assert.equal(normalizePolicyDomain(bad), null, bad);
});

test("a block covers its subdomains and every port; one with a port only that port", () => {
  assert.ok(coversHost("evil.example", "evil.example"));
  assert.ok(coversHost("evil.example", "SUB.Evil.Example:8443"));
  assert.ok(!coversHost("evil.example", "notevil.example"));
  assert.ok(!coversHost("evil.example", "evil.example.org"));
  assert.ok(coversHost("127.0.0.1:8080", "127.0.0.1:8080"));
  assert.ok(!coversHost("127.0.0.1:8080", "127.0.0.1:8081"));
});

test("the most specific block wins", () => {
  const rules = [block("evil.example", "suspend"), block("ok.evil.example", "noop")];
  assert.equal(ruleFor(rules, "a.ok.evil.example")?.severity, "noop");
  assert.equal(ruleFor(rules, "b.evil.example")?.severity, "suspend");
  assert.equal(hostPolicy("a.ok.evil.example", rules, [], "open").federates, true);
  assert.equal(hostPolicy("b.evil.example", rules, [], "open").federates, false);
});

test("what each severity and flag means for a host", () => {
  const rules = [
    block("suspended.example", "suspend"),
    block("limited.example", "silence", { rejectMedia: true }),
    block("quiet.example", "noop", { rejectReports: true }),
  ];
  assert.deepEqual(hostPolicy("suspended.example", rules, [], "open"), {
    federates: false,
    silenced: false,
    rejectMedia: false,
    rejectReports: false,
  });
  assert.deepEqual(hostPolicy("limited.example", rules, [], "open"), {
    federates: true,
    silenced: true,
    rejectMedia: true,
    rejectReports: false,
  });
  assert.deepEqual(hostPolicy("quiet.example", rules, [], "open"), {
    federates: true,
    silenced: false,
    rejectMedia: false,
    rejectReports: true,
  });
  assert.equal(hostPolicy("other.example", rules, [], "open").federates, true);
});

test("allow-list mode: only allowed domains (and subdomains) federate; a block still wins", () => {
  const allows = [{ domain: "friend.example" }, { domain: "suspended.example" }];
  const rules = [block("suspended.example", "suspend")];
  assert.equal(hostPolicy("friend.example", rules, allows, "allowlist").federates, true);
  assert.equal(hostPolicy("a.friend.example", rules, allows, "allowlist").federates, true);
  assert.equal(hostPolicy("stranger.example", rules, allows, "allowlist").federates, false);
  assert.equal(hostPolicy("suspended.example", rules, allows, "allowlist").federates, false);
});

test("obfuscation hides the middle of the name but not its dots, as Mastodon", () => {
  assert.equal(publicDomain("dajiaweibo.com", true), "daji******.com");
  assert.equal(publicDomain("dajiaweibo.com", false), "dajiaweibo.com");
});
