// Who may see a status: the one rule every read applies (convention 7). The same rule is
// written in SQL in db/queries/visible-to.ts; a test matrix checks the two agree.
//
//   deleted, or author suspended           → nobody
//   the author                             → always
//   viewer blocks or is blocked by author  → nothing
//   viewer blocks the author's domain      → nothing (followed or not, mentioned or not)
//   public, unlisted                       → everyone (anonymous too)
//   private                                → followers of the author and mentioned accounts
//   direct                                 → mentioned accounts
//   a boost                                → as above, and only while its original is visible
// Mastodon hides only when the author blocks the viewer; we hide both ways, as a block reads
// as "keep us apart". A user-level domain block hides everything from that server: Mastodon
// ends the follows with it when the block is made (AfterBlockDomainFromAccountService) and
// filters the rest (StatusFilter#blocking_domain?).
import type { Visibility } from "./user-settings.ts";

export interface VisibilitySubject {
  accountId: string;
  visibility: Visibility;
  deletedAt: string | null;
  /**
   * A boost's original, with what is known of the viewer and its author (null when it is
   * gone); absent for anything else. A boost is visible only while its original is.
   */
  reblogOf?: { status: VisibilitySubject; facts: VisibilityFacts } | null;
}

/** What is known about the viewer and the author; ignored for an anonymous viewer. */
export interface VisibilityFacts {
  authorSuspended: boolean;
  /** The viewer follows the author. */
  following: boolean;
  /** The viewer is mentioned in the status. */
  mentioned: boolean;
  /** The viewer blocks the author. */
  blocking: boolean;
  /** The author blocks the viewer. */
  blockedBy: boolean;
  /** The viewer blocks the author's domain (a remote author). */
  domainBlocked: boolean;
}

export function canSee(
  viewerId: string | null,
  status: VisibilitySubject,
  facts: VisibilityFacts,
): boolean {
  if (status.reblogOf === null) return false;
  if (
    status.reblogOf !== undefined &&
    !canSee(viewerId, status.reblogOf.status, status.reblogOf.facts)
  )
    return false;
  if (status.deletedAt !== null || facts.authorSuspended) return false;
  const publicish = status.visibility === "public" || status.visibility === "unlisted";
  if (viewerId === null) return publicish;
  if (viewerId === status.accountId) return true;
  if (facts.blocking || facts.blockedBy || facts.domainBlocked) return false;
  if (publicish) return true;
  if (status.visibility === "private") return facts.following || facts.mentioned;
  return facts.mentioned;
}
