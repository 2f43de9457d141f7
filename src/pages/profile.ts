// The human and machine faces of a profile URL. Servers asking for ActivityStreams at /@alice
// or /users/alice (Mastodon's actor path, which peers and people type) are sent to the actor's
// IRI (/ap/users/<id>, served by Fedify); browsers at an IRI are sent to /@alice, which shows a
// plain page until the web app has profiles. Gone accounts answer 410, hidden ones 404.
import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { Env } from "../api/env.ts";
import { actorState } from "../domain/actor-state.ts";
import { notFound } from "../lib/errors.ts";
import {
  findLocalActor,
  findLocalActorByUsername,
  findPublicLocalStatus,
  type LocalActorRow,
} from "../repos/federation-reads.ts";
import { PAGE_CSP } from "./index.ts";

const AP_TYPES = ["application/activity+json", "application/ld+json"];

/** True when the client asks for ActivityStreams rather than a page (servers, not browsers). */
export function wantsActivityPub(accept: string | undefined): boolean {
  const lower = accept?.toLowerCase() ?? "";
  return AP_TYPES.some((type) => lower.includes(type));
}

function profilePage(row: LocalActorRow, domain: string) {
  const a = row.account;
  // `note` and field values are HTML we rendered from the owner's text (local accounts only).
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${a.display_name || a.username} (@${a.username}@${domain})</title>
    <link rel="alternate" type="application/activity+json" href="${a.uri}" />
    <style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5 }</style>
  </head>
  <body>
    <h1>${a.display_name || a.username}</h1>
    <p>@${a.username}@${domain}</p>
    <div>${raw(a.note)}</div>
    <dl>${(a.fields ?? []).map((f) => html`<dt>${f.name}</dt><dd>${raw(f.value)}</dd>`)}</dl>
  </body>
</html>`;
}

const stateOf = (row: LocalActorRow) =>
  actorState({ suspendedAt: row.account.suspended_at, user: row.user });

export const profileRoutes = new Hono<Env>()
  .get("/:handle{@[A-Za-z0-9_]+}", async (c) => {
    const row = await findLocalActorByUsername(c.var.ctx.db, c.req.param("handle").slice(1));
    const state = row === null ? "hidden" : stateOf(row);
    c.header("Vary", "Accept");
    if (row === null || state === "hidden") throw notFound();
    if (state === "gone") return c.text("Gone", 410);
    if (wantsActivityPub(c.req.header("accept"))) return c.redirect(row.account.uri, 301);
    c.header("Content-Security-Policy", PAGE_CSP);
    return c.html(profilePage(row, c.var.ctx.config.domain));
  })
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
