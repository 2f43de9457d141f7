// Client authentication for the token and revocation endpoints: client_id and client_secret
// in the body (client_secret_post) or in HTTP Basic (client_secret_basic, RFC 6749 §2.3.1).
import type { AppContext } from "../../context.ts";
import { hashToken, safeEqual } from "../../lib/tokens.ts";
import { type ApplicationRow, findApplicationByClientId } from "../../repos/oauth.ts";
import { oauthError } from "./errors.ts";

export interface ClientCredentials {
  clientId: string | undefined;
  clientSecret: string | undefined;
}

/** Credentials from an `Authorization: Basic` header (form-encoded id and secret), if any. */
export function basicCredentials(header: string | undefined): ClientCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (match === null) return null;
  const decoded = Buffer.from(match[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    return null;
  }
}

/** The authenticated app; throws invalid_client (401) otherwise. */
export async function authenticateClient(
  ctx: AppContext,
  credentials: ClientCredentials,
): Promise<ApplicationRow> {
  const { clientId, clientSecret } = credentials;
  if (!clientId || !clientSecret) throw oauthError("invalid_client");
  const app = await findApplicationByClientId(ctx.db, clientId);
  // Hash the presented secret either way, so an unknown client takes as long as a known one.
  const presented = hashToken(clientSecret);
  if (app === undefined || !safeEqual(presented, app.client_secret_hash)) {
    throw oauthError("invalid_client");
  }
  return app;
}
