// The AppContext: everything a request, a job or a command needs, built once per process.
// A plain object; no DI container.

import path from "node:path";
import { getLogger } from "@logtape/logtape";
import type { Config } from "./config.ts";
import { type DatabaseHandle, type Db, type Dialect, openDatabase } from "./db/index.ts";
import { createIdGenerator, type IdGenerator } from "./domain/id.ts";
import { type Clock, systemClock } from "./lib/clock.ts";
import { createMailer, type Mailer } from "./lib/mailer.ts";
import { createMemoryPubSub, type PubSub } from "./lib/pubsub.ts";
import { createMemoryRateLimitStore, type RateLimitStore } from "./lib/rate-limit-store.ts";
import { createRedisPubSub } from "./lib/redis-pubsub.ts";
import type { Secrets } from "./lib/secrets.ts";
import { createTtlCache, type TtlCache } from "./lib/ttl-cache.ts";
import { createLocalStorage, type Storage } from "./media/storage.ts";

export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  readonly dialect: Dialect;
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly secrets: Secrets;
  readonly rateLimits: RateLimitStore;
  /** Short-lived values shared by requests (instance counts). */
  readonly cache: TtlCache;
  /** When this process started serving; reported by /health and used by benchmarks. */
  readonly startedAt: Date;
  /** Uploaded files (avatars, headers, attachments): local disk under `<data dir>/media`. */
  readonly storage: Storage;
  /** Outgoing mail: SMTP when configured, otherwise .eml files in `<data dir>/mail`. */
  readonly mailer: Mailer;
  /** Live events for streaming: in memory, or Redis when REDIS_URL is set (several processes). */
  readonly pubsub: PubSub;
}

export interface ContextOptions {
  database?: DatabaseHandle;
  clock?: Clock;
  secrets: Secrets;
  pubsub?: PubSub;
}

export function createContext(config: Config, options: ContextOptions): AppContext {
  const clock = options.clock ?? systemClock;
  const database = options.database ?? openDatabase(config.database);
  return Object.freeze({
    config,
    db: database.db,
    dialect: database.dialect,
    database,
    clock,
    newId: createIdGenerator(() => clock.now()),
    secrets: options.secrets,
    rateLimits: createMemoryRateLimitStore(),
    cache: createTtlCache(clock),
    startedAt: clock.now(),
    storage: createLocalStorage(path.join(config.dataDir, "media"), config.baseUrl),
    mailer: createMailer({
      smtp: config.smtp,
      from: config.mailFrom,
      directory: path.join(config.dataDir, "mail"),
      now: () => clock.now(),
    }),
    pubsub:
      options.pubsub ??
      (config.redisUrl === null
        ? createMemoryPubSub()
        : createRedisPubSub(config.redisUrl, (error) =>
            getLogger(["hearth", "redis"]).error("Redis: {error}", { error }),
          )),
  });
}
