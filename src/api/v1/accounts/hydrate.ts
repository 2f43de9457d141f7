// Accounts as the API shows them: services load rows and roles in batches, these functions
// only add what every serializer call needs from the context (the base URL and the storage's
// URLs), so handlers stay one line.
import type { AppContext } from "../../../context.ts";
import type { OwnProfile } from "../../../services/profiles/get-own-profile.ts";
import type { LoadedAccount } from "../../../services/profiles/load-accounts.ts";
import { type Account, toAccount } from "../../entities/account.ts";
import { type CredentialAccount, toCredentialAccount } from "../../entities/credential-account.ts";
import { toCustomEmoji } from "../../entities/custom-emoji.ts";

export function presentAccount(ctx: AppContext, loaded: LoadedAccount): Account {
  return toAccount(loaded.account, ctx.config.baseUrl, {
    mediaUrl: ctx.storage.url,
    ...(loaded.role === undefined ? {} : { role: loaded.role }),
    emojis: (loaded.emojis ?? []).map((e) => toCustomEmoji(e, ctx.storage.url)),
    ...(loaded.moved === undefined
      ? {}
      : { moved: toAccount(loaded.moved, ctx.config.baseUrl, { mediaUrl: ctx.storage.url }) }),
  });
}

export function presentCredentialAccount(ctx: AppContext, own: OwnProfile): CredentialAccount {
  return toCredentialAccount(own, ctx.config.baseUrl, {
    mediaUrl: ctx.storage.url,
    emojis: (own.emojis ?? []).map((e) => toCustomEmoji(e, ctx.storage.url)),
    ...(own.moved === undefined
      ? {}
      : { moved: toAccount(own.moved, ctx.config.baseUrl, { mediaUrl: ctx.storage.url }) }),
  });
}
