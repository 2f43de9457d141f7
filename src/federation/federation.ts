// The Fedify federation of this server: actors, keys, WebFinger, collections and post objects,
// on our own key–value store. One per AppContext (createFederation(ctx)); src/federation/mount.ts
// puts it in front of the Hono routes.
//
// URI scheme (ids, never usernames, so that a rename or a move keeps references working):
//   actor            /ap/users/<account id>          (human URL /@<username>)
//   inbox            /ap/users/<id>/inbox, shared /inbox
//   collections      /ap/users/<id>/{outbox,followers,following,collections/featured,collections/tags}
//   post             /ap/statuses/<status id>         (Create activity: <post>/activity)
//   instance actor   /actor                           (acct:<domain>@<domain>)
import { createFederation as createFedifyFederation, type Federation } from "@fedify/fedify";
import { Note } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { findPublicLocalStatus } from "../repos/federation-reads.ts";
import { registerActors } from "./actors.ts";
import { authorizeFetch } from "./authorized-fetch.ts";
import { registerCollections } from "./collections.ts";
import { registerInbox } from "./inbox/index.ts";
import { DatabaseKvStore } from "./kv-store.ts";
import { DatabaseMessageQueue } from "./message-queue.ts";
import { loadNoteParts, toNote } from "./notes.ts";
import { outboxOptions, registerOutboxPolicy } from "./outbox/policy.ts";
import { registerQuoteStamps } from "./quote-stamps.ts";
import { registerFederationLookup } from "./remote-lookup.ts";

export const STATUS_PATH = "/ap/statuses/{id}";

export function createFederation(ctx: AppContext): Federation<AppContext> {
  const federation = createFedifyFederation<AppContext>({
    kv: new DatabaseKvStore(ctx),
    // Canonical URLs whatever Host a request came with (HEARTH_DOMAIN is the public name).
    origin: ctx.config.baseUrl,
    // Fan-out, deliveries and inbox work are jobs (lane "fedify" of the jobs table). Only the
    // processes that run workers start consuming them (federation.startQueue()).
    queue: new DatabaseMessageQueue(ctx),
    manuallyStartQueue: true,
    // HEARTH_ALLOW_PRIVATE_FEDERATION (tests, local development): peers on loopback/private
    // addresses. Off by default: Fedify's SSRF guard refuses them.
    allowPrivateAddress: ctx.config.allowPrivateFederation,
    // Delivery failures: permanent codes, failing servers (outbox/policy.ts).
    ...outboxOptions(ctx),
  });
  registerOutboxPolicy(federation);
  registerActors(federation);
  registerCollections(federation);
  // Our public and unlisted posts, at the URI statuses already carry (/ap/statuses/<id>).
  federation
    .setObjectDispatcher(Note, STATUS_PATH, async (fctx, values) => {
      const status = await findPublicLocalStatus(fctx.data.db, values.id);
      if (status === undefined) return null;
      const parts = await loadNoteParts(fctx.data, [status]);
      return toNote(fctx.data, fctx, status, parts.get(String(status.id))!);
    })
    .authorize(authorizeFetch);
  // FEP-044f stamps approving quotes of our posts (quote-stamps.ts).
  registerQuoteStamps(federation);
  // One listener per activity type (inbox/index.ts), on personal inboxes and the shared one.
  registerInbox(federation.setInboxListeners("/ap/users/{identifier}/inbox", "/inbox"));
  // Search and mentions reach other servers through it (services/federation/remote-lookup.ts).
  registerFederationLookup(ctx, federation);
  return federation;
}
