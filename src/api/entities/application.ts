// Application and CredentialApplication (https://docs.joinmastodon.org/entities/Application/).
import type { ApplicationRow } from "../../repos/oauth.ts";

export interface Application {
  id: string;
  name: string;
  website: string | null;
  scopes: string[];
  /** Deprecated: the URIs joined with newlines. */
  redirect_uri: string;
  redirect_uris: string[];
  /** Deprecated since 4.3 (the key is in instance v2): our VAPID public key. */
  vapid_key: string;
}

export interface CredentialApplication extends Application {
  client_id: string;
  client_secret: string;
  client_secret_expires_at: 0;
}

export function toApplication(app: ApplicationRow, vapidKey = ""): Application {
  const uris = app.redirect_uris.split("\n").filter((u) => u !== "");
  return {
    id: String(app.id),
    name: app.name,
    website: app.website,
    scopes: app.scopes.split(" ").filter((s) => s !== ""),
    redirect_uri: uris.join("\n"),
    redirect_uris: uris,
    vapid_key: vapidKey,
  };
}

/** The app with its credentials: only in the answer to its registration. */
export function toCredentialApplication(
  app: ApplicationRow,
  clientSecret: string,
  vapidKey = "",
): CredentialApplication {
  return {
    ...toApplication(app, vapidKey),
    client_id: app.client_id,
    client_secret: clientSecret,
    client_secret_expires_at: 0,
  };
}
