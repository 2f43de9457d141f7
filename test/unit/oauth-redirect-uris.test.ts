// Redirect URI validation and matching, and the CSRF token check: pure functions.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  matchRedirectUri,
  redirectUriProblem,
  splitRedirectUris,
} from "../../src/services/oauth/redirect-uris.ts";
import { csrfToken, csrfValid } from "../../src/services/sessions/csrf.ts";

test("redirect URIs come as newline- or space-separated strings or lists", () => {
  assert.deepEqual(splitRedirectUris("https://a.example/cb\nurn:ietf:wg:oauth:2.0:oob"), [
    "https://a.example/cb",
    "urn:ietf:wg:oauth:2.0:oob",
  ]);
  assert.deepEqual(splitRedirectUris(["a:/x", "a:/x", " b:/y \n c:/z"]), ["a:/x", "b:/y", "c:/z"]);
});

test("absolute URIs without fragments pass; others get Mastodon's message", () => {
  assert.equal(
    redirectUriProblem(["https://a.example/cb", "myapp://cb", "http://127.0.0.1:1/x"]),
    null,
  );
  assert.equal(redirectUriProblem(["urn:ietf:wg:oauth:2.0:oob"]), null);
  assert.equal(redirectUriProblem([]), "Redirect URI can't be blank");
  for (const bad of ["cb", "/cb", "javascript:alert(1)", "data:text/html,x", "http://"]) {
    assert.equal(redirectUriProblem([bad]), "Redirect URI must be an absolute URI.", bad);
  }
  assert.equal(
    redirectUriProblem(["https://a.example/#x"]),
    "Redirect URI cannot contain a fragment.",
  );
});

test("matching is exact, except for the port of a loopback callback", () => {
  const registered = ["https://a.example/cb", "http://127.0.0.1/cb", "http://localhost:8000/cb"];
  assert.equal(matchRedirectUri(registered, "https://a.example/cb"), "https://a.example/cb");
  assert.equal(matchRedirectUri(registered, "https://a.example/cb/"), null);
  assert.equal(matchRedirectUri(registered, "https://a.example/cb?x=1"), null);
  assert.equal(matchRedirectUri(registered, "https://a.example:444/cb"), null);
  assert.equal(
    matchRedirectUri(registered, "http://127.0.0.1:5000/cb"),
    "http://127.0.0.1:5000/cb",
  );
  assert.equal(matchRedirectUri(registered, "http://localhost:9/cb"), "http://localhost:9/cb");
  assert.equal(matchRedirectUri(registered, "http://127.0.0.1:5000/other"), null);
  assert.equal(matchRedirectUri(registered, "https://127.0.0.1/cb"), null);
  assert.equal(matchRedirectUri(registered, "http://127.0.0.2/cb"), null);
});

test("a CSRF token is bound to its seed and to the session", () => {
  const key = "k".repeat(128);
  const token = csrfToken(key, "seed", "42");
  assert.equal(csrfValid(key, "seed", "42", token), true);
  assert.equal(csrfValid(key, "other", "42", token), false);
  assert.equal(csrfValid(key, "seed", null, token), false);
  assert.equal(csrfValid(key, "seed", "42", undefined), false);
  assert.equal(csrfValid(key, undefined, "42", token), false);
  assert.equal(csrfValid("j".repeat(128), "seed", "42", token), false);
});
