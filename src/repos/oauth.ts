// OAuth applications, authorization codes and access tokens. Secrets arrive here hashed.
import type { Insertable, Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import { prepareQuery } from "../db/queries/prepared.ts";
import type {
  OAuthAccessGrantsTable,
  OAuthAccessTokensTable,
  OAuthApplicationsTable,
} from "../db/schema/index.ts";

export type ApplicationRow = Selectable<OAuthApplicationsTable>;
export type GrantRow = Selectable<OAuthAccessGrantsTable>;
export type TokenRow = Selectable<OAuthAccessTokensTable>;

export async function insertApplication(
  db: Db,
  app: Insertable<OAuthApplicationsTable>,
): Promise<void> {
  await db.insertInto("oauth_applications").values(app).execute();
}

export async function findApplicationByClientId(
  db: Db,
  clientId: string,
): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom("oauth_applications")
    .selectAll()
    .where("client_id", "=", clientId)
    .executeTakeFirst();
}

export async function findApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom("oauth_applications").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertGrant(
  db: Db,
  grant: Insertable<OAuthAccessGrantsTable>,
): Promise<void> {
  await db.insertInto("oauth_access_grants").values(grant).execute();
}

export async function findGrantByCodeHash(db: Db, codeHash: string): Promise<GrantRow | undefined> {
  return db
    .selectFrom("oauth_access_grants")
    .selectAll()
    .where("code_hash", "=", codeHash)
    .executeTakeFirst();
}

/** Marks a code used; false when it was already used (a replay), so only one caller wins. */
export async function useGrant(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("oauth_access_grants")
    .set({ used_at: now })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertToken(
  db: Db,
  token: Insertable<OAuthAccessTokensTable>,
): Promise<void> {
  await db.insertInto("oauth_access_tokens").values(token).execute();
}

/** What a request's bearer token resolves to: the token, its app, and its user if any. */
export interface TokenOwner {
  tokenId: string;
  applicationId: string;
  scopes: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  grantId: string | null;
  userId: string | null;
  accountId: string | null;
  /** When the user last used any app (hourly precision). */
  lastActiveAt: string | null;
  role: string | null;
  confirmedAt: string | null;
  approved: boolean | null;
  disabled: boolean | null;
  suspendedAt: string | null;
}

export async function findTokenOwner(db: Db, tokenHash: string): Promise<TokenOwner | undefined> {
  const [owner] = await tokenOwner(db, { tokenHash });
  return owner;
}

// Every signed-in request runs this: built and compiled once (db/queries/prepared.ts).
const tokenOwner = prepareQuery((db, p: { tokenHash: string }) =>
  db
    .selectFrom("oauth_access_tokens as t")
    .leftJoin("users as u", "u.id", "t.user_id")
    .leftJoin("accounts as a", "a.id", "u.account_id")
    .select([
      "t.id as tokenId",
      "t.application_id as applicationId",
      "t.scopes as scopes",
      "t.revoked_at as revokedAt",
      "t.last_used_at as lastUsedAt",
      "t.grant_id as grantId",
      "u.id as userId",
      "u.account_id as accountId",
      "u.last_active_at as lastActiveAt",
      "u.role as role",
      "u.confirmed_at as confirmedAt",
      "u.approved as approved",
      "u.disabled as disabled",
      "a.suspended_at as suspendedAt",
    ])
    .where("t.token_hash", "=", p.tokenHash),
);

/** Revokes one token; false when there was no such live token. */
export async function revokeTokenByHash(db: Db, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("oauth_access_tokens")
    .set({ revoked_at: now })
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every live token of a user, optionally for one app only or sparing one token. */
export async function revokeUserTokens(
  db: Db,
  userId: string,
  now: string,
  options: { applicationId?: string; exceptTokenId?: string } = {},
): Promise<number> {
  let q = db
    .updateTable("oauth_access_tokens")
    .set({ revoked_at: now })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (options.applicationId !== undefined)
    q = q.where("application_id", "=", options.applicationId);
  if (options.exceptTokenId !== undefined) q = q.where("id", "!=", options.exceptTokenId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A token by its hash, revoked or not (revocation checks which app it belongs to). */
export async function findTokenByHash(db: Db, tokenHash: string): Promise<TokenRow | undefined> {
  return db
    .selectFrom("oauth_access_tokens")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** Revokes every token made from one authorization code (a replayed code, RFC 6749 §4.1.2). */
export async function revokeGrantTokens(db: Db, grantId: string, now: string): Promise<number> {
  const result = await db
    .updateTable("oauth_access_tokens")
    .set({ revoked_at: now })
    .where("grant_id", "=", grantId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The account of a local user, for the consent page and /oauth/userinfo. */
export async function findUserAccount(db: Db, userId: string) {
  return db
    .selectFrom("users as u")
    .innerJoin("accounts as a", "a.id", "u.account_id")
    .selectAll("a")
    .select(["u.role as role"])
    .where("u.id", "=", userId)
    .executeTakeFirst();
}

export interface AuthorizedApp {
  id: string;
  name: string;
  website: string | null;
  /** Scopes of every live token, space-separated, one string per token. */
  scopes: string[];
  firstAuthorizedAt: string;
}

/** Apps holding live tokens of a user (the authorized apps page), oldest grant first. */
export async function listAuthorizedApps(db: Db, userId: string): Promise<AuthorizedApp[]> {
  const rows = await db
    .selectFrom("oauth_access_tokens as t")
    .innerJoin("oauth_applications as a", "a.id", "t.application_id")
    .select(["a.id", "a.name", "a.website", "t.scopes", "t.created_at"])
    .where("t.user_id", "=", userId)
    .where("t.revoked_at", "is", null)
    // The web app's tokens belong to browser sessions, listed and ended on /auth/sessions
    // (Mastodon hides its Web app from this list too).
    .where("t.web_session_id", "is", null)
    .orderBy("t.id")
    .execute();
  const apps = new Map<string, AuthorizedApp>();
  for (const row of rows) {
    const id = String(row.id);
    const app = apps.get(id);
    if (app === undefined) {
      apps.set(id, {
        id,
        name: row.name,
        website: row.website,
        scopes: [row.scopes],
        firstAuthorizedAt: row.created_at,
      });
    } else app.scopes.push(row.scopes);
  }
  return [...apps.values()];
}

/** Records that a token was used (shown on the authorized apps page). */
export async function touchToken(db: Db, tokenId: string, now: string): Promise<void> {
  await db
    .updateTable("oauth_access_tokens")
    .set({ last_used_at: now })
    .where("id", "=", tokenId)
    .execute();
}
