// Notification requests — https://docs.joinmastodon.org/methods/notifications/#get-requests
//   GET  /api/v1/notifications/requests              newest first, 40 by default, 80 at most
//   GET  /api/v1/notifications/requests/merged       {merged}: accepting merges at once here
//   POST /api/v1/notifications/requests/accept       id[]=…  (ids not the reader's: skipped)
//   POST /api/v1/notifications/requests/dismiss      id[]=…
//   GET  /api/v1/notifications/requests/:id
//   POST /api/v1/notifications/requests/:id/accept   answers {}
//   POST /api/v1/notifications/requests/:id/dismiss  answers {}
import { type Context, Hono } from "hono";
import { isId } from "../../../domain/id.ts";
import { notFound } from "../../../lib/errors.ts";
import {
  acceptRequests,
  dismissRequests,
  getRequest,
  listRequests,
} from "../../../services/notifications/requests.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { readPage, setPageLinks } from "../../pagination.ts";
import { readParams, stringList } from "../../params.ts";
import { presentRequests } from "./present.ts";

const read = requireAuth({ scopes: ["read:notifications"] });
const write = requireAuth({ scopes: ["write:notifications"] });

const idsOf = async (c: Context<Env>) =>
  stringList(await readParams(c), "id", { max: 100 }).filter(isId);

export const notificationRequestRoutes = new Hono<Env>()
  .get("/", read, async (c) => {
    const viewer = currentUser(c).accountId;
    const page = readPage(await readParams(c), { defaultLimit: 40, maxLimit: 80 });
    const listed = await listRequests(c.var.ctx, viewer, page);
    setPageLinks(c, page, listed.cursors);
    return c.json(await presentRequests(c.var.ctx, viewer, listed.requests));
  })
  .get("/merged", read, (c) => c.json({ merged: true }))
  .post("/accept", write, async (c) => {
    await acceptRequests(c.var.ctx, currentUser(c).accountId, await idsOf(c));
    return c.json({});
  })
  .post("/dismiss", write, async (c) => {
    await dismissRequests(c.var.ctx, currentUser(c).accountId, await idsOf(c));
    return c.json({});
  })
  .get("/:id{[0-9]+}", read, async (c) => {
    const viewer = currentUser(c).accountId;
    const request = await getRequest(c.var.ctx, viewer, c.req.param("id"));
    if (request === undefined) throw notFound();
    const [entity] = await presentRequests(c.var.ctx, viewer, [request]);
    return c.json(entity);
  })
  .post("/:id{[0-9]+}/accept", write, async (c) => {
    if ((await acceptRequests(c.var.ctx, currentUser(c).accountId, [c.req.param("id")])) === 0)
      throw notFound();
    return c.json({});
  })
  .post("/:id{[0-9]+}/dismiss", write, async (c) => {
    if ((await dismissRequests(c.var.ctx, currentUser(c).accountId, [c.req.param("id")])) === 0)
      throw notFound();
    return c.json({});
  });
