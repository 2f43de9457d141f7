// Offset pagination, for the lists Mastodon pages by `offset` rather than by id (search,
// the directory, trends, suggestions). Like Mastodon's limit_param, a limit out of range is
// clamped; an offset that is not a non-negative integer counts as 0 (Mastodon's `to_i`).
import type { Context } from "hono";
import type { Env } from "./env.ts";
import type { Params } from "./params.ts";

export interface OffsetPage {
  limit: number;
  offset: number;
}

function integer(value: Params[string] | undefined): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== "string" || !/^\s*-?\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `limit` (default `defaultLimit`, at most `maxLimit`) and `offset`. */
export function readOffsetPage(params: Params, defaultLimit: number, maxLimit: number): OffsetPage {
  const limit = integer(params.limit);
  const offset = integer(params.offset);
  return {
    limit: limit === undefined || limit <= 0 ? defaultLimit : Math.min(limit, maxLimit),
    offset: offset === undefined || offset < 0 ? 0 : offset,
  };
}

/** Link header: next while pages are full, prev after the first page. */
export function setOffsetLinks(c: Context<Env>, page: OffsetPage, count: number): void {
  const link = (offset: number, rel: string) => {
    const request = new URL(c.req.url);
    const url = new URL(request.pathname, c.var.ctx.config.baseUrl);
    for (const [k, v] of request.searchParams) if (k !== "offset") url.searchParams.append(k, v);
    url.searchParams.set("offset", String(offset));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (count >= page.limit) links.push(link(page.offset + page.limit, "next"));
  if (page.offset > 0) links.push(link(Math.max(0, page.offset - page.limit), "prev"));
  if (links.length > 0) c.header("Link", links.join(", "));
}
