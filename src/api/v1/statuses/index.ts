// /api/v1/statuses — https://docs.joinmastodon.org/methods/statuses/
// Create, read one or several, delete, and the thread context. Reads are public for what an
// anonymous viewer may see; a token, when sent, must carry read:statuses.
import { Hono } from "hono";
import { isId } from "../../../domain/id.ts";
import { HttpError, notFound, unprocessable } from "../../../lib/errors.ts";
import { enqueueDelivery } from "../../../services/federation/enqueue-delivery.ts";
import { requestRemoteReplies } from "../../../services/federation/refresh-jobs.ts";
import { QUOTE_NOT_FOUND_MESSAGE } from "../../../services/quotes/prepare-quote.ts";
import { createStatus } from "../../../services/statuses/create-status.ts";
import { deleteStatus } from "../../../services/statuses/delete-status.ts";
import { getStatus, getStatuses } from "../../../services/statuses/get-status.ts";
import { statusContext } from "../../../services/statuses/status-context.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { optionalBoolean, optionalString, readParams, stringList } from "../../params.ts";
import { authorizeIfGotToken } from "../accounts/optional-auth.ts";
import { pathId } from "../relationships/respond.ts";
import { presentScheduledStatus } from "../scheduled-statuses/present.ts";
import { readPoll, readScheduledAt } from "./poll-params.ts";
import { presentStatus, presentStatuses } from "./present.ts";

/** Mastodon's cap on ids in GET /api/v1/statuses. */
export const MAX_STATUS_IDS = 20;

const readScope = authorizeIfGotToken(["read:statuses"]);

export const statusRoutes = new Hono<Env>()
  .post("/", requireAuth({ scopes: ["write:statuses"] }), async (c) => {
    const ctx = c.var.ctx;
    const user = currentUser(c);
    const params = await readParams(c);
    const inReplyTo = optionalString(params, "in_reply_to_id") || undefined;
    const replyNotFound = () =>
      new HttpError(404, "The post you are trying to reply to does not appear to exist.");
    if (inReplyTo !== undefined && !isId(inReplyTo)) throw replyNotFound();
    const quoted = optionalString(params, "quoted_status_id") || undefined;
    const quoteNotFound = () => new HttpError(404, QUOTE_NOT_FOUND_MESSAGE);
    if (quoted !== undefined && !isId(quoted)) throw quoteNotFound();
    const result = await createStatus(ctx, user.accountId, {
      text: optionalString(params, "status") ?? "",
      spoilerText: optionalString(params, "spoiler_text"),
      sensitive: optionalBoolean(params, "sensitive"),
      visibility: optionalString(params, "visibility"),
      language: optionalString(params, "language") || undefined,
      inReplyToId: inReplyTo,
      applicationId: c.get("auth")?.applicationId ?? null,
      idempotencyKey: c.req.header("idempotency-key") || undefined,
      mediaIds: stringList(params, "media_ids"),
      quotedStatusId: quoted,
      quoteApprovalPolicy: optionalString(params, "quote_approval_policy") || undefined,
      poll: readPoll(params),
      scheduledAt: readScheduledAt(params),
    });
    if (result.type === "not-found") throw replyNotFound();
    if (result.type === "quote-not-found") throw quoteNotFound();
    if (result.type === "invalid") throw unprocessable(result.message);
    if (result.type === "scheduled")
      return c.json(await presentScheduledStatus(ctx, result.scheduled));
    // Create to followers and those mentioned, then a quote's approval request.
    await enqueueDelivery(ctx, "status", user.accountId, result.federate);
    await enqueueDelivery(ctx, "quote", user.accountId, result.quoteFederate);
    return c.json(await presentStatus(ctx, result.status, user.accountId));
  })
  .get("/", readScope, async (c) => {
    const ids = stringList(await readParams(c), "id", { max: MAX_STATUS_IDS }).filter(isId);
    const viewer = c.get("auth")?.user?.accountId ?? null;
    const rows = await getStatuses(c.var.ctx, viewer, ids);
    return c.json(await presentStatuses(c.var.ctx, rows, viewer));
  })
  .get("/:id", readScope, async (c) => {
    const viewer = c.get("auth")?.user?.accountId ?? null;
    const row = await getStatus(c.var.ctx, viewer, pathId(c));
    if (row === undefined) throw notFound();
    return c.json(await presentStatus(c.var.ctx, row, viewer));
  })
  .delete("/:id", requireAuth({ scopes: ["write:statuses"] }), async (c) => {
    const user = currentUser(c);
    const result = await deleteStatus(c.var.ctx, user.accountId, pathId(c));
    if (result.type === "not-found") throw notFound();
    await enqueueDelivery(c.var.ctx, "status", user.accountId, result.federate);
    return c.json(
      await presentStatus(c.var.ctx, result.status, user.accountId, { withSource: true }),
    );
  })
  .get("/:id/context", readScope, async (c) => {
    const viewer = c.get("auth")?.user?.accountId ?? null;
    const context = await statusContext(c.var.ctx, viewer, pathId(c));
    if (context === undefined) throw notFound();
    // A remote post's replies we may not have yet: fetched by a job for later requests.
    if (viewer !== null) await requestRemoteReplies(c.var.ctx, pathId(c));
    return c.json({
      ancestors: await presentStatuses(c.var.ctx, context.ancestors, viewer),
      descendants: await presentStatuses(c.var.ctx, context.descendants, viewer),
    });
  });
