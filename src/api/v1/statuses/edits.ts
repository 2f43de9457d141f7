// Editing statuses — https://docs.joinmastodon.org/methods/statuses/
//   PUT /api/v1/statuses/:id          edit one's own post (write:statuses)
//   GET /api/v1/statuses/:id/history  its revisions (public for what the viewer may see)
//   GET /api/v1/statuses/:id/source   the text as typed (the author, read:statuses)
import { Hono } from "hono";
import { notFound, unprocessable } from "../../../lib/errors.ts";
import { enqueueDelivery } from "../../../services/federation/enqueue-delivery.ts";
import { parseFocus } from "../../../services/media/upload.ts";
import { editStatus, type MediaAttribute } from "../../../services/statuses/edit-status.ts";
import { statusHistory } from "../../../services/statuses/history.ts";
import { statusSource } from "../../../services/statuses/status-source.ts";
import { toStatusEdit, toStatusSource } from "../../entities/status-edit.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import {
  objectList,
  optionalBoolean,
  optionalString,
  type Params,
  readParams,
  stringList,
} from "../../params.ts";
import { presentAccount } from "../accounts/hydrate.ts";
import { authorizeIfGotToken } from "../accounts/optional-auth.ts";
import { pathId } from "../relationships/respond.ts";
import { readPoll } from "./poll-params.ts";
import { presentStatus } from "./present.ts";

/** `media_attributes[][id]=…` (form) or `media_attributes: [{id, description, focus}]` (JSON). */
function mediaAttributes(params: Params): MediaAttribute[] {
  const name = params.media_attributes === undefined ? "media_attributes[]" : "media_attributes";
  return objectList(params, name).flatMap((a) => {
    const id = optionalString(a, "id");
    if (id === undefined || id === "") return [];
    const description = optionalString(a, "description");
    const focus = parseFocus(optionalString(a, "focus"));
    return [
      {
        id,
        ...(description === undefined ? {} : { description }),
        ...(focus === undefined ? {} : { focus }),
      },
    ];
  });
}

export const statusEditRoutes = new Hono<Env>()
  .put("/:id", requireAuth({ scopes: ["write:statuses"] }), async (c) => {
    const ctx = c.var.ctx;
    const me = currentUser(c).accountId;
    const id = pathId(c);
    const params = await readParams(c);
    const result = await editStatus(ctx, me, id, {
      text: optionalString(params, "status") ?? "",
      spoilerText: optionalString(params, "spoiler_text"),
      sensitive: optionalBoolean(params, "sensitive"),
      language: optionalString(params, "language") || undefined,
      mediaIds: stringList(params, "media_ids"),
      mediaAttributes: mediaAttributes(params),
      // The poll after the edit (poll-params.ts); none given removes it, as Mastodon.
      poll: readPoll(params),
    });
    if (result.type === "not-found") throw notFound();
    if (result.type === "invalid") throw unprocessable(result.message);
    await enqueueDelivery(ctx, "status", me, result.federate);
    return c.json(await presentStatus(ctx, result.status, me));
  })
  .get("/:id/history", authorizeIfGotToken(["read:statuses"]), async (c) => {
    const ctx = c.var.ctx;
    const viewer = c.get("auth")?.user?.accountId ?? null;
    const revisions = await statusHistory(ctx, viewer, pathId(c));
    if (revisions === undefined) throw notFound();
    return c.json(
      revisions.map((r) => toStatusEdit(r, presentAccount(ctx, r.account), ctx.storage.url)),
    );
  })
  .get("/:id/source", requireAuth({ scopes: ["read:statuses"] }), async (c) => {
    const status = await statusSource(c.var.ctx, currentUser(c).accountId, pathId(c));
    if (status === undefined) throw notFound();
    return c.json(toStatusSource(status));
  });
