// The recorded payloads of test/fixtures/activitypub as a peer would send them: a fake server
// on 127.0.0.1 serves the payload's actor (the recorded actor document when there is one,
// with a key of ours in place of the recorded one, whose private half nobody has), WebFinger
// and any other document, and signs deliveries with that actor's key (draft-cavage, through
// Fedify's signRequest). The recorded hosts are moved onto this server (`load`). Unlike
// inbox-kit's remote, actors live at whatever path their recorded id has (/u/x, /channel/x,
// /@x), and WebFinger answers can be recorded JRDs. Needs a rig with listen: true and
// HEARTH_ALLOW_PRIVATE_FEDERATION=true.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { signRequest } from "@fedify/fedify";
import type { Rig } from "../rig/index.ts";
import { type Json, runFedify } from "./inbox-kit.ts";

export type { Json };

export interface Peer {
  base: string;
  host: string;
  /** Path (with its query, if any) → document served as application/activity+json. */
  docs: Map<string, unknown>;
  /** `acct:` resource → JRD. Actors served with `actor` get one unless one is set. */
  webfinger: Map<string, Json>;
  /** Serves `doc` at its id's path with a fresh key of ours; returns the id. */
  actor(doc: Json): Promise<string>;
  /** A plain Person at `path` (for payloads whose actor document was not recorded). */
  person(path: string, extra?: Json): Promise<string>;
  /** POSTs `activity` signed by `actorId`'s key to our `path`; the status we answered. */
  deliver(rig: Rig, actorId: string, activity: Json, path?: string): Promise<number>;
  close(): Promise<void>;
}

const AP = "application/activity+json";
const SECURITY = "https://w3id.org/security/v1";

async function pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey("spki", key)).toString("base64");
  return `-----BEGIN PUBLIC KEY-----\n${der.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----\n`;
}

/** The context with the security vocabulary our publicKey needs (Lemmy's assets have none). */
function withSecurity(context: unknown): unknown {
  if (context === undefined) return ["https://www.w3.org/ns/activitystreams", SECURITY];
  const list = Array.isArray(context) ? context : [context];
  return list.includes(SECURITY) ? list : [...list, SECURITY];
}

export async function startPeer(): Promise<Peer> {
  const docs = new Map<string, unknown>();
  const webfinger = new Map<string, Json>();
  const keys = new Map<string, CryptoKeyPair>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "POST") {
      req.resume();
      req.on("end", () => res.writeHead(202).end());
      return;
    }
    if (url.pathname === "/.well-known/webfinger") {
      const jrd = webfinger.get(url.searchParams.get("resource") ?? "");
      if (jrd === undefined) res.writeHead(404).end();
      else res.writeHead(200, { "content-type": "application/jrd+json" }).end(JSON.stringify(jrd));
      return;
    }
    const doc = docs.get(url.pathname + url.search) ?? docs.get(url.pathname);
    if (doc === undefined) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": AP }).end(JSON.stringify(doc));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const peer: Peer = {
    base,
    host: `127.0.0.1:${port}`,
    docs,
    webfinger,
    async actor(doc) {
      const pair = (await crypto.subtle.generateKey(
        {
          name: "RSASSA-PKCS1-v1_5",
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: "SHA-256",
        },
        true,
        ["sign", "verify"],
      )) as CryptoKeyPair;
      const id = doc.id as string;
      keys.set(id, pair);
      const url = new URL(id);
      docs.set(url.pathname + url.search, {
        ...doc,
        "@context": withSecurity(doc["@context"]),
        publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: await pem(pair.publicKey) },
      });
      const acct = `acct:${doc.preferredUsername}@${peer.host}`;
      if (typeof doc.preferredUsername === "string" && !webfinger.has(acct)) {
        webfinger.set(acct, { subject: acct, links: [{ rel: "self", type: AP, href: id }] });
      }
      return id;
    },
    person(path, extra = {}) {
      const id = `${base}${path}`;
      const name = path.split("/").pop() ?? "someone";
      return peer.actor({
        "@context": "https://www.w3.org/ns/activitystreams",
        id,
        type: "Person",
        preferredUsername: name,
        inbox: `${id}/inbox`,
        endpoints: { sharedInbox: `${base}/inbox` },
        ...extra,
      });
    },
    async deliver(rig, actorId, activity, path = "/inbox") {
      const pair = keys.get(actorId);
      if (pair === undefined) throw new Error(`no key for ${actorId}`);
      const request = new Request(new URL(path, rig.url), {
        method: "POST",
        headers: { "content-type": AP, accept: AP },
        body: JSON.stringify(activity),
      });
      const signed = await signRequest(request, pair.privateKey, new URL(`${actorId}#main-key`));
      const res = await fetch(signed);
      await res.text();
      return res.status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return peer;
}

/**
 * A recorded payload (or its `.json` under another name) with every `hosts` origin, http or
 * https, moved onto the peer, then the `replace` pairs applied (our own actors and posts).
 * The recorded LD signature cannot survive the rewrite and is dropped (we never trust one).
 */
export function load(
  path: string,
  peer: Peer,
  hosts: string[],
  replace: Record<string, string> = {},
): Json {
  let text = readFileSync(new URL(`../fixtures/activitypub/${path}`, import.meta.url), "utf8");
  for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to);
  for (const host of hosts) {
    text = text.split(`https://${host}`).join(peer.base).split(`http://${host}`).join(peer.base);
  }
  const json = JSON.parse(text) as Json;
  delete json.signature;
  return json;
}

/** Delivers, expects 202 (accepted for processing), then runs the queued inbox work. */
export async function deliverAndRun(
  rig: Rig,
  peer: Peer,
  actorId: string,
  activity: Json,
  path = "/inbox",
): Promise<void> {
  const status = await peer.deliver(rig, actorId, activity, path);
  if (status !== 202) throw new Error(`inbox answered ${status}`);
  await runFedify(rig);
}
