// Domain names as accounts.domain and domain blocks store them: lower-case punycode, no
// trailing dot. Mastodon normalizes the same way (TagManager#normalize_domain) and refuses
// what its DomainValidator refuses: labels of 1–63 letters, digits or hyphens (not at either
// end), 253 characters in all, at least two labels.
import { domainToASCII } from "node:url";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The normalized domain, or null when `input` is not a domain name. */
export function normalizeDomain(input: string): string | null {
  const trimmed = input.trim().replace(/\.$/, "");
  if (trimmed === "" || /[\s/:@?#]/.test(trimmed)) return null;
  // domainToASCII lower-cases, maps Unicode to punycode, and returns "" for what URL refuses.
  const ascii = domainToASCII(trimmed);
  if (ascii === "" || ascii.length > 253) return null;
  const labels = ascii.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return ascii;
}
