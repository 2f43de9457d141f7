// Tokens for tests, written straight into the tables (the OAuth endpoints have tests of their
// own), and the shared check that an endpoint enforces its token and scope.
import assert from "node:assert/strict";
import type { AppContext } from "../../src/context.ts";
import { hashToken, randomToken } from "../../src/lib/tokens.ts";
import { FIXED_TIME, type FixtureName, fixtures } from "./fixtures.ts";
import type { Rig } from "./index.ts";

const TEST_APP_ID = "1000";

async function ensureTestApp(ctx: AppContext): Promise<void> {
  await ctx.db
    .insertInto("oauth_applications")
    .values({
      id: TEST_APP_ID,
      name: "Test client",
      website: null,
      redirect_uris: "urn:ietf:wg:oauth:2.0:oob",
      scopes: "read write follow push profile admin:read admin:write",
      client_id: "test-client-id",
      client_secret_hash: hashToken("test-client-secret"),
      owner_user_id: null,
      created_at: FIXED_TIME,
      updated_at: FIXED_TIME,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}

/**
 * A live access token. `user` names a fixture (alice, bob, admin) or null for an app token
 * (client_credentials); `scopes` is space-separated as in OAuth.
 */
export async function createToken(
  ctx: AppContext,
  user: FixtureName | null,
  scopes = "read write follow push",
): Promise<string> {
  await ensureTestApp(ctx);
  const token = randomToken();
  const fixture = user === null ? null : fixtures[user];
  const userId = fixture !== null && "user" in fixture ? fixture.user.id : null;
  if (user !== null && userId === null) throw new Error(`fixture ${user} is not a local user`);
  await ctx.db
    .insertInto("oauth_access_tokens")
    .values({
      id: ctx.newId(),
      application_id: TEST_APP_ID,
      user_id: userId,
      token_hash: hashToken(token),
      scopes,
      grant_id: null,
      last_used_at: null,
      revoked_at: null,
      created_at: FIXED_TIME,
    })
    .execute();
  return token;
}

export interface AuthRule {
  method: string;
  path: string;
  /** A scope that allows the endpoint (a token with only `push` must be refused). */
  scope: string;
  /** False for endpoints an app token may call. Default true. */
  user?: boolean;
  body?: unknown;
}

/** Asserts: no token 401, a bad token 401, a token without the scope 403, an app token 422. */
export async function assertAuthEnforced(rig: Rig, rule: AuthRule): Promise<void> {
  const call = (token?: string) =>
    rig.send(
      rule.method,
      rule.path,
      rule.body,
      token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
    );
  const label = `${rule.method} ${rule.path}`;
  const none = await call();
  assert.equal(none.status, 401, `${label} without a token`);
  assert.deepEqual(none.body, { error: "The access token is invalid" });
  assert.equal((await call("not-a-real-token")).status, 401, `${label} with an unknown token`);
  const unrelated = rule.scope.startsWith("push") ? "read:statuses" : "push";
  const wrongScope = await call(await createToken(rig.ctx, "alice", unrelated));
  assert.equal(wrongScope.status, 403, `${label} with only the ${unrelated} scope`);
  assert.deepEqual(wrongScope.body, { error: "This action is outside the authorized scopes" });
  if (rule.user !== false) {
    const appOnly = await call(await createToken(rig.ctx, null, rule.scope));
    assert.equal(appOnly.status, 422, `${label} with an app token`);
  }
  const allowed = await call(await createToken(rig.ctx, "alice", rule.scope));
  assert.ok(
    // A 400 or 422 is about the (missing) parameters: the token itself was accepted.
    allowed.status < 400 ||
      allowed.status === 400 ||
      allowed.status === 404 ||
      allowed.status === 422,
    `${label} with ${rule.scope}: ${allowed.status}`,
  );
}
