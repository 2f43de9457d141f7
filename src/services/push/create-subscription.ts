// POST /api/v1/push/subscription: a new Web Push subscription for the request's access token,
// replacing the one it had (Mastodon keeps one per token). The endpoint must be an http(s)
// URL and the keys what a browser's PushSubscription gives: a P-256 point and 16 random bytes.
import type { AppContext } from "../../context.ts";
import { normalizeAlerts, type PushPolicy } from "../../domain/push.ts";
import { unprocessable } from "../../lib/errors.ts";
import { sealSecret } from "../../lib/secret-box.ts";
import { decodeBase64, isP256PublicKey } from "../../lib/web-push.ts";
import {
  deletePushSubscriptionsOfToken,
  findPushSubscriptionOfToken,
  insertPushSubscription,
  type PushSubscriptionRow,
} from "../../repos/push-subscriptions.ts";

/** Longest endpoint accepted: push services' URLs are a few hundred characters. */
export const PUSH_ENDPOINT_MAX = 2048;
/** What lib/secret-box.ts seals the access token for. */
export const PUSH_TOKEN_PURPOSE = "push token";

export interface NewSubscription {
  userId: string;
  tokenId: string;
  /** The raw access token: Mastodon's payload carries it for the service worker. */
  token: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  standard: boolean;
  alerts: Record<string, boolean>;
  policy: PushPolicy;
}

function checkEndpoint(endpoint: string): void {
  if (endpoint.trim() === "") throw unprocessable("Validation failed: Endpoint can't be blank");
  if (endpoint.length > PUSH_ENDPOINT_MAX)
    throw unprocessable(
      `Validation failed: Endpoint is too long (maximum is ${PUSH_ENDPOINT_MAX} characters)`,
    );
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (
    url === undefined ||
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.hostname === "" ||
    url.username !== "" ||
    url.password !== ""
  )
    throw unprocessable("Validation failed: Endpoint is not a valid URL");
}

/** The keys as base64url, or a 422 naming what is wrong. */
function checkKeys(p256dh: string, auth: string): { p256dh: string; auth: string } {
  if (p256dh.trim() === "") throw unprocessable("Validation failed: Key p256dh can't be blank");
  if (auth.trim() === "") throw unprocessable("Validation failed: Key auth can't be blank");
  const point = decodeBase64(p256dh);
  const secret = decodeBase64(auth);
  if (point === null || !isP256PublicKey(point))
    throw unprocessable("Validation failed: Key p256dh is not a valid P-256 public key");
  if (secret === null || secret.length !== 16)
    throw unprocessable("Validation failed: Key auth must be 16 bytes");
  return { p256dh: point.toString("base64url"), auth: secret.toString("base64url") };
}

export async function createPushSubscription(
  ctx: AppContext,
  input: NewSubscription,
): Promise<PushSubscriptionRow> {
  checkEndpoint(input.endpoint);
  const keys = checkKeys(input.p256dh, input.auth);
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await deletePushSubscriptionsOfToken(trx, input.tokenId);
    await insertPushSubscription(trx, {
      id: ctx.newId(),
      userId: input.userId,
      accessTokenId: input.tokenId,
      endpoint: input.endpoint,
      ...keys,
      standard: input.standard,
      alerts: normalizeAlerts(input.alerts),
      policy: input.policy,
      accessTokenBox: sealSecret(ctx.secrets.secretKeyBase, PUSH_TOKEN_PURPOSE, input.token),
      at,
    });
  });
  const row = await findPushSubscriptionOfToken(ctx.db, input.tokenId);
  if (row === undefined) throw new Error("the push subscription just saved is gone");
  return row;
}
