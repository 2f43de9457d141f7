// Who may quote a status (domain/quote-policy.ts): Mastodon's quote_policy_for_account, every
// branch, and the stored integer's two halves.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  QUOTE_FLAGS,
  quoteEntitlement,
  quotePolicyFlags,
  quotePolicyKeys,
  storedQuotePolicy,
} from "../../src/domain/quote-policy.ts";

const status = (policy: number, visibility = "public", isReblog = false) => ({
  accountId: "1",
  visibility,
  isReblog,
  quoteApprovalPolicy: policy,
});
const none = { following: false, followedBy: false };

test("a local author's choice, and private or direct posts stored as nobody", () => {
  assert.equal(quotePolicyFlags("public"), QUOTE_FLAGS.public << 16);
  assert.equal(quotePolicyFlags("followers"), QUOTE_FLAGS.followers << 16);
  assert.equal(quotePolicyFlags("nobody"), 0);
  assert.equal(storedQuotePolicy("unlisted", "public"), QUOTE_FLAGS.public << 16);
  assert.equal(storedQuotePolicy("private", "public"), 0);
  assert.equal(storedQuotePolicy("direct", "followers"), 0);
  assert.deepEqual(quotePolicyKeys(quotePolicyFlags("public"), "automatic"), ["public"]);
  assert.deepEqual(quotePolicyKeys(quotePolicyFlags("public"), "manual"), []);
  assert.deepEqual(
    quotePolicyKeys(QUOTE_FLAGS.followers | QUOTE_FLAGS.unsupported_policy, "manual"),
    ["unsupported_policy", "followers"],
  );
});

test("the entitlement, branch by branch", () => {
  const pub = status(quotePolicyFlags("public"));
  assert.equal(quoteEntitlement(null, pub, none), "denied");
  assert.equal(quoteEntitlement("2", pub, none), "automatic");
  assert.equal(quoteEntitlement("1", status(0), none), "automatic");
  assert.equal(quoteEntitlement("1", status(0, "private"), none), "automatic");
  assert.equal(quoteEntitlement("1", status(pub.quoteApprovalPolicy, "direct"), none), "denied");
  assert.equal(
    quoteEntitlement("2", status(pub.quoteApprovalPolicy, "public", true), none),
    "denied",
  );
  const followers = status(quotePolicyFlags("followers"));
  assert.equal(quoteEntitlement("2", followers, none), "denied");
  assert.equal(
    quoteEntitlement("2", followers, { following: true, followedBy: false }),
    "automatic",
  );
  const following = status(QUOTE_FLAGS.following << 16);
  assert.equal(
    quoteEntitlement("2", following, { following: false, followedBy: true }),
    "automatic",
  );
  assert.equal(quoteEntitlement("2", status(QUOTE_FLAGS.public), none), "manual");
  assert.equal(
    quoteEntitlement("2", status(QUOTE_FLAGS.unsupported_policy << 16), none),
    "unknown",
  );
  assert.equal(quoteEntitlement("2", status(0), none), "denied");
});
