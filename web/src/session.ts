// Who is signed in and what the server allows, loaded once when the app starts:
// GET /api/v1/accounts/verify_credentials and GET /api/v2/instance.
import { api } from "./api/client.ts";
import type { CredentialAccount, Instance } from "./api/types.ts";
import { initialState } from "./state.ts";
import { createStore } from "./store.ts";
import { configureStreaming } from "./streaming/connection.ts";

export const me = createStore<CredentialAccount | null>(null);
export const instance = createStore<Instance | null>(null);
/** True once the token has been refused: the app shows a sign-in notice, drafts stay. */
export const signedOut = createStore(false);

export async function loadSession(): Promise<void> {
  const [account, info] = await Promise.all([
    api.get<CredentialAccount>("/api/v1/accounts/verify_credentials"),
    api.get<Instance>("/api/v2/instance"),
  ]);
  me.set(account);
  instance.set(info);
  configureStreaming(info.configuration.urls.streaming, initialState?.access_token ?? "");
}

/** The instance's post length limit (500 until the instance is loaded, Mastodon's default). */
export function maxCharacters(): number {
  return instance.get()?.configuration.statuses.max_characters ?? 500;
}
