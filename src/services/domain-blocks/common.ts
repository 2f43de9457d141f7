// What blocking and unblocking a domain share: reading the `domain` parameter as Mastodon
// does (normalized to lower-case punycode) and refusing what can never be blocked.
import type { AppContext } from "../../context.ts";
import { normalizeDomain } from "../../domain/domain-names.ts";

/** The parameter as the client sent it; undefined when missing. */
export type DomainInput = string | undefined;

export function readDomain(
  ctx: AppContext,
  input: DomainInput,
): { type: "ok"; domain: string } | { type: "invalid"; message: string } {
  if (input === undefined || input.trim() === "")
    return { type: "invalid", message: "Validation failed: Domain can't be blank" };
  const domain = normalizeDomain(input);
  if (domain === null) return { type: "invalid", message: "Validation failed: Domain is invalid" };
  // Our own accounts have a null domain: a block of our name would hide nothing and only
  // confuse, so it is refused (with or without the port).
  const own = [ctx.config.domain.toLowerCase(), new URL(ctx.config.baseUrl).hostname];
  if (own.includes(domain))
    return { type: "invalid", message: "Validation failed: Domain cannot be this server" };
  return { type: "ok", domain };
}
