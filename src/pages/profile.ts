// The human and machine faces of a profile URL. Servers asking for ActivityStreams at /@alice
// or /users/alice (Mastodon's actor path, which peers and people type) are sent to the actor's
// IRI (/ap/users/<id>, served by Fedify); browsers at an IRI are sent to /@alice, the public
// profile page (pages/public/profile.ts, which answers servers at /@alice too). Gone accounts
// answer 410, hidden ones 404.
import { Hono } from "hono";
import type { Env } from "../api/env.ts";
import { actorState } from "../domain/actor-state.ts";
import { notFound } from "../lib/errors.ts";
import {
  findLocalActor,
  findLocalActorByUsername,
  findPublicLocalStatus,
  type LocalActorRow,
} from "../repos/federation-reads.ts";

const AP_TYPES = ["application/activity+json", "application/ld+json"];

/** True when the client asks for ActivityStreams rather than a page (servers, not browsers). */
export function wantsActivityPub(accept: string | undefined): boolean {
  const lower = accept?.toLowerCase() ?? "";
  return AP_TYPES.some((type) => lower.includes(type));
}

const stateOf = (row: LocalActorRow) =>
  actorState({ suspendedAt: row.account.suspended_at, user: row.user });

export const profileRoutes = new Hono<Env>()
  .get("/users/:username{[A-Za-z0-9_]+}", async (c) => {
    const row = await findLocalActorByUsername(c.var.ctx.db, c.req.param("username"));
    c.header("Vary", "Accept");
    if (row === null || stateOf(row) === "hidden") throw notFound();
    const ap = wantsActivityPub(c.req.header("accept"));
    return c.redirect(ap ? row.account.uri : `/@${row.account.username}`, 301);
  })
  // Browsers reach these only: Fedify answers servers at the same paths.
  .get("/ap/users/:id{[0-9]+}", async (c) => {
    const row = await findLocalActor(c.var.ctx.db, c.req.param("id"));
    // A server got here only because Fedify had nothing to show it.
    if (row === null || stateOf(row) !== "active" || wantsActivityPub(c.req.header("accept")))
      throw notFound();
    return c.redirect(`/@${row.account.username}`, 302);
  })
  .get("/ap/statuses/:id{[0-9]+}", async (c) => {
    const status = await findPublicLocalStatus(c.var.ctx.db, c.req.param("id"));
    if (status?.url == null || wantsActivityPub(c.req.header("accept"))) throw notFound();
    return c.redirect(status.url, 302);
  });
