// The collections of our actors: followers and following (actor URIs; only the total when the
// owner hides them), the outbox (public and unlisted posts as Create, boosts as Announce),
// featured (pinned posts as Notes) and featured tags. Pages are ranges on row ids, newest
// first; the cursor is the last id of the previous page ("first" starts at the newest).
import type { Context, Federation, RequestContext } from "@fedify/fedify";
import { Hashtag } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import {
  findLocalActor,
  type LocalActorRow,
  listFeaturedTagNames,
  listFollowUris,
  listOutboxStatuses,
  listPublicPins,
} from "../repos/federation-reads.ts";
import { actorState, INSTANCE_ACTOR } from "./actors.ts";
import { authorizeFetch } from "./authorized-fetch.ts";
import { loadNoteParts, toNote, toOutboxActivity } from "./notes.ts";
import { deliverableRecipients } from "./outbox/unavailable.ts";

const FIRST = "first";
// Mastodon's page sizes: 12 accounts a page of followers or following, 20 posts an outbox page.
const FOLLOWS_PER_PAGE = 12;
const OUTBOX_PER_PAGE = 20;

/** The id to continue below, null for the first page; undefined for a cursor we never made. */
function parseCursor(cursor: string): string | null | undefined {
  if (cursor === FIRST) return null;
  return /^\d{1,19}$/.test(cursor) ? cursor : undefined;
}

/** The owner, when the network may see it (collections of gone accounts are gone too). */
async function owner(ctx: Context<AppContext>, id: string): Promise<LocalActorRow | null> {
  if (id === INSTANCE_ACTOR) return null;
  const row = await findLocalActor(ctx.data.db, id);
  return row !== null && actorState(row) === "active" ? row : null;
}

/**
 * Hidden collections (Mastodon's hide_collections) show their total only, to whoever fetches
 * them; Fedify's own reads of the followers (to deliver to them) still see every follower.
 */
function hiddenFromRequest(ctx: Context<AppContext>, row: LocalActorRow, collection: URL): boolean {
  if (row.account.hide_collections !== true) return false;
  const request = (ctx as Partial<RequestContext<AppContext>>).request;
  return request !== undefined && new URL(request.url).pathname === collection.pathname;
}

function fromRequest(ctx: Context<AppContext>): boolean {
  return (ctx as Partial<RequestContext<AppContext>>).request !== undefined;
}

function partialView(ctx: Context<AppContext>): boolean {
  const request = (ctx as Partial<RequestContext<AppContext>>).request;
  return request !== undefined && new URL(request.url).searchParams.has("base-url");
}

function registerFollows(federation: Federation<AppContext>, kind: "followers" | "following") {
  const path = `/ap/users/{identifier}/${kind}` as const;
  const uriOf = (ctx: Context<AppContext>, id: string) =>
    kind === "followers" ? ctx.getFollowersUri(id) : ctx.getFollowingUri(id);
  const page = async (
    ctx: Context<AppContext>,
    id: string,
    cursor: string | null,
    filter?: URL,
  ) => {
    const row = await owner(ctx, id);
    if (row === null) return null;
    if (hiddenFromRequest(ctx, row, uriOf(ctx, id)))
      return cursor === null ? { entries: [], nextCursor: null } : null;
    const maxId = cursor === null ? null : parseCursor(cursor);
    if (maxId === undefined) return null;
    // Without a cursor (FEP-8fcf synchronisation, delivery) the whole list, in large pages;
    // Fedify's own read for a delivery must miss no follower.
    const whole = fromRequest(ctx) ? 10_000 : 1_000_000_000;
    const limit = cursor === null ? whole : FOLLOWS_PER_PAGE;
    const prefix = filter === undefined ? null : filter.href;
    const entries = await listFollowUris(ctx.data.db, kind, id, maxId, limit, prefix);
    return {
      entries,
      nextCursor:
        cursor !== null && entries.length === limit ? (entries.at(-1)?.cursor ?? null) : null,
    };
  };
  const counter = async (ctx: Context<AppContext>, id: string) => {
    const row = await owner(ctx, id);
    if (row === null) return null;
    return Number(kind === "followers" ? row.account.followers_count : row.account.following_count);
  };
  const firstCursor = async (ctx: Context<AppContext>, id: string) => {
    const row = await owner(ctx, id);
    if (row === null || hiddenFromRequest(ctx, row, uriOf(ctx, id))) return null;
    // FEP-8fcf's partial view (?base-url=) lists its items inline, unpaged, as Mastodon's does
    // and as Mastodon's synchroniser expects.
    return partialView(ctx) ? null : FIRST;
  };
  if (kind === "followers") {
    federation
      .setFollowersDispatcher(path, async (ctx, id, cursor, filter) => {
        const result = await page(ctx, id, cursor, filter);
        if (result === null) return null;
        const items = result.entries.map((e) => ({
          id: new URL(e.uri),
          inboxId: e.inbox === null ? null : new URL(e.inbox),
          endpoints: e.sharedInbox === null ? null : { sharedInbox: new URL(e.sharedInbox) },
        }));
        // Fedify's own read (a delivery to "followers", FEP-8fcf) gets only the followers
        // we may deliver to, as every other delivery does (outbox/followers-sync.ts).
        if (!fromRequest(ctx) && filter === undefined && cursor === null)
          return { items: await deliverableRecipients(ctx.data, items), nextCursor: null };
        return { items, nextCursor: result.nextCursor };
      })
      .setCounter(counter)
      .setFirstCursor(firstCursor)
      .authorize(authorizeFetch);
  } else {
    federation
      .setFollowingDispatcher(path, async (ctx, id, cursor) => {
        const result = await page(ctx, id, cursor);
        if (result === null) return null;
        return {
          items: result.entries.map((e) => new URL(e.uri)),
          nextCursor: result.nextCursor,
        };
      })
      .setCounter(counter)
      .setFirstCursor(firstCursor)
      .authorize(authorizeFetch);
  }
}

function registerOutbox(federation: Federation<AppContext>) {
  federation
    .setOutboxDispatcher("/ap/users/{identifier}/outbox", async (ctx, id, cursor) => {
      const row = await owner(ctx, id);
      // The instance actor's outbox exists and is empty.
      if (row === null) return id === INSTANCE_ACTOR ? { items: [] } : null;
      if (cursor === null) return null;
      const maxId = parseCursor(cursor);
      if (maxId === undefined) return null;
      const entries = await listOutboxStatuses(ctx.data.db, id, maxId, OUTBOX_PER_PAGE);
      const parts = await loadNoteParts(
        ctx.data,
        entries.map((e) => e.status),
      );
      return {
        items: entries.map((e) =>
          toOutboxActivity(ctx.data, ctx, e.status, parts.get(String(e.status.id))!, e.reblogOfUri),
        ),
        nextCursor: entries.length === OUTBOX_PER_PAGE ? String(entries.at(-1)!.status.id) : null,
      };
    })
    .setCounter(async (ctx, id) => {
      const row = await owner(ctx, id);
      return row === null ? (id === INSTANCE_ACTOR ? 0 : null) : Number(row.account.statuses_count);
    })
    .setFirstCursor(async (ctx, id) => ((await owner(ctx, id)) === null ? null : FIRST))
    .authorize(authorizeFetch);
}

function registerFeatured(federation: Federation<AppContext>) {
  federation
    .setFeaturedDispatcher("/ap/users/{identifier}/collections/featured", async (ctx, id) => {
      const row = await owner(ctx, id);
      if (row === null) return null;
      const pins = await listPublicPins(ctx.data.db, id);
      const parts = await loadNoteParts(ctx.data, pins);
      return { items: pins.map((s) => toNote(ctx.data, ctx, s, parts.get(String(s.id))!)) };
    })
    .authorize(authorizeFetch);
  federation
    .setFeaturedTagsDispatcher("/ap/users/{identifier}/collections/tags", async (ctx, id) => {
      const row = await owner(ctx, id);
      if (row === null) return null;
      const names = await listFeaturedTagNames(ctx.data.db, id);
      const base = ctx.data.config.baseUrl;
      return {
        items: names.map(
          (name) =>
            new Hashtag({
              name: `#${name}`,
              href: new URL(`${base}/@${row.account.username}/tagged/${encodeURIComponent(name)}`),
            }),
        ),
      };
    })
    .authorize(authorizeFetch);
}

export function registerCollections(federation: Federation<AppContext>): void {
  registerFollows(federation, "followers");
  registerFollows(federation, "following");
  registerOutbox(federation);
  registerFeatured(federation);
}
