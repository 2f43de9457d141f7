// Puts Fedify in front of the Hono routes for the paths it serves (WebFinger, /ap/*, /actor,
// the shared inbox), as @fedify/hono would (not available for 2.3.6 here): what Fedify does not
// answer (no such route, or a browser asking for HTML) falls through to our routes.
import type { Federation } from "@fedify/fedify";
import type { Context, MiddlewareHandler, Next } from "hono";
import type { Env } from "../api/env.ts";
import type { AppContext } from "../context.ts";
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

export function federationMiddleware(federation: Federation<AppContext>): MiddlewareHandler<Env> {
  return async (c: Context<Env>, next: Next) => {
    const fallThrough = async () => {
      await next();
      return c.res;
    };
    // Signed by a server we do not federate with: 403 before anything is fetched or queued.
    const refused = await refuseByPolicy(c.var.ctx, c.req.raw);
    if (refused !== null) return refused;
    const response = await federation.fetch(c.req.raw, {
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
    return c.req.path === "/.well-known/webfinger" ? withProfileAlias(response) : response;
  };
}
