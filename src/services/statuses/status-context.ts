// A status's thread — https://docs.joinmastodon.org/methods/statuses/#context
// Ancestors (root first) and descendants (depth first, in reply order), each filtered by the
// viewer's visibility rule and by whom the viewer mutes. A hidden reply does not hide the
// visible replies under it, as on Mastodon. Limits are Mastodon's: anonymous viewers get 40
// ancestors and 60 descendants at most 20 deep; signed-in viewers up to 4,096 each.
import type { AppContext } from "../../context.ts";
import {
  findAncestorIds,
  findDescendantLinks,
  findMutedAmong,
  findVisibleStatuses,
  type ThreadLink,
} from "../../repos/status-reads.ts";
import type { StatusRow } from "./common.ts";

export const CONTEXT_LIMIT = 4096;
export const ANONYMOUS_LIMITS = Object.freeze({ ancestors: 40, descendants: 60, depth: 20 });

export interface StatusContext {
  ancestors: StatusRow[];
  descendants: StatusRow[];
}

/** Depth-first order of a reply tree given breadth-first links (children by id). */
function depthFirst(rootId: string, links: ThreadLink[]): string[] {
  const children = new Map<string, string[]>();
  for (const link of links) {
    const list = children.get(link.inReplyToId ?? "") ?? [];
    list.push(link.id);
    children.set(link.inReplyToId ?? "", list);
  }
  const order: string[] = [];
  const seen = new Set<string>();
  const walk = (id: string) => {
    const kids = [...(children.get(id) ?? [])].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    for (const kid of kids) {
      if (seen.has(kid)) continue;
      seen.add(kid);
      order.push(kid);
      walk(kid);
    }
  };
  walk(rootId);
  return order;
}

/** undefined when the status itself is not visible to the viewer. */
export async function statusContext(
  ctx: AppContext,
  viewerId: string | null,
  statusId: string,
): Promise<StatusContext | undefined> {
  const [status] = await findVisibleStatuses(ctx.db, [statusId], viewerId);
  if (status === undefined) return undefined;
  const limits =
    viewerId === null
      ? ANONYMOUS_LIMITS
      : { ancestors: CONTEXT_LIMIT, descendants: CONTEXT_LIMIT, depth: CONTEXT_LIMIT };
  const ancestorIds =
    status.in_reply_to_id === null
      ? []
      : (await findAncestorIds(ctx.db, status.in_reply_to_id, limits.ancestors)).reverse();
  const links = await findDescendantLinks(ctx.db, status.id, limits.descendants, limits.depth);
  const descendantIds = depthFirst(status.id, links);
  const rows = await findVisibleStatuses(ctx.db, [...ancestorIds, ...descendantIds], viewerId);
  const muted =
    viewerId === null
      ? new Set<string>()
      : await findMutedAmong(
          ctx.db,
          viewerId,
          [...new Set(rows.map((r) => r.account_id))],
          ctx.clock.now().toISOString(),
        );
  const shown = new Map(
    rows.filter((r) => !muted.has(r.account_id) || r.account_id === viewerId).map((r) => [r.id, r]),
  );
  return {
    ancestors: ancestorIds.flatMap((id) => shown.get(id) ?? []),
    descendants: descendantIds.flatMap((id) => shown.get(id) ?? []),
  };
}
