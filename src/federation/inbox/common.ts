// What the inbox listeners share: the sending account (fetched and checked when new or
// stale), our own accounts and posts named by their ActivityPub ids, the origin rule, and how
// a remote account is addressed when we answer it.
import type { Context } from "@fedify/fedify";
import {
  type Object as APObject,
  Article,
  Audio,
  Endpoints,
  Event,
  Image,
  Note,
  Page,
  Question,
  type Recipient,
  Video,
} from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../../context.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { findAccountByUri } from "../../repos/remote-objects.ts";
import { resolveRemoteAccount } from "../remote-actor.ts";

export type Ctx = Context<AppContext>;

export const inboxLog = getLogger(["hearth", "federation", "inbox"]);

/** The remote account that sent the activity, or null (unknown, unfetchable, suspended). */
export async function senderAccount(ctx: Ctx, actorId: URL | null): Promise<AccountRow | null> {
  if (actorId === null) return null;
  const account = await resolveRemoteAccount(ctx, actorId);
  if (account === null || account.domain === null || account.suspended_at !== null) return null;
  return account;
}

/** One of our accounts, by its actor id. */
export async function localAccount(ctx: Ctx, uri: URL | null): Promise<AccountRow | null> {
  if (uri === null || uri.origin !== new URL(ctx.data.config.baseUrl).origin) return null;
  const account = await findAccountByUri(ctx.data.db, uri.href);
  return account?.domain === null && account.suspended_at === null ? account : null;
}

/** Ids of the same origin: a server speaks only for its own objects (FEP-fe34). */
export function sameOrigin(a: URL | null, b: URL | null): boolean {
  return a !== null && b !== null && a.origin === b.origin;
}

export function recipientOf(account: AccountRow): Recipient {
  return {
    id: new URL(account.uri),
    inboxId: account.inbox_url === null ? null : new URL(account.inbox_url),
    endpoints:
      account.shared_inbox_url === null
        ? null
        : new Endpoints({ sharedInbox: new URL(account.shared_inbox_url) }),
  };
}

/**
 * Something shown as a status: the types Mastodon shows (Note and Question as they are;
 * Article, Page, Image, Audio, Video and Event converted to a title and a link). Anything
 * else (Pixelfed's Story, a Collection, an actor) is ignored, as Mastodon ignores it.
 */
export function isPost(object: APObject | null): object is APObject {
  if (object === null || object.id === null) return false;
  return POST_TYPES.some((type) => object instanceof type);
}

const POST_TYPES = [Note, Question, Article, Page, Image, Audio, Video, Event];
