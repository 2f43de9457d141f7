// Mastodon pagination: `max_id`, `since_id`, `min_id` and `limit` in, a `Link` header out.
// masto.js (and so Phanpy and Elk) follows only the Link header's rel="next", so every list
// endpoint sets it. See https://docs.joinmastodon.org/api/guidelines/#pagination
import type { Context } from "hono";
import type { Page } from "../db/queries/paginate.ts";
import { isId } from "../domain/id.ts";
import { unprocessable } from "../lib/errors.ts";
import type { Env } from "./env.ts";
import type { Params } from "./params.ts";

export interface PageOptions {
  defaultLimit?: number;
  maxLimit?: number;
}

function idParam(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !isId(text)) {
    throw unprocessable(`Validation failed: ${name} must be an id`);
  }
  return text;
}

/** Reads the page parameters; a limit out of range is clamped, as Mastodon does. */
export function readPage(params: Params, options: PageOptions = {}): Page {
  const defaultLimit = options.defaultLimit ?? 20;
  const maxLimit = options.maxLimit ?? 40;
  const rawLimit = params.limit;
  const parsed =
    typeof rawLimit === "number" ? rawLimit : Number.parseInt(String(rawLimit ?? ""), 10);
  const limit =
    Number.isFinite(parsed) && parsed > 0 ? Math.min(Math.trunc(parsed), maxLimit) : defaultLimit;
  return {
    maxId: idParam(params, "max_id"),
    sinceId: idParam(params, "since_id"),
    minId: idParam(params, "min_id"),
    limit,
  };
}

const PAGE_KEYS = new Set(["max_id", "since_id", "min_id"]);

function pageUrl(c: Context<Env>, key: "max_id" | "min_id", id: string): string {
  const request = new URL(c.req.url);
  const url = new URL(request.pathname, c.var.ctx.config.baseUrl);
  for (const [k, v] of request.searchParams) if (!PAGE_KEYS.has(k)) url.searchParams.append(k, v);
  url.searchParams.set(key, id);
  return url.toString();
}

/**
 * Sets the Link header for a page of results in display order (newest first). `next` (older)
 * is given only when the page is full, `prev` (newer) whenever the page has items.
 * `cursor` ids may differ from entity ids (a notification group, a feed entry).
 */
export function setPageLinks(c: Context<Env>, page: Page, cursors: readonly string[]): void {
  if (cursors.length === 0) return;
  const links: string[] = [];
  if (cursors.length >= page.limit)
    links.push(`<${pageUrl(c, "max_id", cursors[cursors.length - 1] as string)}>; rel="next"`);
  links.push(`<${pageUrl(c, "min_id", cursors[0] as string)}>; rel="prev"`);
  c.header("Link", links.join(", "));
}
