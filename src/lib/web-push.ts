// Web Push messages (RFC 8030): the payload encrypted for the browser's key (RFC 8291
// aes128gcm, or the aesgcm draft older clients still ask for) and signed with our VAPID key
// (RFC 8292). The `web-push` package does the cryptography and builds the request; sending it
// is left to the caller, so it goes through lib/safe-fetch.ts like every URL a stranger chose.
import { createECDH } from "node:crypto";
import webpush from "web-push";

export interface PushTarget {
  endpoint: string;
  /** base64url */
  p256dh: string;
  /** base64url */
  auth: string;
  /** aes128gcm (RFC 8291) when true, the legacy aesgcm draft otherwise. */
  standard: boolean;
}

export interface VapidKeys {
  subject: string;
  publicKey: string;
  privateKey: string;
}

export interface PushRequest {
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Seconds a push service keeps an undelivered message (Mastodon: 48 hours). */
export const PUSH_TTL_SECONDS = 48 * 3600;

/** The request that delivers `payload` to `target`. */
export function buildPushRequest(target: PushTarget, payload: string, vapid: VapidKeys) {
  const details = webpush.generateRequestDetails(
    { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
    payload,
    {
      vapidDetails: vapid,
      TTL: PUSH_TTL_SECONDS,
      contentEncoding: target.standard ? "aes128gcm" : "aesgcm",
      urgency: "normal",
    },
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(details.headers))
    headers[name.toLowerCase()] = String(value);
  return { headers, body: new Uint8Array(details.body) } satisfies PushRequest;
}

/** Bytes of base64 or base64url text, or null when it is not that (Node ignores bad chars). */
export function decodeBase64(text: string): Buffer | null {
  const trimmed = text.replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/_-]*$/.test(trimmed)) return null;
  return Buffer.from(trimmed.replace(/\+/g, "-").replace(/\//g, "_"), "base64url");
}

/** True for an uncompressed P-256 public key (a point on the curve), as the browser sends it. */
export function isP256PublicKey(key: Buffer): boolean {
  if (key.length !== 65 || key[0] !== 4) return false;
  try {
    // Deriving a secret with the point fails when it is not on the curve.
    const probe = createECDH("prime256v1");
    probe.generateKeys();
    probe.computeSecret(key);
    return true;
  } catch {
    return false;
  }
}
