// /api/v1/scheduled_statuses — https://docs.joinmastodon.org/methods/scheduled_statuses/
// One's own scheduled posts only (another's id is a 404): list (Link pagination), view,
// move (PUT scheduled_at) and cancel. read:statuses to read, write:statuses to change.
import { Hono } from "hono";
import { notFound, unprocessable } from "../../../lib/errors.ts";
import { cancelScheduled } from "../../../services/scheduled-statuses/cancel.ts";
import { getScheduled, listScheduled } from "../../../services/scheduled-statuses/list.ts";
import { reschedule } from "../../../services/scheduled-statuses/reschedule.ts";
import { toScheduledStatus } from "../../entities/scheduled-status.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { readPage, setPageLinks } from "../../pagination.ts";
import { readParams } from "../../params.ts";
import { pathId } from "../relationships/respond.ts";
import { readScheduledAt } from "../statuses/poll-params.ts";

const read = requireAuth({ scopes: ["read:statuses"] });
const write = requireAuth({ scopes: ["write:statuses"] });

export const scheduledStatusRoutes = new Hono<Env>()
  .get("/", read, async (c) => {
    const me = currentUser(c).accountId;
    // Mastodon: 20 by default, 40 at most.
    const page = readPage(await readParams(c), { defaultLimit: 20, maxLimit: 40 });
    const rows = await listScheduled(c.var.ctx, me, page);
    setPageLinks(
      c,
      page,
      rows.map((r) => String(r.scheduled.id)),
    );
    return c.json(rows.map((r) => toScheduledStatus(r, c.var.ctx.storage.url)));
  })
  .get("/:id", read, async (c) => {
    const found = await getScheduled(c.var.ctx, currentUser(c).accountId, pathId(c));
    if (found === undefined) throw notFound();
    return c.json(toScheduledStatus(found, c.var.ctx.storage.url));
  })
  .put("/:id", write, async (c) => {
    const id = pathId(c);
    const at = readScheduledAt(await readParams(c));
    const result = await reschedule(c.var.ctx, currentUser(c).accountId, id, at);
    if (result.type === "not-found") throw notFound();
    if (result.type === "invalid") throw unprocessable(result.message);
    return c.json(toScheduledStatus(result.scheduled, c.var.ctx.storage.url));
  })
  .delete("/:id", write, async (c) => {
    if (!(await cancelScheduled(c.var.ctx, currentUser(c).accountId, pathId(c)))) throw notFound();
    return c.json({});
  });
