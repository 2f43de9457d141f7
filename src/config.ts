// Configuration is read once from the environment into a frozen, typed object.
// The variable names are a contract (README "Configuration"): keep them.
import { isIP } from "node:net";
import path from "node:path";

export type Role = "all" | "web" | "worker";
export type LogLevel = "trace" | "debug" | "info" | "warning" | "error" | "fatal";
export type RegistrationsMode = "open" | "approval" | "closed";

export interface Config {
  readonly env: "development" | "production" | "test";
  readonly port: number;
  readonly host: string;
  /** Public host name, with the port when it is not the default one. */
  readonly domain: string;
  readonly https: boolean;
  /** `https://domain` or `http://domain`, no trailing slash. */
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly database:
    | { readonly kind: "sqlite"; readonly path: string }
    | { readonly kind: "postgres"; readonly url: string };
  readonly redisUrl: string | null;
  readonly logLevel: LogLevel;
  /** Sets the instance's registration mode at start when given (otherwise the stored setting). */
  readonly registrations: RegistrationsMode | null;
  /** Rate limits can be turned off for benchmarks; they are on by default. */
  readonly rateLimits: boolean;
  /** Outgoing mail server; null writes every mail as an .eml file under `dataDir/mail`. */
  readonly smtp: SmtpConfig | null;
  /** The From header of every mail (SMTP_FROM). */
  readonly mailFrom: string;
  /**
   * HEARTH_ALLOW_PRIVATE_FEDERATION: let Fedify fetch from and deliver to loopback and private
   * addresses (tests and local development only; off by default, an SSRF guard).
   */
  readonly allowPrivateFederation: boolean;
  /** HEARTH_AUTHORIZED_FETCH: signed GETs required (also the `authorized_fetch` setting). */
  readonly authorizedFetch: boolean;
  /** HEARTH_FEDERATION_CONCURRENCY: Fedify messages (deliveries, inbox work) run at once. */
  readonly federationConcurrency: number;
  /** HEARTH_DELIVERY_HOST_CONCURRENCY: deliveries to one host at once (a slow peer's share). */
  readonly deliveryHostConcurrency: number;
}

export type SmtpConfig =
  | { readonly url: string }
  | {
      readonly host: string;
      readonly port: number;
      /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
      readonly secure: boolean;
      readonly user: string | null;
      readonly password: string | null;
    };

/** A setting that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
  readonly setting: string;
  constructor(setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.setting = setting;
  }
}

type Env = Record<string, string | undefined>;

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function parsePort(env: Env): number {
  const raw = nonEmpty(env, "PORT");
  if (raw === undefined) return 3000;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new ConfigError("PORT", `must be a port number from 1 to 65535, got "${raw}"`);
  }
  return Number(raw);
}

function parseCount(env: Env, name: string, fallback: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1000) {
    throw new ConfigError(name, `must be a whole number from 1 to 1000, got "${raw}"`);
  }
  return Number(raw);
}

const TRUE = new Set(["1", "true", "yes", "on"]);
const FALSE = new Set(["0", "false", "no", "off"]);

export function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const lower = raw.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function parseDomain(env: Env, port: number): string {
  const raw = nonEmpty(env, "HEARTH_DOMAIN");
  if (raw === undefined) return `localhost:${port}`;
  const domain = raw.toLowerCase();
  // A host name or IP literal with an optional port, nothing else (no scheme, no path).
  let parsed: URL;
  try {
    parsed = new URL(`http://${domain}`);
  } catch {
    throw new ConfigError(
      "HEARTH_DOMAIN",
      `must be a host name such as social.example, got "${raw}"`,
    );
  }
  if (parsed.host !== domain || parsed.pathname !== "/" || domain.includes("@")) {
    throw new ConfigError(
      "HEARTH_DOMAIN",
      `must be a bare host name (and optional port) such as social.example, got "${raw}"`,
    );
  }
  return domain;
}

export function isLoopbackHost(domain: string): boolean {
  const host = new URL(`http://${domain}`).hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}

function parseDatabase(env: Env, dataDir: string): Config["database"] {
  const raw = nonEmpty(env, "DATABASE_URL");
  if (raw === undefined) return { kind: "sqlite", path: path.join(dataDir, "hearth.sqlite") };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("DATABASE_URL", "is not a URL; expected postgres://user@host:port/db");
  }
  if (url.protocol === "postgres:" || url.protocol === "postgresql:") {
    return { kind: "postgres", url: raw };
  }
  if (url.protocol === "sqlite:" || url.protocol === "file:") {
    const file = decodeURIComponent(url.pathname);
    if (file === "" || file === "/") throw new ConfigError("DATABASE_URL", "names no SQLite file");
    return { kind: "sqlite", path: file };
  }
  throw new ConfigError(
    "DATABASE_URL",
    `unsupported scheme "${url.protocol}"; use postgres:// (or leave it unset for SQLite)`,
  );
}

function parseRedis(env: Env): string | null {
  const raw = nonEmpty(env, "REDIS_URL");
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("REDIS_URL", "is not a URL; expected redis://host:port");
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new ConfigError("REDIS_URL", `unsupported scheme "${url.protocol}"; use redis://`);
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T;
function oneOf<T extends string>(
  env: Env,
  name: string,
  values: readonly T[],
  fallback: null,
): T | null;
function oneOf<T extends string>(
  env: Env,
  name: string,
  values: readonly T[],
  fallback: T | null,
): T | null {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, `must be one of ${values.join(", ")}; got "${raw}"`);
}

const freezeOrNull = <T extends object>(value: T | null): T | null =>
  value === null ? null : Object.freeze(value);

function parseSmtp(env: Env): SmtpConfig | null {
  const url = nonEmpty(env, "SMTP_URL");
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError("SMTP_URL", "is not a URL; expected smtp://user:password@host:587");
    }
    if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
      throw new ConfigError(
        "SMTP_URL",
        `unsupported scheme "${parsed.protocol}"; use smtp:// or smtps://`,
      );
    }
    if (parsed.hostname === "") throw new ConfigError("SMTP_URL", "names no host");
    return { url };
  }
  const host = nonEmpty(env, "SMTP_HOST");
  if (host === undefined) {
    // The other SMTP_* settings without a host would silently do nothing: say so instead.
    for (const name of ["SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "SMTP_SECURE"]) {
      if (nonEmpty(env, name) !== undefined)
        throw new ConfigError(name, "is set but SMTP_HOST (or SMTP_URL) is not");
    }
    return null;
  }
  if (!/^[a-z0-9.-]+$/i.test(host) && isIP(host.replace(/^\[|\]$/g, "")) === 0) {
    throw new ConfigError("SMTP_HOST", `must be a host name or IP address, got "${host}"`);
  }
  const rawPort = nonEmpty(env, "SMTP_PORT");
  if (
    rawPort !== undefined &&
    (!/^\d+$/.test(rawPort) || Number(rawPort) < 1 || Number(rawPort) > 65535)
  ) {
    throw new ConfigError("SMTP_PORT", `must be a port number from 1 to 65535, got "${rawPort}"`);
  }
  const secure = parseBoolean(env, "SMTP_SECURE", rawPort === "465");
  const port = rawPort === undefined ? (secure ? 465 : 587) : Number(rawPort);
  const user = nonEmpty(env, "SMTP_USER") ?? null;
  const password =
    env.SMTP_PASSWORD === undefined || env.SMTP_PASSWORD === "" ? null : env.SMTP_PASSWORD;
  if (password !== null && user === null)
    throw new ConfigError("SMTP_PASSWORD", "is set but SMTP_USER is not");
  return { host, port, secure, user, password };
}

// An address, bare or as `Name <address>`: one @, no spaces or angle brackets inside.
const MAIL_FROM_RE = /^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

function parseMailFrom(env: Env, domain: string): string {
  const raw = nonEmpty(env, "SMTP_FROM");
  if (raw === undefined) return `Hearth <notifications@${new URL(`http://${domain}`).hostname}>`;
  if (!MAIL_FROM_RE.test(raw) || /[\r\n]/.test(raw)) {
    throw new ConfigError(
      "SMTP_FROM",
      `must be an address such as notifications@social.example or "Name <address>", got "${raw}"`,
    );
  }
  return raw;
}

/** Parses the environment; throws ConfigError naming the first bad setting. */
export function parseConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const nodeEnv = oneOf(
    env,
    "NODE_ENV",
    ["development", "production", "test"] as const,
    "development",
  );
  const port = parsePort(env);
  const domain = parseDomain(env, port);
  const https = parseBoolean(env, "HEARTH_HTTPS", !isLoopbackHost(domain));
  const dataDir = path.resolve(cwd, nonEmpty(env, "HEARTH_DATA_DIR") ?? "data");
  const host = nonEmpty(env, "HOST") ?? (nodeEnv === "production" ? "0.0.0.0" : "127.0.0.1");
  if (isIP(host.replace(/^\[|\]$/g, "")) === 0 && !/^[a-z0-9.-]+$/i.test(host)) {
    throw new ConfigError("HOST", `must be an IP address or host name to listen on, got "${host}"`);
  }
  return Object.freeze({
    env: nodeEnv,
    port,
    host,
    domain,
    https,
    baseUrl: `${https ? "https" : "http"}://${domain}`,
    dataDir,
    database: Object.freeze(parseDatabase(env, dataDir)),
    redisUrl: parseRedis(env),
    logLevel: oneOf(
      env,
      "HEARTH_LOG_LEVEL",
      ["trace", "debug", "info", "warning", "error", "fatal"] as const,
      nodeEnv === "test" ? "warning" : "info",
    ),
    registrations: oneOf(
      env,
      "HEARTH_REGISTRATIONS",
      ["open", "approval", "closed"] as const,
      null,
    ),
    rateLimits: parseBoolean(env, "HEARTH_RATE_LIMITS", true),
    smtp: freezeOrNull(parseSmtp(env)),
    mailFrom: parseMailFrom(env, domain),
    allowPrivateFederation: parseBoolean(env, "HEARTH_ALLOW_PRIVATE_FEDERATION", false),
    authorizedFetch: parseBoolean(env, "HEARTH_AUTHORIZED_FETCH", false),
    federationConcurrency: parseCount(env, "HEARTH_FEDERATION_CONCURRENCY", 16),
    deliveryHostConcurrency: parseCount(env, "HEARTH_DELIVERY_HOST_CONCURRENCY", 4),
  });
}
