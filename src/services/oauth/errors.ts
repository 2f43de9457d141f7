// OAuth 2 errors as Doorkeeper words them (RFC 6749 §5.2): `{"error": code,
// "error_description": text}`. Client authentication failures are 401, everything else 400.
import { HttpError } from "../../lib/errors.ts";

const DESCRIPTIONS = {
  invalid_request:
    "The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.",
  invalid_client:
    "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
  invalid_grant:
    "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
  unauthorized_client: "You are not authorized to revoke this token",
  unsupported_grant_type:
    "The authorization grant type is not supported by the authorization server.",
  invalid_scope: "The requested scope is invalid, unknown, or malformed.",
  access_denied: "The resource owner or authorization server denied the request.",
  unsupported_response_type: "The authorization server does not support this response type.",
} as const;

export type OAuthErrorCode = keyof typeof DESCRIPTIONS;

export function oauthDescription(code: OAuthErrorCode): string {
  return DESCRIPTIONS[code];
}

/** The HttpError for an OAuth error; `detail` replaces the generic description. */
export function oauthError(code: OAuthErrorCode, detail?: string): HttpError {
  const status = code === "invalid_client" ? 401 : code === "unauthorized_client" ? 403 : 400;
  return new HttpError(status, code, detail ?? DESCRIPTIONS[code]);
}
