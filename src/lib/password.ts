// Password hashing with scrypt from node:crypto (no native addon to build). A stored hash
// names its algorithm and parameters, `scrypt$N$r$p$salt$hash` (salt and hash base64url), so
// the cost can be raised later without invalidating existing hashes (see needsRehash).
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

// OWASP's scrypt settings of equal strength include N=2^15, r=8, p=3: 32 MiB per hash instead
// of the 128 MiB of N=2^17, p=1, which matters on the small machines Hearth targets. About
// 150 ms on one core; it runs on libuv's thread pool, so the event loop stays free.
export const PRODUCTION_COST: Cost = { N: 2 ** 15, r: 8, p: 3 };
// Under NODE_ENV=test (set by `npm test`) hashes are made at N=2^10, p=1, as Mastodon lowers
// bcrypt's cost in its test environment: the suites create hundreds of accounts, and at the
// production cost hashing alone took minutes of CI. Verification still honours whatever
// parameters a stored hash names, and a login re-hashes at the current cost (needsRehash).
const TEST_COST: Cost = { N: 2 ** 10, r: 8, p: 1 };

interface Cost {
  N: number;
  r: number;
  p: number;
}

/** The parameters new hashes are made with (read per call: tests set NODE_ENV first). */
export function currentCost(): Cost {
  return process.env.NODE_ENV === "test" ? TEST_COST : PRODUCTION_COST;
}
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// A stored hash with parameters beyond these is refused rather than allowed to eat memory.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(
  password: string,
  salt: Buffer,
  keyBytes: number,
  options: ScryptOptions,
): Promise<Buffer> {
  const { N = PRODUCTION_COST.N, r = PRODUCTION_COST.r, p = PRODUCTION_COST.p } = options;
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128·N·r (the default, 32 MiB, is exactly our cost and so too small).
    scrypt(password, salt, keyBytes, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password with a fresh salt. */
export async function hashPassword(password: string, cost = currentCost()): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, cost);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")]
    .map(String)
    .join("$");
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
  if (N === undefined || r === undefined || p === undefined) return null;
  // N must be a power of two above 1; all three within our bounds.
  if (!(N > 1 && N <= MAX_N && (N & (N - 1)) === 0)) return null;
  if (!(r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P)) return null;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const key = Buffer.from(parts[5] ?? "", "base64url");
  if (salt.length < 8 || key.length < 16 || key.length > 128) return null;
  return { N, r, p, salt, key };
}

/**
 * True when `password` matches `stored`. A malformed or unknown hash matches nothing. The
 * comparison takes the same time wherever the keys differ.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed);
  return timingSafeEqual(key, parsed.key);
}

/** True when `stored` was made with other parameters than today's: hash again after login. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  const COST = currentCost();
  return (
    parsed === null ||
    parsed.N !== COST.N ||
    parsed.r !== COST.r ||
    parsed.p !== COST.p ||
    parsed.key.length !== KEY_BYTES
  );
}

/** A random password for accounts created without one: 32 hex digits (128 bits), as tootctl. */
export function generatePassword(): string {
  return randomBytes(16).toString("hex");
}
