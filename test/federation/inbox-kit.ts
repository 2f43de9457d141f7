// A fake remote server for inbox tests: an HTTP server on 127.0.0.1 that serves actor
// documents (with their public keys), WebFinger and any object a test registers, records what
// is POSTed to its inboxes, and signs activities it delivers to our inbox (draft-cavage HTTP
// Signatures through Fedify's signRequest). The rig must run with listen: true and
// HEARTH_ALLOW_PRIVATE_FEDERATION=true (loopback peers; tests only).
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signRequest } from "@fedify/fedify";
import { createFederation } from "../../src/federation/federation.ts";
import { DatabaseMessageQueue } from "../../src/federation/message-queue.ts";
import type { Rig } from "../rig/index.ts";

export type Json = Record<string, unknown>;

export interface Remote {
  base: string;
  host: string;
  /** Path → JSON document served with application/activity+json. */
  objects: Map<string, Json>;
  /** Bodies POSTed to any inbox here. */
  received: Json[];
  /** Paths answered with 410 Gone (a deleted actor). */
  gone: Set<string>;
  /** A new key pair for `name` (signatures no longer match the published key). */
  rotateKey(name: string): Promise<void>;
  actorUri(name: string): string;
  addActor(name: string, extra?: Json): Promise<string>;
  deliver(
    rig: Rig,
    name: string,
    activity: Json,
    path?: string,
    headers?: Record<string, string>,
  ): Promise<number>;
  close(): Promise<void>;
}

const AP = "application/activity+json";

async function pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey("spki", key)).toString("base64");
  return `-----BEGIN PUBLIC KEY-----\n${der.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----\n`;
}

export async function startRemote(): Promise<Remote> {
  const objects = new Map<string, Json>();
  const received: Json[] = [];
  const keys = new Map<string, CryptoKeyPair>();
  const gone = new Set<string>();
  const generate = async () =>
    (await crypto.subtle.generateKey(
      {
        name: "RSASSA-PKCS1-v1_5",
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: "SHA-256",
      },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "POST") {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        try {
          received.push(JSON.parse(body));
        } catch {}
        res.writeHead(202).end();
      });
      return;
    }
    if (url.pathname === "/.well-known/webfinger") {
      const resource = url.searchParams.get("resource") ?? "";
      const m = /^acct:([^@]+)@(.+)$/.exec(resource);
      if (m === null || m[2] !== remote.host || !objects.has(`/users/${m[1]}`)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/jrd+json" });
      res.end(
        JSON.stringify({
          subject: resource,
          links: [{ rel: "self", type: AP, href: remote.actorUri(m[1]!) }],
        }),
      );
      return;
    }
    if (gone.has(url.pathname)) {
      res.writeHead(410).end();
      return;
    }
    const doc = objects.get(url.pathname);
    if (doc === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": AP });
    res.end(JSON.stringify(doc));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const remote: Remote = {
    base: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    objects,
    received,
    gone,
    async rotateKey(name) {
      keys.set(name, await generate());
    },
    actorUri: (name) => `http://127.0.0.1:${port}/users/${name}`,
    async addActor(name, extra = {}) {
      const pair = await generate();
      keys.set(name, pair);
      const id = remote.actorUri(name);
      objects.set(`/users/${name}`, {
        "@context": [
          "https://www.w3.org/ns/activitystreams",
          "https://w3id.org/security/v1",
          // Mastodon's extension terms, as its actors carry them.
          {
            manuallyApprovesFollowers: "as:manuallyApprovesFollowers",
            toot: "http://joinmastodon.org/ns#",
            discoverable: "toot:discoverable",
          },
        ],
        id,
        type: "Person",
        preferredUsername: name,
        name: `${name[0]!.toUpperCase()}${name.slice(1)} <b>Remote</b>`,
        summary: '<p>Hi<script>alert(1)</script> <a href="javascript:x">there</a></p>',
        url: `${remote.base}/@${name}`,
        inbox: `${id}/inbox`,
        followers: `${id}/followers`,
        endpoints: { sharedInbox: `${remote.base}/inbox` },
        publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: await pem(pair.publicKey) },
        ...extra,
      });
      return id;
    },
    async deliver(rig, name, activity, path = "/inbox", headers = {}) {
      const pair = keys.get(name);
      if (pair === undefined) throw new Error(`no actor ${name}`);
      const request = new Request(new URL(path, rig.url), {
        method: "POST",
        headers: { "content-type": AP, accept: AP, ...headers },
        body: JSON.stringify(activity),
      });
      const signed = await signRequest(
        request,
        pair.privateKey,
        new URL(`${remote.actorUri(name)}#main-key`),
      );
      const res = await fetch(signed);
      await res.text();
      return res.status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return remote;
}

/** Runs Fedify's queued work (inbox activities, then what they send) at the rig's clock. */
export async function runFedify(rig: Rig): Promise<number> {
  const federation = createFederation(rig.ctx);
  const queue = new DatabaseMessageQueue(rig.ctx);
  let total = 0;
  // What a message enqueues (an Accept to send) runs too, until nothing is due.
  for (;;) {
    const ran = await queue.runDue((message) =>
      federation.processQueuedTask(rig.ctx, message as never),
    );
    if (ran === 0) return total;
    total += ran;
  }
}

/** A recorded payload from test/fixtures/activitypub, its hosts replaced. */
export function fixture(path: string, replace: Record<string, string>): Json {
  let text = readFileSync(new URL(`../fixtures/activitypub/${path}`, import.meta.url), "utf8");
  for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to);
  const json = JSON.parse(text) as Json;
  // The recorded LD signature cannot survive the host rewrite; the HTTP signature is ours.
  delete json.signature;
  return json;
}

export const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

export const AS = "https://www.w3.org/ns/activitystreams";

/** Jobs of Fedify's lane (its inbox work and deliveries), failed ones too. */
export function fedifyJobs(rig: Rig) {
  return rig.ctx.db
    .selectFrom("jobs")
    .select(["id", "failed_at"])
    .where("queue", "=", "fedify")
    .execute();
}

export function accountByUri(rig: Rig, uri: string) {
  return rig.ctx.db.selectFrom("accounts").selectAll().where("uri", "=", uri).executeTakeFirst();
}

export function statusesByUri(rig: Rig, uri: string) {
  return rig.ctx.db.selectFrom("statuses").selectAll().where("uri", "=", uri).execute();
}

/** Delivers as `name` to our shared inbox, expects 202, then runs the queued work. */
export async function deliverAndRun(rig: Rig, remote: Remote, name: string, activity: Json) {
  const status = await remote.deliver(rig, name, activity);
  if (status !== 202) throw new Error(`inbox answered ${status}`);
  await runFedify(rig);
}
