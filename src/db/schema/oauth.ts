export interface OAuthApplicationsTable {
  id: string;
  name: string;
  website: string | null;
  /** Newline-separated, as Mastodon stores them. */
  redirect_uris: string;
  /** Space-separated. */
  scopes: string;
  client_id: string;
  client_secret_hash: string;
  owner_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface OAuthAccessGrantsTable {
  id: string;
  application_id: string;
  user_id: string;
  code_hash: string;
  redirect_uri: string;
  scopes: string;
  code_challenge: string | null;
  code_challenge_method: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface OAuthAccessTokensTable {
  id: string;
  application_id: string;
  user_id: string | null;
  token_hash: string;
  scopes: string;
  grant_id: string | null;
  /** The browser session a "Web" app token was minted for (pages/web-app.ts); else null. */
  web_session_id: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}
