// The `account.sync-followers` job (FEP-8fcf): reads a remote account's partial followers
// collection — the followers it has on our server — through Fedify's SSRF-guarded loader,
// signed by the instance actor, and drops our local follows it does not list
// (services/federation/followers-sync.ts). A hostile collection is read within bounds; one
// that does not end within them, or fails, changes nothing: a partial list would drop
// follows that are real.
import { Collection } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import type { JobPayloads } from "../domain/jobs.ts";
import { findAccountById } from "../repos/profiles.ts";
import { dropUnlistedFollows } from "../services/federation/followers-sync.ts";
import { fedifyContext } from "./outbox/instance.ts";
import { signedLoader } from "./remote-actor.ts";

/** Pages read after the collection itself, and ids accepted in all (Mastodon reads one page). */
export const SYNC_PAGES = 10;
export const SYNC_ITEMS = 10_000;

function parseUrl(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    return null;
  }
}

/** The ids the collection lists, or null when it cannot be read whole within the bounds. */
async function readListed(app: AppContext, url: URL): Promise<Set<string> | null> {
  const fctx = fedifyContext(app);
  const documentLoader = await signedLoader(fctx);
  const opts = { documentLoader, suppressError: true };
  const listed = new Set<string>();
  const add = (ids: URL[]) => {
    for (const id of ids) listed.add(id.href);
    return listed.size <= SYNC_ITEMS;
  };
  try {
    const collection = await fctx.lookupObject(url, { documentLoader });
    if (!(collection instanceof Collection) || collection.id?.origin !== url.origin) return null;
    if (!add(collection.itemIds)) return null;
    let page = await collection.getFirst(opts);
    for (let pages = 1; page !== null; pages++) {
      if (pages > SYNC_PAGES || !add(page.itemIds)) return null;
      page = await page.getNext(opts);
    }
  } catch {
    return null;
  }
  return listed;
}

export async function syncFollowers(
  app: AppContext,
  { accountId, url }: JobPayloads["account.sync-followers"],
): Promise<void> {
  const account = await findAccountById(app.db, accountId);
  if (account === undefined || account.domain === null) return;
  const target = parseUrl(url);
  if (target === null || target.origin !== parseUrl(account.uri)?.origin) return;
  const listed = await readListed(app, target);
  if (listed === null) return;
  await dropUnlistedFollows(app, accountId, listed);
}
