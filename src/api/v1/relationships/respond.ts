// What the relationship endpoints share: the target id from the path, and turning a service
// result into Mastodon's answer (the Relationship with the target, 404 or 403).
import type { Context } from "hono";
import { isId } from "../../../domain/id.ts";
import { forbidden, notFound, unprocessable } from "../../../lib/errors.ts";
import { enqueueDelivery } from "../../../services/federation/enqueue-delivery.ts";
import type { FederationEffect } from "../../../services/relationships/common.ts";
import { getRelationship } from "../../../services/relationships/get-relationships.ts";
import { toRelationship } from "../../entities/relationship.ts";
import type { Env } from "../../env.ts";

/** The `:id` (or `:account_id`) path parameter, or a 404 when it cannot be an id. */
export function pathId(c: Context<Env>, name = "id"): string {
  const id = c.req.param(name) ?? "";
  if (!isId(id)) throw notFound();
  return id;
}

export async function relationshipResponse(
  c: Context<Env>,
  result: { type: string; federate?: FederationEffect | null },
  viewerId: string,
  targetId: string,
): Promise<Response> {
  if (result.type === "not-found") throw notFound();
  if (result.type === "forbidden") throw forbidden();
  if (result.type === "self")
    throw unprocessable("Validation failed: You cannot do this to yourself");
  // Every relationship action answers here: its Follow, Block, Undo… goes out as a job.
  await enqueueDelivery(c.var.ctx, "relationship", viewerId, result.federate);
  return c.json(toRelationship(await getRelationship(c.var.ctx, viewerId, targetId)));
}
