// The client's address, for rate limits and logs. Behind a reverse proxy on the same machine
// (the usual setup) the socket peer is loopback and the client is the last X-Forwarded-For
// hop; from any other peer the header is ignored, since a client could write anything there.
import { isIP } from "node:net";
import type { Context } from "hono";
import type { Env } from "./env.ts";

export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^::ffff:/, "");
  return a === "::1" || (isIP(a) === 4 && a.startsWith("127."));
}

export function clientIp(c: Context<Env>): string | null {
  const peer = c.env?.incoming?.socket?.remoteAddress;
  if (peer === undefined) return null;
  if (isLoopbackAddress(peer)) {
    const hops = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter((h) => isIP(h) !== 0);
    // The rightmost address that is not loopback was added by our proxy and is the client.
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] as string;
      if (!isLoopbackAddress(hop)) return hop.replace(/^::ffff:/, "");
    }
  }
  return peer.replace(/^::ffff:/, "");
}

/** IPv6 clients are limited per /64, as Mastodon does: one host usually owns the whole /64. */
export function rateLimitBucket(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const groups = expandIpv6(ip);
  return `${groups.slice(0, 4).join(":")}::/64`;
}

function expandIpv6(ip: string): string[] {
  const [head = "", tail] = ip.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""));
}
