// Puts Fedify in front of the Hono routes for the paths it serves (WebFinger, /ap/*, /actor,
// the shared inbox), as @fedify/hono would (not available for 2.3.6 here): what Fedify does not
// answer (no such route, or a browser asking for HTML) falls through to our routes.
import type { Federation } from "@fedify/fedify";
import type { Context, MiddlewareHandler, Next } from "hono";
import type { Env } from "../api/env.ts";
import type { AppContext } from "../context.ts";
import { noteCollectionSync, SYNC_HEADER } from "./followers-sync-inbox.ts";
import { refuseByPolicy } from "./instance-gate.ts";

export const FEDERATION_PATHS = [
  "/.well-known/webfinger",
  "/ap/*",
  "/actor",
  "/actor/*",
  "/inbox",
] as const;

/** Mastodon lists the profile URL among a WebFinger answer's aliases; Fedify only the actor. */
async function withProfileAlias(response: Response): Promise<Response> {
  if (response.status !== 200) return response;
  const jrd = (await response.clone().json()) as {
    aliases?: string[];
    links?: { rel?: string; href?: string }[];
  };
  const profile = jrd.links?.find((l) => l.rel === "http://webfinger.net/rel/profile-page")?.href;
  const aliases = jrd.aliases ?? [];
  if (profile === undefined || aliases.includes(profile)) return response;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify({ ...jrd, aliases: [profile, ...aliases] }), {
    status: 200,
    headers,
  });
}

/**
 * A posted activity with a date or duration that is not a string (Pixelfed's Story has
 * `"duration": 3`). Fedify answers 400 for malformed temporal literals, but the Temporal
 * polyfill throws a TypeError for this one, which Fedify lets through as a 500: the sender
 * would retry it for days. It is the payload's fault, so 400, as Fedify does for the rest.
 */
function malformedLiteral(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.message.startsWith("expected a string, not ") &&
    (error.stack ?? "").includes("fromJsonLd")
  );
}

export function federationMiddleware(federation: Federation<AppContext>): MiddlewareHandler<Env> {
  return async (c: Context<Env>, next: Next) => {
    const fallThrough = async () => {
      await next();
      return c.res;
    };
    // Signed by a server we do not federate with: 403 before anything is fetched or queued.
    const refused = await refuseByPolicy(c.var.ctx, c.req.raw);
    if (refused !== null) return refused;
    // FEP-8fcf: Fedify consumes the body; a copy keeps the actor for after it accepts.
    const sync = c.req.method === "POST" ? c.req.header(SYNC_HEADER) : undefined;
    const copy = sync === undefined ? null : c.req.raw.clone();
    let response: Response;
    try {
      response = await federation.fetch(c.req.raw, {
        contextData: c.var.ctx,
        onNotFound: fallThrough,
        onNotAcceptable: async () => {
          const res = await fallThrough();
          if (res.status !== 404) return res;
          return new Response("Not acceptable", {
            status: 406,
            headers: { "Content-Type": "text/plain", Vary: "Accept" },
          });
        },
      });
    } catch (error) {
      if (c.req.method !== "POST" || !malformedLiteral(error)) throw error;
      return new Response("Invalid activity.", {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    if (copy !== null && sync !== undefined && response.status >= 200 && response.status < 300)
      await noteCollectionSync(c.var.ctx, copy, sync);
    return c.req.path === "/.well-known/webfinger" ? withProfileAlias(response) : response;
  };
}
