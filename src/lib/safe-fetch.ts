// An HTTP client for URLs that strangers choose (link previews, later remote media): it
// connects only to public addresses, follows at most three redirects and checks each hop
// again, stops reading after 1 MiB and gives up after 10 seconds in all.
//
// The address is checked where the socket is opened (the `lookup` hook of node:http), not by
// resolving the name beforehand: a name that resolves to a public address for the check and
// a private one for the connection (DNS rebinding) cannot slip through. IP literals skip the
// lookup, so they are checked before connecting. No Accept-Encoding is sent, so the size cap
// counts the bytes that will be parsed (no decompression bombs).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";

export type SafeFetchErrorCode =
  | "bad-url"
  | "private-address"
  | "too-many-redirects"
  | "too-large"
  | "timeout"
  | "network";

export class SafeFetchError extends Error {
  readonly code: SafeFetchErrorCode;
  constructor(code: SafeFetchErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SafeFetchError";
    this.code = code;
  }
}

export interface SafeFetchOptions {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
  /**
   * CIDRs let through although private (Mastodon's ALLOWED_PRIVATE_ADDRESSES): a proxy on
   * the same network, or the tests' local server.
   */
  allowedPrivate?: readonly string[];
  /** Abort from outside (a shutdown). */
  signal?: AbortSignal;
  /** GET by default. A request with a body is never redirected: a 3xx is its answer. */
  method?: "GET" | "POST";
  body?: Uint8Array;
}

export interface SafeResponse {
  /** The URL answered, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export const SAFE_FETCH_LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 10_000, maxRedirects: 3 };

// Everything that is not the public internet: RFC 6890 special-purpose ranges and friends.
const PRIVATE_V4 = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const;
const PRIVATE_V6 = [
  ["::", 128], // unspecified: reaches the local host on some systems (Mastodon CVE-2026-46348)
  ["::1", 128],
  ["::", 96], // IPv4-compatible (deprecated)
  ["100::", 64],
  ["2001::", 23], // IETF protocol assignments, Teredo included
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const;

const blocked = new BlockList();
for (const [net, prefix] of PRIVATE_V4) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of PRIVATE_V6) blocked.addSubnet(net, prefix, "ipv6");

/** The IPv4 address embedded in an IPv4-mapped, NAT64 or 6to4 IPv6 address, if any. */
function embeddedV4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const mapped = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return mapped[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const high = Number.parseInt(hex[1] as string, 16);
    const low = Number.parseInt(hex[2] as string, 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  if (sixToFour) {
    const high = Number.parseInt(sixToFour[1] as string, 16);
    const low = Number.parseInt(sixToFour[2] as string, 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return undefined;
}

/** True for an address on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blocked.check(address, "ipv4");
  if (family !== 6) return false;
  const v4 = embeddedV4(address);
  if (v4 !== undefined) return isPublicAddress(v4);
  return !blocked.check(address, "ipv6");
}

function allowList(cidrs: readonly string[] | undefined): BlockList | undefined {
  if (cidrs === undefined || cidrs.length === 0) return undefined;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, bits] = cidr.split("/");
    const type = isIP(net ?? "") === 6 ? "ipv6" : "ipv4";
    list.addSubnet(net as string, Number(bits ?? (type === "ipv6" ? 128 : 32)), type);
  }
  return list;
}

function permitted(address: string, allowed: BlockList | undefined): boolean {
  if (isPublicAddress(address)) return true;
  const type = isIP(address) === 6 ? "ipv6" : "ipv4";
  return allowed?.check(address, type) ?? false;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup that refuses non-public answers, in whichever shape net asked for. */
function guardedLookup(allowed: BlockList | undefined) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => !permitted(a.address, allowed));
      if (bad !== undefined || list.length === 0) {
        const refusal = new SafeFetchError(
          "private-address",
          `${hostname} resolves to a non-public address (${bad?.address ?? "none"})`,
        );
        return callback(refusal as NodeJS.ErrnoException, "");
      }
      if (options.all) return callback(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SafeFetchError("bad-url", `not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new SafeFetchError("bad-url", `only http and https URLs are fetched: ${url.protocol}`);
  if (url.username !== "" || url.password !== "")
    throw new SafeFetchError("bad-url", "URLs with credentials are not fetched");
  return url;
}

/** One request, no redirects followed; resolves with the response (body unread). */
function requestOnce(
  url: URL,
  options: SafeFetchOptions,
  allowed: BlockList | undefined,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0 && !permitted(host, allowed))
    return Promise.reject(new SafeFetchError("private-address", `${host} is not a public address`));
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: options.method ?? "GET",
      headers: { "user-agent": "Hearth", accept: "*/*", ...options.headers },
      lookup: guardedLookup(allowed) as never,
      signal,
    });
    req.on("response", resolve);
    req.on("error", reject);
    req.end(options.body);
  });
}

async function readCapped(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new SafeFetchError("too-large", `the response declares ${declared} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      res.destroy();
      throw new SafeFetchError("too-large", `the response is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function translate(error: unknown, timedOut: boolean): SafeFetchError {
  if (error instanceof SafeFetchError) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof SafeFetchError) return cause;
  if (timedOut)
    return new SafeFetchError("timeout", "the response took too long", { cause: error });
  return new SafeFetchError("network", (error as Error).message ?? "network error", {
    cause: error,
  });
}

/** GET (or POST) `rawUrl` under the limits; a GET's redirects are followed (and checked) up
 *  to maxRedirects. */
export async function safeFetch(
  rawUrl: string,
  options: SafeFetchOptions = {},
): Promise<SafeResponse> {
  const maxBytes = options.maxBytes ?? SAFE_FETCH_LIMITS.maxBytes;
  const maxRedirects = options.maxRedirects ?? SAFE_FETCH_LIMITS.maxRedirects;
  const allowed = allowList(options.allowedPrivate);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? SAFE_FETCH_LIMITS.timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    let url = parseUrl(rawUrl);
    for (let hop = 0; ; hop++) {
      const res = await requestOnce(url, options, allowed, controller.signal);
      const location = res.headers.location;
      if (
        res.statusCode !== undefined &&
        res.statusCode >= 300 &&
        res.statusCode < 400 &&
        location &&
        options.body === undefined
      ) {
        res.resume();
        if (hop >= maxRedirects)
          throw new SafeFetchError("too-many-redirects", `more than ${maxRedirects} redirects`);
        url = parseUrl(new URL(location, url).toString());
        continue;
      }
      const body = await readCapped(res, maxBytes);
      return { url: url.toString(), status: res.statusCode ?? 0, headers: res.headers, body };
    }
  } catch (error) {
    throw translate(error, timedOut);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}
