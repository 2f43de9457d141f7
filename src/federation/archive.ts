// "Request your archive" (Mastodon's BackupService): a zip of the account as ActivityStreams.
//   outbox.json      OrderedCollection of the account's posts, every visibility, as the
//                    Create (or Announce) activities other servers receive, with their addressing;
//                    attachment URLs point into the zip (the storage key, as Mastodon's path
//                    under /system/)
//   actor.json       the actor document; icon/image point at avatar.<ext>/header.<ext>, and
//                    outbox, likes and bookmarks at the files beside it
//   likes.json       OrderedCollection of the URIs of liked posts (still visible to the owner)
//   bookmarks.json   the same for bookmarks
//   avatar.<ext>, header.<ext>, <storage key> of each attached upload
// Built here because the JSON is federation's; storing and mailing it is services/archives.
import type { Context } from "@fedify/fedify";
import { OrderedCollection } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { type ZipWriter, zipToBuffer } from "../lib/zip.ts";
import { listInteractionUris, listOwnMediaKeys, listOwnPosts } from "../repos/archives.ts";
import { findAccountById } from "../repos/profiles.ts";
import { loadNoteParts, toOutboxActivity } from "./notes.ts";
import { federationFor } from "./outbox/instance.ts";

/** Posts hydrated per batch: loadNoteParts costs a fixed number of queries per batch. */
const BATCH = 200;
const AS_CONTEXT = "https://www.w3.org/ns/activitystreams";

type Json = Record<string, unknown>;
const json = (value: unknown) => JSON.stringify(value);
const extension = (key: string) => key.slice(key.lastIndexOf("."));

/** The zip of the account's archive, or undefined when the account is gone or not ours. */
export async function buildArchive(
  app: AppContext,
  accountId: string,
): Promise<Uint8Array | undefined> {
  const account = await findAccountById(app.db, accountId);
  if (account === undefined || account.domain !== null) return undefined;
  // A request context, so the actor comes from the same dispatcher that serves it.
  const fedify = federationFor(app).createContext(new Request(app.config.baseUrl), app);
  const actor = await fedify.getActor(accountId);
  const avatar = account.avatar_key === null ? null : await app.storage.get(account.avatar_key);
  const header = account.header_key === null ? null : await app.storage.get(account.header_key);
  return zipToBuffer(async (zip) => {
    await zip.add("outbox.json", await outboxJson(app, fedify, accountId));
    for (const media of await listOwnMediaKeys(app.db, accountId))
      if (media.file_key !== null) await addStored(app, zip, media.file_key, media.file_key);
    await zip.add("likes.json", await urisJson(app, "favourites", accountId, "likes.json"));
    await zip.add("bookmarks.json", await urisJson(app, "bookmarks", accountId, "bookmarks.json"));
    if (actor !== null) {
      const doc = (await actor.toJsonLd({ format: "compact" })) as Json;
      const names = {
        icon: avatar && account.avatar_key ? `avatar${extension(account.avatar_key)}` : null,
        image: header && account.header_key ? `header${extension(account.header_key)}` : null,
      };
      for (const [field, name] of Object.entries(names))
        if (name !== null && typeof doc[field] === "object" && doc[field] !== null)
          doc[field] = { ...(doc[field] as Json), url: name };
      const local = { outbox: "outbox.json", likes: "likes.json", bookmarks: "bookmarks.json" };
      await zip.add("actor.json", json({ ...doc, ...local }));
    }
    if (avatar && account.avatar_key)
      await zip.add(`avatar${extension(account.avatar_key)}`, avatar.body);
    if (header && account.header_key)
      await zip.add(`header${extension(account.header_key)}`, header.body);
  }, app.clock.now());
}

async function outboxJson(
  app: AppContext,
  fedify: Context<AppContext>,
  accountId: string,
): Promise<string> {
  const items = [];
  let after: string | null = null;
  for (;;) {
    const page = await listOwnPosts(app.db, accountId, after, BATCH);
    if (page.length === 0) break;
    const parts = await loadNoteParts(
      app,
      page.map((p) => p.status),
    );
    for (const p of page) {
      const part = parts.get(String(p.status.id));
      if (part !== undefined)
        items.push(toOutboxActivity(app, fedify, p.status, part, p.reblogOfUri));
    }
    after = String(page[page.length - 1]?.status.id);
    if (page.length < BATCH) break;
  }
  const collection = new OrderedCollection({ totalItems: items.length, items });
  const doc = (await collection.toJsonLd({ format: "compact" })) as Json;
  const systemPrefix = app.storage.url("");
  for (const item of asList(doc.orderedItems)) {
    const object = (item as Json).object;
    if (typeof object !== "object" || object === null) continue;
    for (const attachment of asList((object as Json).attachment))
      relativeUrl(attachment as Json, systemPrefix);
  }
  // Mastodon names the collection by its file in the archive.
  return json({ ...doc, id: "outbox.json" });
}

const asList = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

/** An attachment's URL as its path in the zip (Mastodon: the path under /system/). */
function relativeUrl(attachment: Json, systemPrefix: string): void {
  const url = attachment.url;
  if (typeof url === "string" && url.startsWith(systemPrefix))
    attachment.url = url.slice(systemPrefix.length);
}

async function urisJson(
  app: AppContext,
  table: "favourites" | "bookmarks",
  accountId: string,
  id: string,
): Promise<string> {
  const uris = await listInteractionUris(app.db, table, accountId);
  // As Mastodon's: no totalItems.
  return json({ "@context": AS_CONTEXT, id, type: "OrderedCollection", orderedItems: uris });
}

/** Copies one stored file in; a file missing from storage is left out (logged by no one),
 *  as Mastodon skips a file it cannot read. */
async function addStored(app: AppContext, zip: ZipWriter, name: string, key: string) {
  const file = await app.storage.get(key);
  if (file !== undefined) await zip.add(name, file.body);
}
