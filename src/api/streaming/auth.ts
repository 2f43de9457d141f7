// Who a stream belongs to. Mastodon 4.2+ streams only for a user token, found (in this order)
// in `Authorization: Bearer`, the `access_token` query parameter, or, for WebSockets from
// browsers, `Sec-WebSocket-Protocol` (echoed back by the handshake). A missing token is
// 401 "Missing access token"; an unknown, revoked or app-only token 401 "Invalid access token";
// a user who may not use the API (unconfirmed, pending, disabled) gets REST's 403.
import type { AppContext } from "../../context.ts";
import { HttpError } from "../../lib/errors.ts";
import { hashToken } from "../../lib/tokens.ts";
import { findTokenOwner } from "../../repos/oauth.ts";
import type { StreamAuth } from "./streams.ts";

export function tokenFromHeaders(
  authorization: string | undefined,
  query: URLSearchParams,
  protocol: string | undefined,
): string | undefined {
  if (authorization !== undefined) return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  const fromQuery = query.get("access_token");
  if (fromQuery) return fromQuery;
  // A browser cannot set headers on a WebSocket: the token is the (first) subprotocol.
  const first = protocol?.split(",")[0]?.trim();
  return first ? first : undefined;
}

export async function authenticateStream(
  ctx: AppContext,
  token: string | undefined,
): Promise<StreamAuth> {
  if (token === undefined) throw new HttpError(401, "Missing access token");
  const owner = await findTokenOwner(ctx.db, hashToken(token));
  if (owner === undefined || owner.revokedAt !== null || owner.accountId === null)
    throw new HttpError(401, "Invalid access token");
  if (owner.confirmedAt === null)
    throw new HttpError(403, "Your login is missing a confirmed e-mail address");
  if (owner.approved !== true) throw new HttpError(403, "Your login is currently pending approval");
  if (owner.disabled === true || owner.suspendedAt !== null)
    throw new HttpError(403, "Your login is currently disabled");
  return {
    tokenId: owner.tokenId,
    accountId: owner.accountId,
    scopes: owner.scopes.split(" ").filter((s) => s !== ""),
    role: owner.role,
  };
}
