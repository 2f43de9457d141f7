// Browser sign-in sessions (web_sessions). The cookie's token arrives here hashed.
import type { Insertable, Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { WebSessionsTable } from "../db/schema/index.ts";

export type WebSessionRow = Selectable<WebSessionsTable>;

export async function insertWebSession(
  db: Db,
  session: Insertable<WebSessionsTable>,
): Promise<void> {
  await db.insertInto("web_sessions").values(session).execute();
}

/** A live (not revoked) session by its token hash. */
export async function findLiveWebSession(
  db: Db,
  tokenHash: string,
): Promise<WebSessionRow | undefined> {
  return db
    .selectFrom("web_sessions")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

export async function touchWebSession(
  db: Db,
  id: string,
  now: string,
  fields: { ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .updateTable("web_sessions")
    .set({ last_seen_at: now, ip: fields.ip, user_agent: fields.userAgent })
    .where("id", "=", id)
    .execute();
}

export async function revokeWebSession(db: Db, id: string, now: string): Promise<void> {
  await db
    .updateTable("web_sessions")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
  await revokeSessionTokens(db, [id], now);
}

/**
 * The web app's tokens die with their session (migration 0034): each revocation below also
 * revokes the live tokens minted for the sessions it ended.
 */
async function revokeSessionTokens(db: Db, sessionIds: string[], now: string): Promise<void> {
  if (sessionIds.length === 0) return;
  await db
    .updateTable("oauth_access_tokens")
    .set({ revoked_at: now })
    .where("web_session_id", "in", sessionIds)
    .where("revoked_at", "is", null)
    .execute();
}

/** Ids of the live tokens minted for these sessions (their streams close on revocation). */
export async function liveSessionTokenIds(db: Db, sessionIds: string[]): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .selectFrom("oauth_access_tokens")
    .select("id")
    .where("web_session_id", "in", sessionIds)
    .where("revoked_at", "is", null)
    .execute();
  return rows.map((row) => String(row.id));
}

/** Live sessions of a user, newest first (the sessions page; the oldest beyond a cap go). */
export async function listLiveWebSessions(db: Db, userId: string): Promise<WebSessionRow[]> {
  return db
    .selectFrom("web_sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("id", "desc")
    .execute();
}

/** Revokes every live session of a user but `exceptId` (password change, sign out everywhere). */
export async function revokeUserWebSessions(
  db: Db,
  userId: string,
  now: string,
  exceptId?: string,
): Promise<number> {
  let q = db
    .updateTable("web_sessions")
    .set({ revoked_at: now })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  const result = await q.executeTakeFirst();
  let tokens = db
    .updateTable("oauth_access_tokens")
    .set({ revoked_at: now })
    .where("user_id", "=", userId)
    .where("web_session_id", "is not", null)
    .where("revoked_at", "is", null);
  if (exceptId !== undefined) tokens = tokens.where("web_session_id", "!=", exceptId);
  await tokens.execute();
  return Number(result.numUpdatedRows);
}

export async function revokeWebSessionsById(db: Db, ids: string[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("web_sessions")
    .set({ revoked_at: now })
    .where("id", "in", ids)
    .where("revoked_at", "is", null)
    .execute();
  await revokeSessionTokens(db, ids, now);
}

/** Every token minted for one session, oldest first (pages/web-app.ts derives the next one). */
export async function listSessionTokens(
  db: Db,
  sessionId: string,
): Promise<{ id: string; revoked_at: string | null }[]> {
  return db
    .selectFrom("oauth_access_tokens")
    .select(["id", "revoked_at"])
    .where("web_session_id", "=", sessionId)
    .orderBy("id", "asc")
    .execute();
}
