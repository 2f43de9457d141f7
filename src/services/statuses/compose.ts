// Turning typed text into what a status stores: the mentions it names (local accounts, remote
// ones we know, and remote ones looked up on their server), its hashtags, its rendered HTML, and
// Mastodon's length rule. Pure apart from the account lookups.
import type { AppContext } from "../../context.ts";
import { STATUS_LIMITS } from "../../domain/limits.ts";
import { countCharacters, graphemeLength } from "../../domain/text/count.ts";
import { mentionKey, type ResolvedMention, renderText } from "../../domain/text/render.ts";
import { tokenize } from "../../domain/text/tokenize.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { findAccountByAddress } from "../../repos/profiles.ts";
import { remoteLookup } from "../federation/remote-lookup.ts";

export interface Composed {
  content: string;
  /** Accounts named in the text, in order of first appearance. */
  mentioned: AccountRow[];
  /** Hashtags: lower-case name → the spelling first written. */
  tags: Map<string, string>;
}

/** Mastodon's StatusLengthValidator: content warning and text together, links as 23. */
export function tooLong(text: string, spoilerText: string): boolean {
  return graphemeLength(spoilerText) + countCharacters(text) > STATUS_LIMITS.maxCharacters;
}

export async function compose(ctx: AppContext, text: string): Promise<Composed> {
  const tokens = tokenize(text);
  const ours = ctx.config.domain.toLowerCase();
  const resolved = new Map<string, ResolvedMention>();
  const mentioned = new Map<string, AccountRow>();
  const tags = new Map<string, string>();
  for (const token of tokens) {
    if (token.type === "hashtag") {
      const name = token.name.normalize("NFKC").toLowerCase();
      if (!tags.has(name)) tags.set(name, token.name);
      continue;
    }
    if (token.type !== "mention") continue;
    const key = mentionKey(token.username, token.domain);
    if (resolved.has(key)) continue;
    const domain = token.domain === ours ? null : token.domain;
    // A remote address not known yet is looked up on its server (WebFinger, then the actor),
    // as Mastodon's ProcessMentionsService resolves it; without federation, only stored ones.
    const account =
      (await findAccountByAddress(ctx.db, token.username, domain)) ??
      (domain === null
        ? undefined
        : ((await remoteLookup(ctx)?.account(token.username, domain)) ?? undefined));
    // Unknown (or suspended) accounts stay plain text.
    if (account === undefined || account.suspended_at !== null) continue;
    resolved.set(key, {
      url: account.url ?? `${ctx.config.baseUrl}/@${account.username}`,
      username: account.username,
    });
    if (!mentioned.has(account.id)) mentioned.set(account.id, account);
  }
  return {
    content: renderText(text, { baseUrl: ctx.config.baseUrl, mentions: resolved }),
    mentioned: [...mentioned.values()],
    tags,
  };
}
