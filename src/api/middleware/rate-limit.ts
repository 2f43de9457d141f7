// Rate limits with Mastodon's numbers (config/initializers/rack_attack.rb): every throttle
// that applies to a request is counted; the first one exceeded answers 429. The response
// carries the X-RateLimit-* headers of the tightest throttle, as Mastodon's do, so clients
// can pace themselves. Loopback clients are exempt, as in Mastodon (the server's own tools).
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { clientIp, isLoopbackAddress, rateLimitBucket } from "../client-ip.ts";
import type { Env } from "../env.ts";
import { errorBody } from "../errors.ts";

export interface Throttle {
  name: string;
  limit: number;
  periodMs: number;
  /** The key to count under, or null when the throttle does not apply to this request. */
  key(c: Context<Env>, ip: string): string | null;
}

const MINUTE = 60_000;

/** Set by the auth middleware (accounts issue) once tokens exist. */
export interface RateLimitIdentity {
  tokenId: string;
  userId: string;
}
const identities = new WeakMap<Request, RateLimitIdentity>();
export function setRateLimitIdentity(c: Context, identity: RateLimitIdentity): void {
  identities.set(c.req.raw, identity);
}
const identityOf = (c: Context) => identities.get(c.req.raw);

const PAGING_KEYS = ["page", "max_id", "since_id", "min_id"];

export const API_THROTTLES: Throttle[] = [
  {
    name: "authenticated_api",
    limit: 1500,
    periodMs: 5 * MINUTE,
    key: (c) => identityOf(c)?.userId ?? null,
  },
  {
    name: "authenticated_token",
    limit: 300,
    periodMs: 5 * MINUTE,
    key: (c) => identityOf(c)?.tokenId ?? null,
  },
  {
    name: "unauthenticated_api",
    limit: 300,
    periodMs: 5 * MINUTE,
    key: (c, ip) => (identityOf(c) === undefined ? ip : null),
  },
  {
    name: "throttle_paging",
    limit: 300,
    periodMs: 15 * MINUTE,
    key: (c, ip) => {
      const query = new URL(c.req.url).searchParams;
      if (!PAGING_KEYS.some((k) => query.has(k))) return null;
      return identityOf(c)?.userId ?? ip;
    },
  },
  // Sign-up and confirmation mails: every attempt counts, failed ones too (rack-attack).
  {
    name: "throttle_api_sign_up",
    limit: 5,
    periodMs: 30 * MINUTE,
    key: (c, ip) => (isPost(c, "/api/v1/accounts") ? ip : null),
  },
  {
    name: "throttle_email_confirmations/ip",
    limit: 25,
    periodMs: 5 * MINUTE,
    key: (c, ip) => (isPost(c, "/api/v1/emails/confirmations") ? ip : null),
  },
  {
    name: "throttle_email_confirmations/user",
    limit: 5,
    periodMs: 30 * MINUTE,
    key: (c) =>
      isPost(c, "/api/v1/emails/confirmations") ? (identityOf(c)?.userId ?? null) : null,
  },
  // Uploads are expensive to process: 30 per 30 minutes per user, failed ones too.
  {
    name: "throttle_media",
    limit: 30,
    periodMs: 30 * MINUTE,
    key: (c) =>
      isPost(c, "/api/v1/media") || isPost(c, "/api/v2/media")
        ? (identityOf(c)?.userId ?? null)
        : null,
  },
  // Mastodon's "statuses" family (RateLimiter): 300 posts and edits together per 3 hours per
  // account. Mastodon counts the ones saved; here every attempt counts, as for uploads.
  {
    name: "throttle_statuses",
    limit: 300,
    periodMs: 180 * MINUTE,
    key: (c) =>
      isPost(c, "/api/v1/statuses") || isStatusEdit(c) ? (identityOf(c)?.userId ?? null) : null,
  },
];

function isPost(c: Context, path: string): boolean {
  return c.req.method === "POST" && c.req.path.replace(/\/$/, "") === path;
}

/** PUT /api/v1/statuses/:id */
function isStatusEdit(c: Context): boolean {
  return c.req.method === "PUT" && /^\/api\/v1\/statuses\/[^/]+\/?$/.test(c.req.path);
}

export function rateLimit(throttles: Throttle[]) {
  return createMiddleware<Env>(async (c, next) => {
    const { config, rateLimits, clock } = c.var.ctx;
    const ip = clientIp(c);
    if (!config.rateLimits || (ip !== null && isLoopbackAddress(ip))) return next();
    const bucket = ip === null ? "unknown" : rateLimitBucket(ip);
    const now = clock.now();
    let tightest: { limit: number; remaining: number; resetAt: Date } | null = null;
    let exceeded = false;
    for (const throttle of throttles) {
      const key = throttle.key(c, bucket);
      if (key === null) continue;
      const hit = await rateLimits.hit(`${throttle.name}:${key}`, throttle.periodMs, now);
      const remaining = Math.max(0, throttle.limit - hit.count);
      if (tightest === null || remaining < tightest.remaining) {
        tightest = { limit: throttle.limit, remaining, resetAt: hit.resetAt };
      }
      if (hit.count > throttle.limit) exceeded = true;
    }
    const setHeaders = () => {
      if (tightest === null) return;
      c.header("X-RateLimit-Limit", String(tightest.limit));
      c.header("X-RateLimit-Remaining", String(tightest.remaining));
      c.header("X-RateLimit-Reset", tightest.resetAt.toISOString());
    };
    if (exceeded) {
      setHeaders();
      return c.json(errorBody("Too many requests"), 429);
    }
    await next();
    setHeaders();
  });
}
