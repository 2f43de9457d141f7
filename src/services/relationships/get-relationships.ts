// The Relationship data between the viewer and many accounts, in the order asked: one query
// for the accounts (unknown ids are skipped; suspended ones unless `withSuspended`) and a
// fixed number for the state, whatever the number of ids.
import type { AppContext } from "../../context.ts";
import { findBlockedDomains } from "../../repos/domain-blocks.ts";
import { findAccountsByIds } from "../../repos/profiles.ts";
import { findRelationshipState } from "../../repos/relationship-reads.ts";

export interface Relationship {
  id: string;
  following: boolean;
  showingReblogs: boolean;
  notifying: boolean;
  languages: string[] | null;
  followedBy: boolean;
  blocking: boolean;
  blockedBy: boolean;
  muting: boolean;
  mutingNotifications: boolean;
  mutingExpiresAt: string | null;
  requested: boolean;
  requestedBy: boolean;
  domainBlocking: boolean;
  endorsed: boolean;
  note: string;
}

export async function getRelationships(
  ctx: AppContext,
  viewerId: string,
  ids: readonly string[],
  options: { withSuspended?: boolean } = {},
): Promise<Relationship[]> {
  const unique = [...new Set(ids)];
  const rows = await findAccountsByIds(ctx.db, unique);
  const known = new Map(
    rows
      .filter((r) => options.withSuspended === true || r.suspended_at === null)
      .map((r) => [r.id, r]),
  );
  const wanted = unique.filter((id) => known.has(id));
  const s = await findRelationshipState(ctx.db, viewerId, wanted, ctx.clock.now().toISOString());
  const domains = new Set(wanted.flatMap((id) => known.get(id)?.domain ?? []));
  const blockedDomains = await findBlockedDomains(ctx.db, viewerId, [...domains]);
  return wanted.map((id) => {
    const follow = s.following.get(id) ?? s.requested.get(id);
    const muted = s.muting.get(id);
    return {
      id,
      following: s.following.has(id),
      showingReblogs: follow?.showReblogs ?? false,
      notifying: follow?.notify ?? false,
      languages: follow?.languages ?? null,
      followedBy: s.followedBy.has(id),
      blocking: s.blocking.has(id),
      blockedBy: s.blockedBy.has(id),
      muting: muted !== undefined,
      mutingNotifications: muted?.hideNotifications ?? false,
      mutingExpiresAt: muted?.expiresAt ?? null,
      requested: s.requested.has(id),
      requestedBy: s.requestedBy.has(id),
      domainBlocking: blockedDomains.has(known.get(id)?.domain ?? ""),
      endorsed: s.endorsed.has(id),
      note: s.notes.get(id) ?? "",
    };
  });
}

export async function getRelationship(
  ctx: AppContext,
  viewerId: string,
  id: string,
): Promise<Relationship> {
  const [one] = await getRelationships(ctx, viewerId, [id], { withSuspended: true });
  if (one === undefined) throw new Error(`account ${id} vanished`);
  return one;
}
