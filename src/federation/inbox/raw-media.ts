// What Fedify's vocabulary does not model, read from the sender's JSON: Mastodon's `blurhash`
// and `focalPoint` (toot: terms) on attachments, and `interactionPolicy.canQuote`. Read from the JSON the sender sent (the activity, or the fetched
// object), matched to Fedify's attachments by URL; anything malformed is dropped.
import type { Object as APObject } from "@fedify/vocab";
import { QUOTE_FLAGS } from "../../domain/quote-policy.ts";

type Json = Record<string, unknown>;

export interface RawMediaDetails {
  blurhash: string | null;
  focus: { x: number; y: number } | null;
  width: number | null;
  height: number | null;
}

const BLURHASH = /^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,100}$/;

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function hrefOf(url: unknown): string | null {
  for (const u of list(url)) {
    if (typeof u === "string") return u;
    if (isJson(u) && typeof u.href === "string") return u.href;
  }
  return null;
}

function dimension(value: unknown): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function focusOf(value: unknown): { x: number; y: number } | null {
  // Compacted as a plain pair; an expanded @list would be { "@list": [x, y] }.
  const pair = isJson(value) && Array.isArray(value["@list"]) ? value["@list"] : value;
  if (!Array.isArray(pair) || pair.length !== 2) return null;
  const [x, y] = pair;
  const ok = (n: unknown): n is number => typeof n === "number" && n >= -1 && n <= 1;
  return ok(x) && ok(y) ? { x, y } : null;
}

// An activity with a Linked Data Signature (Mastodon signs public ones, Fedify too) reaches the
// listener compacted to Fedify's signature context, which lacks these vocabularies: their terms
// arrive as full IRIs (`https://gotosocial.org/ns#interactionPolicy`, `as:quoteUrl`). Read
// under their usual short names all the same.
const NAMESPACES = [
  "https://gotosocial.org/ns#",
  "http://joinmastodon.org/ns#",
  "toot:",
  "https://w3id.org/fep/044f#",
  "http://fedibird.com/ns#",
  "https://misskey-hub.net/ns#",
  "https://www.w3.org/ns/activitystreams#",
  "as:",
];

function shortTerms(value: unknown, depth = 0): unknown {
  if (depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => shortTerms(v, depth + 1));
  if (!isJson(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const ns = NAMESPACES.find((n) => key.startsWith(n));
    const short = ns === undefined ? key : key.slice(ns.length);
    // A term sent under its short name wins over the same term in full.
    if (short !== key && short in value) continue;
    out[short] = shortTerms(v, depth + 1);
  }
  return out;
}

/**
 * The object's own JSON as sent: Fedify keeps it for a document it fetched; an object embedded
 * in an activity is found in the activity's JSON (same id).
 */
export function rawObjectOf(object: APObject, container?: unknown): Json | null {
  const own = (object as unknown as { _cachedJsonLd?: unknown })._cachedJsonLd;
  if (isJson(own)) return shortTerms(own) as Json;
  const outer = (container as { _cachedJsonLd?: unknown } | undefined)?._cachedJsonLd;
  if (isJson(outer) && isJson(outer.object) && outer.object.id === object.id?.href)
    return shortTerms(outer.object) as Json;
  return null;
}

/** Details per attachment URL. */
export function rawMediaDetails(raw: Json | null): Map<string, RawMediaDetails> {
  const byUrl = new Map<string, RawMediaDetails>();
  if (raw === null) return byUrl;
  for (const a of list(raw.attachment).slice(0, 32)) {
    if (!isJson(a)) continue;
    const url = hrefOf(a.url) ?? (typeof a.href === "string" ? a.href : null);
    if (url === null || byUrl.has(url)) continue;
    byUrl.set(url, {
      blurhash: typeof a.blurhash === "string" && BLURHASH.test(a.blurhash) ? a.blurhash : null,
      focus: focusOf(a.focalPoint),
      width: dimension(a.width),
      height: dimension(a.height),
    });
  }
  return byUrl;
}

const PUBLIC_IDS = new Set(["https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"]);
const FLAG_PUBLIC = QUOTE_FLAGS.public;
const FLAG_FOLLOWERS = QUOTE_FLAGS.followers;
const FLAG_UNSUPPORTED = QUOTE_FLAGS.unsupported_policy;

/**
 * `interactionPolicy.canQuote` (FEP-044f, Mastodon 4.5) as domain/quote-policy.ts's stored
 * integer: automatic approvals in the high half, manual ones in the low; Public and the
 * author's followers are understood, anyone else named is `unsupported_policy`. Nothing sent:
 * 0 (the post cannot be quoted, as Mastodon treats servers without quote support).
 */
export function quotePolicyOf(raw: Json | null, followersUrl: string | null): number {
  const policy = isJson(raw?.interactionPolicy) ? raw.interactionPolicy : null;
  const canQuote = isJson(policy?.canQuote) ? policy.canQuote : null;
  if (canQuote === null) return 0;
  const half = (value: unknown): number => {
    let flags = 0;
    for (const v of list(value).slice(0, 50)) {
      const id = typeof v === "string" ? v : isJson(v) && typeof v.id === "string" ? v.id : null;
      if (id === null) continue;
      if (PUBLIC_IDS.has(id)) flags |= FLAG_PUBLIC;
      else if (followersUrl !== null && id === followersUrl) flags |= FLAG_FOLLOWERS;
      else flags |= FLAG_UNSUPPORTED;
    }
    return flags;
  };
  // GoToSocial's older names (always / approvalRequired) mean the same.
  const automatic = half(canQuote.automaticApproval ?? canQuote.always);
  const manual = half(canQuote.manualApproval ?? canQuote.approvalRequired);
  return ((automatic << 16) | manual) >>> 0;
}
