// Our actors: a Person (Service for bots) per local account at /ap/users/<id>, with every field
// Mastodon reads, and the instance actor (Application) at /actor that signs fetches on behalf
// of the server. Keys come from services/federation/actor-keys.ts (made on first use).
import { type Federation, importJwk, type RequestContext } from "@fedify/fedify";
import {
  Application,
  Endpoints,
  Image,
  Person,
  PropertyValue,
  Service,
  Tombstone,
} from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { type ActorState, actorState as decideActorState } from "../domain/actor-state.ts";
import { findAliasUris } from "../repos/account-moves.ts";
import { findLocalActor, type LocalActorRow } from "../repos/federation-reads.ts";
import { findAccountByAddress, findAccountById } from "../repos/profiles.ts";
import { accountEmojiSource, loadEmojis } from "../services/emojis/load-emojis.ts";
import { getActorKeys } from "../services/federation/actor-keys.ts";
import { mayRead, minimalActor } from "./authorized-fetch.ts";
import { toEmojiTag } from "./emoji.ts";
import { instant } from "./temporal.ts";

export const ACTOR_PATH = "/ap/users/{identifier}";
export const INSTANCE_ACTOR = "instance";
export const INSTANCE_ACTOR_PATH = "/actor";

/** The state of a local account as the network sees it (domain/actor-state.ts). */
export function actorState(row: LocalActorRow): ActorState {
  return decideActorState({ suspendedAt: row.account.suspended_at, user: row.user });
}

/** The host part of acct: addresses (HEARTH_DOMAIN, with its port if it has one). */
const handleHost = (app: AppContext) => app.config.domain.toLowerCase();

async function keyPairs(app: AppContext, accountId: string | null): Promise<CryptoKeyPair[]> {
  const keys = await getActorKeys(app, accountId);
  return Promise.all(
    keys.map(async (k) => ({
      publicKey: await importJwk(k.publicKey, "public"),
      privateKey: await importJwk(k.privateKey, "private"),
    })),
  );
}

function picture(app: AppContext, key: string | null, type: string | null): Image | null {
  if (key === null) return null;
  return new Image({ url: new URL(app.storage.url(key)), mediaType: type });
}

async function instanceActor(ctx: RequestContext<AppContext>): Promise<Application> {
  const app = ctx.data;
  const keys = await ctx.getActorKeyPairs(INSTANCE_ACTOR);
  return new Application({
    id: ctx.getActorUri(INSTANCE_ACTOR),
    // Mastodon's instance actor is named after the domain; so is its acct: address.
    preferredUsername: handleHost(app),
    name: handleHost(app),
    url: new URL(`${app.config.baseUrl}/about`),
    inbox: ctx.getInboxUri(INSTANCE_ACTOR),
    outbox: ctx.getOutboxUri(INSTANCE_ACTOR),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    // Nobody follows the server itself: it only signs fetches.
    manuallyApprovesFollowers: true,
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
  });
}

async function accountActor(
  ctx: RequestContext<AppContext>,
  row: LocalActorRow,
): Promise<Person | Service> {
  const app = ctx.data;
  const account = row.account;
  const id = String(account.id);
  const [keys, [emojis = []], aliases, movedTo] = await Promise.all([
    ctx.getActorKeyPairs(id),
    loadEmojis(app, [accountEmojiSource(account)]),
    findAliasUris(app.db, id),
    account.moved_to_account_id === null
      ? undefined
      : findAccountById(app.db, String(account.moved_to_account_id)),
  ]);
  const values = {
    id: ctx.getActorUri(id),
    preferredUsername: account.username,
    name: account.display_name,
    summary: account.note,
    url: new URL(account.url ?? `${app.config.baseUrl}/@${account.username}`),
    icon: picture(app, account.avatar_key, account.avatar_content_type),
    image: picture(app, account.header_key, account.header_content_type),
    attachments: (account.fields ?? []).map(
      (f) => new PropertyValue({ name: f.name, value: f.value }),
    ),
    manuallyApprovesFollowers: Boolean(account.locked),
    discoverable: account.discoverable ?? false,
    indexable: Boolean(account.indexable),
    memorial: Boolean(account.memorial),
    // Mastodon publishes the day an account was made, not the moment.
    published: instant(`${account.created_at.slice(0, 10)}T00:00:00Z`),
    inbox: ctx.getInboxUri(id),
    outbox: ctx.getOutboxUri(id),
    followers: ctx.getFollowersUri(id),
    following: ctx.getFollowingUri(id),
    featured: ctx.getFeaturedUri(id),
    featuredTags: ctx.getFeaturedTagsUri(id),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
    tags: emojis.map((e) => toEmojiTag(app, e)),
    // /settings/aliases and /settings/migration (services/moves).
    aliases: aliases.map((uri) => new URL(uri)),
    successor: movedTo === undefined ? null : new URL(movedTo.uri),
  };
  return account.bot ? new Service(values) : new Person(values);
}

/** Registers the actor dispatcher, keys, WebFinger mappings and the instance actor. */
export function registerActors(federation: Federation<AppContext>): void {
  federation
    .setActorDispatcher(ACTOR_PATH, async (ctx, identifier) => {
      if (identifier === INSTANCE_ACTOR) return instanceActor(ctx);
      const row = await findLocalActor(ctx.data.db, identifier);
      if (row === null) return null;
      const state = actorState(row);
      if (state === "hidden") return null;
      if (state === "gone") {
        const at = row.account.suspended_at ?? row.account.updated_at;
        return new Tombstone({
          id: ctx.getActorUri(identifier),
          deleted: instant(at),
        });
      }
      // Secure mode: an unsigned request sees only the fields needed to verify signatures.
      if (!(await mayRead(ctx))) return minimalActor(ctx, identifier, row.account.username);
      return accountActor(ctx, row);
    })
    .mapActorAlias(INSTANCE_ACTOR_PATH, INSTANCE_ACTOR)
    .setKeyPairsDispatcher(async (ctx, identifier) => {
      if (identifier === INSTANCE_ACTOR) return keyPairs(ctx.data, null);
      const row = await findLocalActor(ctx.data.db, identifier);
      // Only accounts the network may see sign anything.
      if (row === null || actorState(row) !== "active") return [];
      return keyPairs(ctx.data, identifier);
    })
    .mapHandle(async (ctx, username) => {
      if (username.toLowerCase() === handleHost(ctx.data)) return INSTANCE_ACTOR;
      const account = await findAccountByAddress(ctx.data.db, username, null);
      return account === undefined ? null : String(account.id);
    })
    // Profile URLs as WebFinger resources: /@alice and /users/alice on our own host.
    .mapAlias((ctx, resource) => {
      const base = new URL(ctx.data.config.baseUrl);
      if (resource.origin !== base.origin) return null;
      const match = /^\/(?:@|users\/)([A-Za-z0-9_]+)\/?$/.exec(resource.pathname);
      return match?.[1] === undefined ? null : { username: match[1] };
    });
}
