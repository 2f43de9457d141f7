// Authorized fetch ("secure mode"): with HEARTH_AUTHORIZED_FETCH=true or the `authorized_fetch`
// setting, our ActivityPub documents answer only signed GETs — Fedify's `authorize`
// predicates on the object and collection dispatchers (401 otherwise). Actors stay fetchable
// without a signature, as Mastodon's are, but then show only what a server needs to verify
// a signature and talk back (Mastodon's restrict_fields_to: id, type, preferredUsername,
// inbox, outbox, publicKey, endpoints); the instance actor is always whole, or two servers in
// secure mode could never fetch each other's keys. Requests signed by hosts the policy cuts
// off never get here (instance-gate.ts answers 403).
import type { RequestContext } from "@fedify/fedify";
import { Endpoints, Person } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { authorizedFetchOn } from "../services/instance-domain-blocks/policy.ts";

/**
 * Requests that came from the network (marked by the federation middleware). Dispatchers
 * also run for requests we make up ourselves (an Update(Person) is built from the actor
 * dispatcher); those are never restricted.
 */
const incoming = new WeakSet<Request>();

export function markIncoming(request: Request): void {
  incoming.add(request);
}

/** False for an unsigned (or badly signed) request from the network in secure mode. */
export async function mayRead(ctx: RequestContext<AppContext>): Promise<boolean> {
  if (!incoming.has(ctx.request)) return true;
  if (!(await authorizedFetchOn(ctx.data))) return true;
  // The key is fetched signed by our instance actor: the peer may be in secure mode too.
  const key = await ctx.getSignedKey({
    documentLoader: await ctx.getDocumentLoader({ identifier: "instance" }),
  });
  return key !== null;
}

/** The `authorize` predicate of every object and collection dispatcher. */
export const authorizeFetch = (ctx: RequestContext<AppContext>): Promise<boolean> => mayRead(ctx);

/** The actor as an unsigned request sees it in secure mode. */
export async function minimalActor(
  ctx: RequestContext<AppContext>,
  id: string,
  username: string,
): Promise<Person> {
  const keys = await ctx.getActorKeyPairs(id);
  return new Person({
    id: ctx.getActorUri(id),
    preferredUsername: username,
    inbox: ctx.getInboxUri(id),
    outbox: ctx.getOutboxUri(id),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
  });
}
