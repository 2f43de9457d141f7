// The server's federation policy (Mastodon's DomainBlock, DomainAllow and limited federation
// mode) as pure rules: which block applies to a host, and what it means for an incoming
// activity, an outgoing delivery and a read.
//
//   suspend   nothing in (inbox 403, no fetch, no WebFinger), nothing out (no delivery),
//             the domain's accounts suspended (hidden from every read), follows severed
//   silence   (Mastodon's "limit") accounts marked silenced: hidden from public, hashtag and
//             search results of people who don't follow them; their follows need approval;
//             their notifications go to requests for non-followers
//   noop      nothing but the flags below
//   reject_media    remote media of the domain not fetched (kept as links)
//   reject_reports  incoming Flag activities dropped
//   allow-list mode (federation_mode "allowlist"): only allowed domains federate, in or out
//
// A block of example.com covers sub.example.com and every port (Mastodon's rule_for walks up
// the labels, the most specific block wins). A block with a port (127.0.0.1:8080, tests and
// local development) covers that host and port only.
import { normalizeDomain } from "./domain-names.ts";

export type Severity = "suspend" | "silence" | "noop";
export const SEVERITIES: readonly Severity[] = ["suspend", "silence", "noop"];

export type FederationMode = "open" | "allowlist";

export interface BlockRule {
  domain: string;
  severity: Severity;
  rejectMedia: boolean;
  rejectReports: boolean;
}

/** What the policy decides for one host. */
export interface HostPolicy {
  /** Activities are accepted from it and delivered to it; its documents may be fetched. */
  federates: boolean;
  silenced: boolean;
  rejectMedia: boolean;
  rejectReports: boolean;
}

/**
 * A block or allow entry as stored: lower-case punycode, optionally `:port` (1–65535).
 * Null when `input` is neither a domain name nor one with a port.
 */
export function normalizePolicyDomain(input: string): string | null {
  const match = /^(.*?)(?::(\d{1,5}))?$/.exec(input.trim().toLowerCase());
  if (match === null) return null;
  const name = normalizeDomain(match[1]!);
  if (name === null) return null;
  if (match[2] === undefined) return name;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? `${name}:${port}` : null;
}

/** `host` as a URL gives it (`example.com`, `example.com:8443`), lower-cased. */
function splitHost(host: string): { name: string; withPort: string } {
  const lower = host.toLowerCase().replace(/\.$/, "");
  const name = lower.replace(/:\d+$/, "");
  return { name, withPort: lower };
}

/** True when an entry for `domain` covers `host` (subdomains included; a port must match). */
export function coversHost(domain: string, host: string): boolean {
  const { name, withPort } = splitHost(host);
  if (domain.includes(":")) return withPort === domain;
  return name === domain || name.endsWith(`.${domain}`);
}

/** The most specific entry covering `host` (the longest domain), or undefined. */
export function ruleFor<T extends { domain: string }>(
  entries: readonly T[],
  host: string,
): T | undefined {
  let best: T | undefined;
  for (const entry of entries)
    if (
      coversHost(entry.domain, host) &&
      (best === undefined || entry.domain.length > best.domain.length)
    )
      best = entry;
  return best;
}

export function hostPolicy(
  host: string,
  blocks: readonly BlockRule[],
  allows: readonly { domain: string }[],
  mode: FederationMode,
): HostPolicy {
  const block = ruleFor(blocks, host);
  const allowed = mode === "open" || ruleFor(allows, host) !== undefined;
  return {
    federates: allowed && block?.severity !== "suspend",
    silenced: block?.severity === "silence",
    rejectMedia: block?.rejectMedia === true,
    rejectReports: block?.rejectReports === true,
  };
}

/**
 * The domain as GET /api/v1/instance/domain_blocks shows it: with `obfuscate`, the middle
 * characters (not the dots) become `*`, as Mastodon's DomainBlock#public_domain does.
 */
export function publicDomain(domain: string, obfuscate: boolean): string {
  if (!obfuscate) return domain;
  const chars = [...domain];
  const visible = Math.floor(chars.length / 4);
  return chars
    .map((c, i) => (i > visible && i < chars.length - visible && c !== "." ? "*" : c))
    .join("");
}

/** Whether a block shows in the public list (Mastodon's with_user_facing_limitations). */
export function isUserFacing(block: { severity: Severity; rejectMedia: boolean }): boolean {
  return block.severity !== "noop" || block.rejectMedia;
}
