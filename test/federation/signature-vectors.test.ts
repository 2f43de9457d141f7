// The signed-request vectors of test/fixtures/activitypub/signatures (PROVENANCE.md there),
// each fed to the verification our inbox runs: Fedify's verifyRequest, which the federation's
// inbox calls with the federation's document loader and its default time window (we set no
// other options). None of the vectors can go through our inbox over HTTP: their signatures
// cover a Host (example.com, localhost) and paths (/foo, /, /accounts/ronan/inbox) that are
// not ours, and changing either breaks the signature. So the loader here serves the vector's
// key (or an actor document carrying it) and the clock is the vector's `verifyAt`.
// Expected outcomes, from each vector's `expected`: the Fedify POST verifies (its key's owner
// is returned); the draft-cavage basic test (no Digest covered), the RFC 9421 Ed25519 one
// (a non-URL keyid, no Content-Digest covered) and the PeerTube body whose Digest does not
// match are all refused. Where the vector is cryptographically valid, node:crypto checks the
// signature too, so a refusal is the inbox's rule and not a broken vector.
import assert from "node:assert/strict";
import { createPublicKey, verify } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { verifyRequest } from "@fedify/fedify";
import { instant } from "../../src/federation/temporal.ts";

interface Vector {
  description: string;
  expected: {
    cryptographicallyValid: boolean;
    acceptableForActivityPubPost?: boolean;
    digestMatchesBody?: boolean;
    accept?: boolean;
  };
  verifyAt: string;
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    bodyJson?: unknown;
  };
  keys: { keyId: string; publicKeyPem: string; keyDocument?: unknown; actorDocument?: unknown }[];
  signingString?: string;
  signatureBase?: string;
}

const dir = new URL("../fixtures/activitypub/signatures/", import.meta.url);
const vectors = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), "utf8")) as Vector] as const);

/** Whether our inbox should take the request: the vector's verdict for an ActivityPub POST. */
function shouldAccept(v: Vector): boolean {
  const e = v.expected;
  return (
    e.cryptographicallyValid &&
    (e.accept ?? e.acceptableForActivityPubPost ?? e.digestMatchesBody ?? true)
  );
}

/** A document loader that knows only the vector's keys (anything else fails, as offline). */
function loaderFor(v: Vector) {
  const docs = new Map<string, unknown>();
  for (const key of v.keys) {
    if (!URL.canParse(key.keyId)) continue;
    const url = new URL(key.keyId);
    const owner = url.href.replace(/#.*$/, "");
    const doc = key.keyDocument ??
      key.actorDocument ?? {
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        id: owner,
        type: "Person",
        publicKey: { id: key.keyId, owner, publicKeyPem: key.publicKeyPem },
      };
    docs.set(url.hash === "" ? url.href : owner, doc);
  }
  return async (url: string) => {
    const document = docs.get(url.replace(/#.*$/, "")) ?? docs.get(url);
    if (document === undefined) throw new Error(`not found: ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
}

/** The vector's signature checked directly, over the signing string it publishes. */
function cryptographicallyValid(v: Vector): boolean | null {
  const message = v.signingString ?? v.signatureBase;
  if (message === undefined) return null;
  const header = v.request.headers.Signature ?? v.request.headers.signature ?? "";
  const b64 = /signature="([^"]+)"/.exec(header)?.[1] ?? /=:([^:]+):/.exec(header)?.[1];
  assert.ok(b64 !== undefined);
  const key = createPublicKey(v.keys[0]!.publicKeyPem);
  const algorithm = key.asymmetricKeyType === "ed25519" ? null : "sha256";
  return verify(algorithm, Buffer.from(message), key, Buffer.from(b64, "base64"));
}

for (const [file, v] of vectors) {
  const accept = shouldAccept(v);
  test(`${file}: ${accept ? "verifies" : "is refused"}`, async () => {
    const crypto = cryptographicallyValid(v);
    if (crypto !== null) assert.equal(crypto, v.expected.cryptographicallyValid);
    const { method, url, headers, body, bodyJson } = v.request;
    const request = new Request(url, {
      method,
      headers,
      body: body ?? (bodyJson === undefined ? undefined : JSON.stringify(bodyJson)),
    });
    const key = await verifyRequest(request, {
      documentLoader: loaderFor(v),
      currentTime: instant(v.verifyAt),
    });
    if (accept) {
      assert.ok(key !== null, v.description);
      assert.equal(key.id?.href, v.keys[0]!.keyId);
    } else {
      assert.equal(key, null, v.description);
    }
  });
}

test("the Fedify vector is refused an hour and more after its Date", async () => {
  const [, v] = vectors.find(([f]) => f.startsWith("fedify-"))!;
  const { method, url, headers, body } = v.request;
  const key = await verifyRequest(new Request(url, { method, headers, body: body! }), {
    documentLoader: loaderFor(v),
    currentTime: instant(new Date(Date.parse(v.verifyAt) + 3_601_000).toISOString()),
  });
  assert.equal(key, null);
});
