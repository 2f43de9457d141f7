// The server's federation policy at the door: a request signed by a key of a host that may
// not federate with us (suspended, or not allowed in allow-list mode) is refused with 403
// before Fedify looks at it, as Mastodon's SignatureVerification does (domain_not_allowed?):
// nothing is fetched from that host (not even its key), stored or queued. Inbox POSTs and
// signed GETs (authorized fetch) go through here alike.
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../context.ts";
import { federatesWith } from "../services/instance-domain-blocks/policy.ts";
import { markIncoming } from "./authorized-fetch.ts";

const log = getLogger(["hearth", "federation", "policy"]);

/** The keyId of a draft-cavage `Signature` or an RFC 9421 `Signature-Input` header. */
export function signatureKeyId(headers: Headers): string | null {
  const cavage = headers.get("signature");
  const rfc9421 = headers.get("signature-input");
  const match =
    (cavage === null ? null : /(?:^|,)\s*keyId="([^"]*)"/i.exec(cavage)) ??
    (rfc9421 === null ? null : /;\s*keyid="([^"]*)"/i.exec(rfc9421));
  return match?.[1] ?? null;
}

/** The host a keyId names: a URL's, or an `acct:user@host`'s. */
function keyHost(keyId: string): string | null {
  if (keyId.toLowerCase().startsWith("acct:"))
    return keyId.slice(keyId.lastIndexOf("@") + 1) || null;
  return URL.parse(keyId)?.host ?? null;
}

/** 403 when the request is signed by a host the policy cuts off; null to let it through. */
export async function refuseByPolicy(app: AppContext, request: Request): Promise<Response | null> {
  markIncoming(request);
  const keyId = signatureKeyId(request.headers);
  if (keyId === null) return null;
  const host = keyHost(keyId);
  if (host === null || (await federatesWith(app, host))) return null;
  log.info("Refused {method} {path} signed by {host}: not allowed to federate", {
    method: request.method,
    path: new URL(request.url).pathname,
    host,
  });
  return new Response(JSON.stringify({ error: "Request not allowed" }), {
    status: 403,
    headers: { "Content-Type": "application/json" },
  });
}
