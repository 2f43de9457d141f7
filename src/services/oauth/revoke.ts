// POST /oauth/revoke (RFC 7009): an unknown or already revoked token is still a success, so
// the answer says nothing about which tokens exist; a token of another app is refused (403),
// as Doorkeeper does.
import type { AppContext } from "../../context.ts";
import { hashToken } from "../../lib/tokens.ts";
import { type ApplicationRow, findTokenByHash, revokeTokenByHash } from "../../repos/oauth.ts";
import { endTokenStreams } from "../streaming/end-streams.ts";
import { oauthError } from "./errors.ts";

export async function revokeToken(
  ctx: AppContext,
  app: ApplicationRow,
  token: string | undefined,
): Promise<void> {
  if (!token) return;
  const hash = hashToken(token);
  const row = await findTokenByHash(ctx.db, hash);
  if (row === undefined) return;
  if (row.application_id !== app.id) throw oauthError("unauthorized_client");
  await revokeTokenByHash(ctx.db, hash, ctx.clock.now().toISOString());
  // Its open streams close at once (Mastodon's `kill`), in every process.
  await endTokenStreams(ctx, [row.id]);
}
