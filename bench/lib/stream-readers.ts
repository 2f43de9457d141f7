// Many signed-in readers for the streaming and home-timeline benchmarks, written straight into
// Hearth's database: creating them through the API would hash a password per user (scrypt,
// ~150 ms each), which would make 1000 distinct readers take minutes. The rows are the ones createLocalAccount and
// the password grant write (account, confirmed and approved user, "read" token of one app);
// nobody ever signs in with the placeholder password hash.
import { hashToken, randomToken } from "../../src/lib/tokens.ts";
import type { InProcessHearth } from "./in-process.ts";

const CHUNK = 40; // rows per INSERT: SQLite allows 32,766 variables, kept far below

/**
 * `active`: signed in just now (last_active_at, last_used_at), so fan-out fills their homes and
 * their first requests write nothing; readers
 * are `reader<N>`, or `<prefix><N>` with `prefix`.
 */
export async function createReaders(
  hearth: InProcessHearth,
  count: number,
  options: { active?: boolean; prefix?: string } = {},
): Promise<{ tokens: string[]; accountIds: string[] }> {
  const { ctx } = hearth;
  const res = await fetch(`${hearth.origin}/api/v1/apps`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_name: "bench-streaming",
      redirect_uris: "urn:ietf:wg:oauth:2.0:oob",
      scopes: "read",
    }),
  });
  const app = (await res.json()) as { client_id: string };
  const row = await ctx.db
    .selectFrom("oauth_applications")
    .select("id")
    .where("client_id", "=", app.client_id)
    .executeTakeFirstOrThrow();
  const at = ctx.clock.now().toISOString();
  const tokens: string[] = [];
  const accountIds: string[] = [];
  for (let start = 0; start < count; start += CHUNK) {
    const accounts = [];
    const users = [];
    const grants = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const accountId = ctx.newId();
      const userId = ctx.newId();
      const username = `${options.prefix ?? "reader"}${i}`;
      const token = randomToken();
      tokens.push(token);
      accountIds.push(accountId);
      accounts.push({
        id: accountId,
        username,
        domain: null,
        uri: `${ctx.config.baseUrl}/ap/users/${accountId}`,
        url: `${ctx.config.baseUrl}/@${username}`,
        inbox_url: null,
        shared_inbox_url: null,
        discoverable: null,
        last_status_at: null,
        suspended_at: null,
        created_at: at,
        updated_at: at,
      });
      users.push({
        id: userId,
        account_id: accountId,
        email: `${username}@bench.test`,
        password_hash: "!bench",
        role: null,
        locale: null,
        confirmed_at: at,
        approved: true,
        last_active_at: options.active ? at : null,
        created_at: at,
        updated_at: at,
      });
      grants.push({
        id: ctx.newId(),
        application_id: row.id,
        user_id: userId,
        token_hash: hashToken(token),
        scopes: "read",
        grant_id: null,
        last_used_at: options.active ? at : null,
        revoked_at: null,
        created_at: at,
      });
    }
    await ctx.db.insertInto("accounts").values(accounts).execute();
    await ctx.db.insertInto("users").values(users).execute();
    await ctx.db.insertInto("oauth_access_tokens").values(grants).execute();
  }
  return { tokens, accountIds };
}
