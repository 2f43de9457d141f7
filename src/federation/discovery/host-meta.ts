// GET /.well-known/host-meta (XRD) and /.well-known/host-meta.json (JRD), RFC 6415: where
// WebFinger lives. Older fediverse software (and some current lookups) start here rather than
// at /.well-known/webfinger. host-meta answers JRD too when the client asks for JSON.
import { Hono } from "hono";
import type { Env } from "../../api/env.ts";

const XRD_NS = "http://docs.oasis-open.org/ns/xri/xrd-1.0";

export function webfingerTemplate(baseUrl: string): string {
  return `${baseUrl}/.well-known/webfinger?resource={uri}`;
}

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch]!,
  );
}

export function hostMetaXml(baseUrl: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<XRD xmlns="${XRD_NS}">
  <Link rel="lrdd" template="${escapeXml(webfingerTemplate(baseUrl))}"/>
</XRD>
`;
}

export function hostMetaJrd(baseUrl: string) {
  return { links: [{ rel: "lrdd", template: webfingerTemplate(baseUrl) }] };
}

/** True when the Accept header prefers JSON over XML (or names only JSON). */
function wantsJson(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  let json = 0;
  let xml = 0;
  for (const part of accept.split(",")) {
    const [type = "", ...params] = part.trim().toLowerCase().split(";");
    const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? "1");
    const weight = Number.isFinite(q) ? q : 0;
    if (type === "application/json" || type === "application/jrd+json")
      json = Math.max(json, weight);
    if (type === "application/xrd+xml" || type.endsWith("/xml")) xml = Math.max(xml, weight);
  }
  return json > 0 && json >= xml;
}

const CACHE = "public, max-age=259200"; // three days, as Mastodon

export const hostMetaRoutes = new Hono<Env>()
  .get("/.well-known/host-meta", (c) => {
    const baseUrl = c.var.ctx.config.baseUrl;
    c.header("Cache-Control", CACHE);
    c.header("Vary", "Accept");
    if (wantsJson(c.req.header("accept"))) {
      c.header("Content-Type", "application/json");
      return c.body(JSON.stringify(hostMetaJrd(baseUrl)));
    }
    c.header("Content-Type", "application/xrd+xml; charset=utf-8");
    return c.body(hostMetaXml(baseUrl));
  })
  .get("/.well-known/host-meta.json", (c) => {
    c.header("Cache-Control", CACHE);
    c.header("Content-Type", "application/json");
    return c.body(JSON.stringify(hostMetaJrd(c.var.ctx.config.baseUrl)));
  });
