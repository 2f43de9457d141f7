// Notifications v1 — https://docs.joinmastodon.org/methods/notifications/
//   GET  /api/v1/notifications               types[], exclude_types[], account_id,
//                                            include_filtered; 40 by default, 80 at most
//   GET  /api/v1/notifications/unread_count  after the notifications marker; limit ≤ 1000
//   GET  /api/v1/notifications/:id
//   POST /api/v1/notifications/clear         all of them, answers {}
//   POST /api/v1/notifications/:id/dismiss   one, answers {}
// Requests from strangers are in requests.ts (mounted at /api/v1/notifications/requests).
import { Hono } from "hono";
import { notFound } from "../../../lib/errors.ts";
import {
  clearNotifications,
  dismissNotification,
} from "../../../services/notifications/dismiss.ts";
import {
  getNotification,
  listNotifications,
  unreadCount,
} from "../../../services/notifications/list-notifications.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { readPage, setPageLinks } from "../../pagination.ts";
import { readParams } from "../../params.ts";
import { readListOptions } from "./params.ts";
import { presentNotifications } from "./present.ts";

const read = requireAuth({ scopes: ["read:notifications"] });
const write = requireAuth({ scopes: ["write:notifications"] });

export const notificationRoutes = new Hono<Env>()
  .get("/", read, async (c) => {
    const viewer = currentUser(c).accountId;
    const params = await readParams(c);
    const page = readPage(params, { defaultLimit: 40, maxLimit: 80 });
    const listed = await listNotifications(c.var.ctx, viewer, readListOptions(params), page);
    setPageLinks(c, page, listed.cursors);
    return c.json(await presentNotifications(c.var.ctx, viewer, listed));
  })
  .get("/unread_count", read, async (c) => {
    const params = await readParams(c);
    const { limit } = readPage(params, { defaultLimit: 100, maxLimit: 1000 });
    const count = await unreadCount(
      c.var.ctx,
      currentUser(c).accountId,
      readListOptions(params),
      limit,
    );
    return c.json({ count });
  })
  .post("/clear", write, async (c) => {
    await clearNotifications(c.var.ctx, currentUser(c).accountId);
    return c.json({});
  })
  .get("/:id{[0-9]+}", read, async (c) => {
    const viewer = currentUser(c).accountId;
    const loaded = await getNotification(c.var.ctx, viewer, c.req.param("id"));
    const [entity] =
      loaded === undefined ? [] : await presentNotifications(c.var.ctx, viewer, loaded);
    if (entity === undefined) throw notFound();
    return c.json(entity);
  })
  .post("/:id{[0-9]+}/dismiss", write, async (c) => {
    if (!(await dismissNotification(c.var.ctx, currentUser(c).accountId, c.req.param("id"))))
      throw notFound();
    return c.json({});
  });
