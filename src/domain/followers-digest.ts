// FEP-8fcf (followers collection synchronisation), the pure parts: the
// `Collection-Synchronization` header's fields, and the digest of a set of follower ids —
// hex of the XOR of the SHA-256 of each id, as Mastodon and Fedify compute it.
import { createHash } from "node:crypto";

export interface CollectionSync {
  collectionId: string;
  url: string;
  digest: string;
}

/** The header's `collectionId`, `url` and `digest`; null when one is missing or malformed. */
export function parseCollectionSync(header: string): CollectionSync | null {
  const fields = new Map<string, string>();
  for (const m of header.matchAll(/([A-Za-z]+)\s*=\s*"([^"]*)"/g)) fields.set(m[1]!, m[2]!);
  const collectionId = fields.get("collectionId");
  const url = fields.get("url");
  const digest = fields.get("digest")?.toLowerCase();
  if (collectionId === undefined || url === undefined || digest === undefined) return null;
  if (!/^[0-9a-f]{64}$/.test(digest)) return null;
  return { collectionId, url, digest };
}

export function followersDigest(ids: Iterable<string>): string {
  const out = new Uint8Array(32);
  for (const id of new Set(ids)) {
    const hash = createHash("sha256").update(id).digest();
    for (let i = 0; i < 32; i++) out[i]! ^= hash[i]!;
  }
  return Buffer.from(out).toString("hex");
}
