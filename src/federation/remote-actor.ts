// Remote accounts: fetch an actor document (signed by the instance actor, through Fedify's
// SSRF-guarded document loader and its cache), check it as Mastodon does, and store it
// (services/federation/remote-account.ts). Checks before anything is stored:
// - the document's id is on the host it was fetched from (Fedify's lookupObject also refuses
//   a document whose id has another origin than its URL);
// - it is an actor with a preferredUsername;
// - WebFinger confirms it: acct:<preferredUsername>@<host> points back at this very actor id
//   (a different canonical subject is followed once and must point back too: split domains).
import type { Context } from "@fedify/fedify";
import {
  type Actor,
  Application,
  Emoji,
  Group,
  isActor,
  type Link,
  Organization,
  Service,
  Tombstone,
} from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../context.ts";
import type { AccountRow } from "../repos/accounts.ts";
import { findAccountByUri, type RemoteEmoji } from "../repos/remote-objects.ts";
import { scheduleAccountRefresh } from "../services/federation/refresh-jobs.ts";
import {
  type RemoteAccountData,
  removeRemoteAccount,
  upsertRemoteAccount,
} from "../services/federation/remote-account.ts";
import { acceptsMediaFrom, federatesWith } from "../services/instance-domain-blocks/policy.ts";
import { INSTANCE_ACTOR } from "./actors.ts";
import { narrowContexts } from "./context-quirks.ts";
import { emojiOf } from "./inbox/note-data.ts";

const logger = getLogger(["hearth", "federation", "actors"]);

/** A known remote account is refetched when its copy is older than this (Mastodon: a day). */
const STALE_MS = 24 * 60 * 60 * 1000;
const AP_TYPES = [
  "application/activity+json",
  'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
];

type Ctx = Context<AppContext>;

export function linkHref(value: URL | Link | null | undefined): string | null {
  if (value == null) return null;
  if (value instanceof URL) return value.href;
  return value.href?.href ?? null;
}

/** A URL we may link to or fetch from: http(s) only (no file:, data:, javascript:…). */
export function webHref(value: URL | Link | null | undefined): string | null {
  const href = linkHref(value);
  return href !== null && /^https?:\/\//i.test(href) ? href : null;
}

function text(value: unknown): string | null {
  return value == null ? null : String(value);
}

/**
 * Signed with the instance actor: peers in authorized-fetch mode answer only signed GETs.
 * Hosts the federation policy cuts off (suspended, or not allowed) are never asked.
 */
export async function signedLoader(ctx: Ctx) {
  const loader = await ctx.getDocumentLoader({ identifier: INSTANCE_ACTOR });
  return async (url: string, options?: Parameters<typeof loader>[1]) => {
    const host = URL.parse(url)?.host;
    if (host !== undefined && !(await federatesWith(ctx.data, host)))
      throw new Error(`${host} is not allowed to federate with this server`);
    const remote = await loader(url, options);
    return { ...remote, document: narrowContexts(remote.document) };
  };
}

interface Jrd {
  subject?: string;
  links?: { rel?: string; type?: string; href?: string }[];
}

async function webfinger(ctx: Ctx, resource: string, actorUrl: URL): Promise<Jrd | null> {
  const domain = resource.slice(resource.lastIndexOf("@") + 1);
  if (!(await federatesWith(ctx.data, domain))) return null;
  // Fedify looks acct: up over https only. With private federation on (tests, development)
  // a peer on plain http is asked over http; that mode already allows loopback addresses.
  if (actorUrl.protocol === "http:" && ctx.data.config.allowPrivateFederation) {
    const host = resource.slice(resource.lastIndexOf("@") + 1);
    const url = new URL(`http://${host}/.well-known/webfinger`);
    url.searchParams.set("resource", resource);
    const res = await fetch(url, {
      headers: { accept: "application/jrd+json" },
      redirect: "error",
      signal: AbortSignal.timeout(10_000),
    });
    return res.ok ? ((await res.json()) as Jrd) : null;
  }
  return (await ctx.lookupWebFinger(resource)) as Jrd | null;
}

/**
 * The actor id WebFinger gives for an address of unknown scheme (search, mentions): https,
 * or plain http when private federation is on (tests, development). Null when none.
 */
export async function webfingerSelf(ctx: Ctx, resource: string): Promise<string | null> {
  const host = resource.slice(resource.lastIndexOf("@") + 1);
  const schemes = ctx.data.config.allowPrivateFederation ? ["https:", "http:"] : ["https:"];
  for (const scheme of schemes) {
    try {
      const jrd = await webfinger(ctx, resource, new URL(`${scheme}//${host}/`));
      const self = jrd === null ? undefined : selfLink(jrd);
      if (self !== undefined) return self;
    } catch (error) {
      logger.info("WebFinger {resource} failed: {error}", { resource, error });
    }
  }
  return null;
}

function selfLink(jrd: Jrd): string | undefined {
  return jrd.links?.find(
    (l) => l.rel === "self" && (l.type === undefined || AP_TYPES.includes(l.type)),
  )?.href;
}

/** The acct: domain confirmed for this actor, or null when WebFinger does not confirm it. */
async function confirmedDomain(ctx: Ctx, username: string, id: URL): Promise<string | null> {
  try {
    const first = await webfinger(ctx, `acct:${username}@${id.host}`, id);
    if (first === null || selfLink(first) !== id.href) return null;
    const subject = /^acct:([^@]+)@([^@]+)$/i.exec(first.subject ?? "");
    if (subject === null || subject[2]!.toLowerCase() === id.host.toLowerCase())
      return id.host.toLowerCase();
    // The canonical address is elsewhere (example.com handles, ap.example.com actors).
    const second = await webfinger(ctx, `acct:${subject[1]}@${subject[2]}`, id);
    if (second === null || selfLink(second) !== id.href) return null;
    return new URL(`https://${subject[2]}`).host;
  } catch (error) {
    logger.info("WebFinger check of {id} failed: {error}", { id: id.href, error });
    return null;
  }
}

async function total(fetch: () => Promise<{ totalItems: number | null } | null>) {
  try {
    return (await fetch())?.totalItems ?? null;
  } catch {
    return null; // hidden or unreachable collections keep the numbers we have
  }
}

async function toData(ctx: Ctx, actor: Actor, domain: string): Promise<RemoteAccountData> {
  const documentLoader = await signedLoader(ctx);
  const opts = { documentLoader, suppressError: true };
  const fields: { name: string; value: string }[] = [];
  const [icon, image] = await Promise.all([
    actor.getIcon(opts).catch(() => null),
    actor.getImage(opts).catch(() => null),
  ]);
  const emojis: RemoteEmoji[] = [];
  for await (const tag of actor.getTags(opts)) {
    if (!(tag instanceof Emoji)) continue;
    const emoji = await emojiOf(tag, opts);
    if (emoji !== null) emojis.push(emoji);
  }
  for await (const a of actor.getAttachments(opts)) {
    if (a === null || !("value" in a)) continue;
    fields.push({ name: text(a.name) ?? "", value: text((a as { value: unknown }).value) ?? "" });
  }
  const [followersCount, followingCount, statusesCount] = await Promise.all([
    total(() => actor.getFollowers(opts)),
    total(() => actor.getFollowing(opts)),
    total(() => actor.getOutbox(opts)),
  ]);
  // reject_media (instance domain blocks): no pictures or emoji of that server.
  const media = await acceptsMediaFrom(ctx.data, domain);
  return {
    uri: actor.id!.href,
    username: text(actor.preferredUsername)!,
    domain,
    url: webHref(actor.url) ?? actor.id!.href,
    name: text(actor.name),
    summary: text(actor.summary),
    fields,
    avatarUrl: media ? webHref(icon?.url) : null,
    headerUrl: media ? webHref(image?.url) : null,
    locked: actor.manuallyApprovesFollowers === true,
    bot: actor instanceof Service || actor instanceof Application,
    actorType: actorTypeOf(actor),
    discoverable: actor.discoverable,
    indexable: actor.indexable === true,
    memorial: actor.memorial === true,
    inboxUrl: actor.inboxId?.href ?? null,
    sharedInboxUrl: actor.endpoints?.sharedInbox?.href ?? null,
    outboxUrl: actor.outboxId?.href ?? null,
    followersUrl: actor.followersId?.href ?? null,
    followingUrl: actor.followingId?.href ?? null,
    featuredUrl: actor.featuredId?.href ?? null,
    followersCount,
    followingCount,
    statusesCount,
    publishedAt:
      actor.published === null ? null : new Date(actor.published.toString()).toISOString(),
    emojis: media ? emojis : [],
  };
}

export interface ResolveOptions {
  /** Fetch again even when the stored copy is fresh (Update(Person)). */
  refresh?: boolean;
  /**
   * The actor document as the actor itself sent it (an Update(Person) signed by that actor,
   * same id): used instead of a fetch, which could return a cached older copy.
   */
  actor?: Actor;
}

/**
 * The account of the actor at `uri`: the stored one when fresh, else fetched, checked and
 * stored. Null when it cannot be fetched or fails a check (nothing is stored then). Our own
 * actors are never fetched: they are found by uri.
 */
export async function resolveRemoteAccount(
  ctx: Ctx,
  uri: string | URL,
  options: ResolveOptions = {},
): Promise<AccountRow | null> {
  const href = typeof uri === "string" ? uri : uri.href;
  const known = await findAccountByUri(ctx.data.db, href);
  if (known?.domain === null) return known;
  if (new URL(href).origin === new URL(ctx.data.config.baseUrl).origin) return null;
  // A server we do not federate with: nothing fetched, nothing new stored.
  if (!(await federatesWith(ctx.data, new URL(href).host))) return known ?? null;
  const now = ctx.data.clock.now().getTime();
  if (known !== undefined && options.refresh !== true) {
    // A stale copy still answers now; the refetch is a job (refresh-actor.ts), so a lookup,
    // a mention or an incoming activity never waits on the actor's server.
    const fresh = known.fetched_at !== null && now - Date.parse(known.fetched_at) < STALE_MS;
    if (!fresh && known.suspended_at === null) await scheduleAccountRefresh(ctx.data, known.id);
    return known;
  }
  let object: unknown = options.actor?.id?.href === href ? options.actor : undefined;
  try {
    object ??= await ctx.lookupObject(href, { documentLoader: await signedLoader(ctx) });
  } catch (error) {
    logger.info("Fetching actor {uri} failed: {error}", { uri: href, error });
    return known ?? null;
  }
  if (object instanceof Tombstone && known !== undefined) {
    await removeRemoteAccount(ctx.data, known);
    return null;
  }
  if (!isActor(object) || object.id === null) return known ?? null;
  const actor = object;
  const id = actor.id!;
  const username = text(actor.preferredUsername);
  if (id.host !== new URL(href).host || username === null || username === "") return null;
  // An instance actor is named after its host: with a port (servers on loopback), that has a
  // colon, allowed there only.
  const named = username === id.host.toLowerCase() ? id.hostname : username;
  if (!/^[\p{L}\p{N}_.-]+$/u.test(named) || username.length > 255) return null;
  const domain = await confirmedDomain(ctx, username, id);
  if (domain === null) return known ?? null;
  return upsertRemoteAccount(ctx.data, await toData(ctx, actor, domain));
}

/** The actor's ActivityStreams type, as Mastodon's accounts.actor_type keeps it. */
function actorTypeOf(actor: object): string {
  if (actor instanceof Group) return "Group";
  if (actor instanceof Service) return "Service";
  if (actor instanceof Application) return "Application";
  if (actor instanceof Organization) return "Organization";
  return "Person";
}
