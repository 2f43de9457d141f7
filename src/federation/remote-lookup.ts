// The remote lookups services use (services/federation/remote-lookup.ts): search's
// resolve=true and mentions of accounts not known yet. Registered for the AppContext when its
// federation is built; every fetch goes through Fedify's guarded, signed document loader.
import type { Federation } from "@fedify/fedify";
import { isActor } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { findAccountById } from "../repos/profiles.ts";
import { findStatusByUri } from "../repos/remote-objects.ts";
import { type RemoteLookup, registerRemoteLookup } from "../services/federation/remote-lookup.ts";
import { receiveQuoteOf } from "./inbox/quotes.ts";
import { rawObjectOf } from "./inbox/raw-media.ts";
import { resolveRemoteAccount, signedLoader, webfingerSelf } from "./remote-actor.ts";
import { storeFetchedPost } from "./remote-post.ts";

export function registerFederationLookup(app: AppContext, federation: Federation<AppContext>) {
  const context = () => federation.createContext(new URL(app.config.baseUrl), app);
  const lookup: RemoteLookup = {
    async account(username, domain) {
      const ctx = context();
      const self = await webfingerSelf(ctx, `acct:${username}@${domain}`);
      return self === null ? null : resolveRemoteAccount(ctx, self);
    },
    async object(url) {
      const ctx = context();
      if (new URL(url).origin === new URL(app.config.baseUrl).origin) return null;
      let object: unknown;
      try {
        object = await ctx.lookupObject(url, { documentLoader: await signedLoader(ctx) });
      } catch {
        return null;
      }
      if (isActor(object) && object.id !== null) {
        const account = await resolveRemoteAccount(ctx, object.id, { actor: object });
        return account === null ? null : { type: "account", account };
      }
      if (object === null || typeof object !== "object") return null;
      const post = object as Parameters<typeof storeFetchedPost>[1];
      const status = await storeFetchedPost(ctx, post);
      if (status === null) return null;
      // A quote post found by search shows its quote, as one delivered to our inbox does.
      const author = await findAccountById(ctx.data.db, status.account_id);
      if (author === undefined) return { type: "status", status };
      await receiveQuoteOf(ctx, post, rawObjectOf(post), status, author);
      const updated = await findStatusByUri(ctx.data.db, status.uri);
      return { type: "status", status: updated ?? status };
    },
    async aliases(uri) {
      const ctx = context();
      if (new URL(uri).origin === new URL(app.config.baseUrl).origin) return null;
      // Never a stored copy: a move is confirmed by what the target says now.
      let object: unknown;
      try {
        object = await ctx.lookupObject(uri, { documentLoader: await signedLoader(ctx) });
      } catch {
        return null;
      }
      if (!isActor(object) || object.id?.href !== uri) return null;
      return object.aliasIds.map((a) => a.href);
    },
  };
  registerRemoteLookup(app, lookup);
}
