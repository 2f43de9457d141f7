// A fake remote server for the outbox suites: an HTTP server on 127.0.0.1 that plays
// remote.test (carol's actor document, a personal and a shared inbox), records every POST
// and answers with the status a test asks for. Helpers point the fixture carol at it, make
// her follow a local account, and run the delivery pipeline to the end: our `federation.deliver`
// jobs, then Fedify's messages (fan-out and signed POSTs) on the "fedify" lane.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyRequest } from "@fedify/fedify";
import { getDocumentLoader } from "@fedify/vocab-runtime";
import { DatabaseMessageQueue, openQueuedMessage } from "../../src/federation/message-queue.ts";
import { federationFor } from "../../src/federation/outbox/instance.ts";
import { settleDeliveryBookkeeping } from "../../src/federation/outbox/policy.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import type { Rig } from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: activities are checked field by field
export type Json = any;

/** The fake server is on loopback: the rigs of the outbox suites allow that. */
export const PRIVATE_FEDERATION = { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" };

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Json;
  raw: string;
}

export interface RemoteServer {
  url: string;
  host: string;
  received: Received[];
  /** The status every inbox answers with (default 202). */
  status: number;
  close(): Promise<void>;
}

export async function startRemote(): Promise<RemoteServer> {
  const remote: RemoteServer = {
    url: "",
    host: "",
    received: [],
    status: 202,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      raw += chunk;
    });
    req.on("end", () => {
      if (req.method === "POST") {
        remote.received.push({
          path: req.url ?? "",
          headers: req.headers,
          body: raw === "" ? null : JSON.parse(raw),
          raw,
        });
        res.writeHead(remote.status).end();
        return;
      }
      if (req.url === "/users/carol") {
        res.writeHead(200, { "content-type": "application/activity+json" });
        res.end(JSON.stringify(carolActor(remote.url)));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  remote.url = `http://127.0.0.1:${port}`;
  remote.host = `127.0.0.1:${port}`;
  remote.close = () => new Promise((resolve) => server.close(() => resolve()));
  return remote;
}

function carolActor(base: string): Json {
  return {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${base}/users/carol`,
    type: "Person",
    preferredUsername: "carol",
    inbox: `${base}/users/carol/inbox`,
    endpoints: { sharedInbox: `${base}/inbox` },
  };
}

/** Points the fixture carol (carol@remote.test) at the fake server. */
export async function pointCarolAt(rig: Rig, remote: RemoteServer): Promise<void> {
  await rig.ctx.db
    .updateTable("accounts")
    .set({
      uri: `${remote.url}/users/carol`,
      url: `${remote.url}/@carol`,
      inbox_url: `${remote.url}/users/carol/inbox`,
      shared_inbox_url: `${remote.url}/inbox`,
    })
    .where("id", "=", rig.fixtures.carol.id)
    .execute();
}

/** carol follows `targetId` (as an accepted remote Follow would leave it). */
export async function remoteFollows(rig: Rig, followerId: string, targetId: string) {
  const at = rig.clock.now().toISOString();
  await rig.ctx.db
    .insertInto("follows")
    .values({
      id: rig.ctx.newId(),
      account_id: followerId,
      target_account_id: targetId,
      uri: `https://remote.test/follows/${rig.ctx.newId()}`,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** Runs our jobs, then Fedify's messages, until nothing is due by the rig's clock. */
export async function flushDeliveries(rig: Rig): Promise<void> {
  const federation = federationFor(rig.ctx);
  const queue = new DatabaseMessageQueue(rig.ctx);
  for (let round = 0; round < 20; round++) {
    const jobs = await runDueJobs(rig.ctx);
    const messages = await queue.runDue((m) =>
      federation.processQueuedTask(
        rig.ctx,
        m as Parameters<typeof federation.processQueuedTask>[1],
      ),
    );
    await settleDeliveryBookkeeping();
    if (jobs === 0 && messages === 0) return;
  }
  throw new Error("deliveries keep coming");
}

/** Fedify messages still waiting on the "fedify" lane (retries included). */
export async function queuedMessages(rig: Rig): Promise<{ runAt: string; payload: Json }[]> {
  const rows = await rig.ctx.db
    .selectFrom("jobs")
    .select(["run_at", "payload"])
    .where("queue", "=", "fedify")
    .execute();
  return rows.map((r) => ({
    runAt: r.run_at,
    // Stored sealed (the messages carry signing keys): opened as Fedify will get them.
    payload: {
      message: openQueuedMessage(
        rig.ctx,
        typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
      ),
    },
  }));
}

/**
 * Verifies a received POST's HTTP signature with Fedify's verifier, fetching our actor's key
 * from the rig in-process. Returns the key owner's id, or null when it does not verify.
 */
export async function verifiedSigner(rig: Rig, remote: RemoteServer, r: Received) {
  const fallback = getDocumentLoader();
  const documentLoader = async (url: string) => {
    if (!url.startsWith(rig.config.baseUrl)) return fallback(url);
    const res = await rig.request(new URL(url).pathname, {
      headers: { accept: "application/activity+json" },
    });
    return { contextUrl: null, documentUrl: url, document: await res.json() };
  };
  const headers = new Headers();
  for (const [name, value] of Object.entries(r.headers))
    if (typeof value === "string") headers.set(name, value);
  const request = new Request(`${remote.url}${r.path}`, {
    method: "POST",
    headers,
    body: r.raw,
  });
  const key = await verifyRequest(request, { documentLoader, contextLoader: fallback });
  return key?.ownerId?.href ?? null;
}
