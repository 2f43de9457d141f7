// CSRF tokens for the HTML forms: a signed double-submit. A random seed lives in its own
// HttpOnly cookie; the form carries HMAC(secretKeyBase, seed and session id). Another site can
// neither read the cookie nor compute the HMAC, and a token minted before sign-in stops working
// after it, since the session id is part of what is signed.
import { createHmac } from "node:crypto";
import { safeEqual } from "../../lib/tokens.ts";

export function csrfToken(secretKeyBase: string, seed: string, sessionId: string | null): string {
  return createHmac("sha256", secretKeyBase)
    .update(`csrf\0${seed}\0${sessionId ?? ""}`)
    .digest("base64url");
}

export function csrfValid(
  secretKeyBase: string,
  seed: string | undefined,
  sessionId: string | null,
  presented: string | undefined,
): boolean {
  if (!seed || !presented) return false;
  return safeEqual(csrfToken(secretKeyBase, seed, sessionId), presented);
}
