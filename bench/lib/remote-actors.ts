// A simulated remote server for the inbox benchmark (S3): `count` actors with RSA keys served
// as ActivityStreams documents, WebFinger for them (Hearth confirms every actor that way), and
// requests pre-signed by those actors (draft-cavage HTTP Signatures through Fedify's
// signRequest), so signing costs nothing while the clock runs. Listens on 127.0.0.1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { generateCryptoKeyPair, signRequest } from "@fedify/fedify";

const AP = "application/activity+json";

export interface SignedPost {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface RemoteActors {
  base: string;
  actorUri(i: number): string;
  /** A POST of `activity` to `inbox`, signed by actor `i`. */
  sign(i: number, inbox: string, activity: Record<string, unknown>): Promise<SignedPost>;
  close(): Promise<void>;
}

async function pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey("spki", key)).toString("base64");
  return `-----BEGIN PUBLIC KEY-----\n${der.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----\n`;
}

export async function startRemoteActors(count: number): Promise<RemoteActors> {
  const keys: CryptoKeyPair[] = [];
  for (let i = 0; i < count; i++) keys.push(await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"));
  const docs = new Map<string, string>();
  let base = "";
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    req.resume();
    if (url.pathname === "/.well-known/webfinger") {
      const m = /^acct:(a\d+)@/.exec(url.searchParams.get("resource") ?? "");
      if (m === null || !docs.has(`/users/${m[1]}`)) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "application/jrd+json" });
      res.end(
        JSON.stringify({
          subject: url.searchParams.get("resource"),
          links: [{ rel: "self", type: AP, href: `${base}/users/${m[1]}` }],
        }),
      );
      return;
    }
    const doc = docs.get(url.pathname);
    if (doc === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": AP }).end(doc);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const actorUri = (i: number) => `${base}/users/a${i}`;
  for (let i = 0; i < count; i++) {
    const id = actorUri(i);
    // Totals-only collections, as servers hiding their network serve them.
    for (const name of ["followers", "following", "outbox"])
      docs.set(
        `/users/a${i}/${name}`,
        JSON.stringify({
          "@context": "https://www.w3.org/ns/activitystreams",
          id: `${id}/${name}`,
          type: "OrderedCollection",
          totalItems: 0,
        }),
      );
    docs.set(
      `/users/a${i}`,
      JSON.stringify({
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        id,
        type: "Person",
        preferredUsername: `a${i}`,
        inbox: `${id}/inbox`,
        followers: `${id}/followers`,
        endpoints: { sharedInbox: `${base}/inbox` },
        publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: await pem(keys[i]!.publicKey) },
      }),
    );
  }
  return {
    base,
    actorUri,
    async sign(i, inbox, activity) {
      const body = JSON.stringify(activity);
      const signed = await signRequest(
        new Request(inbox, { method: "POST", headers: { "content-type": AP, accept: AP }, body }),
        keys[i]!.privateKey,
        new URL(`${actorUri(i)}#main-key`),
      );
      return { url: inbox, headers: Object.fromEntries(signed.headers), body };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
