// Who may see a status: the one rule every read applies (convention 7). The same rule is
// written in SQL in db/queries/visible-to.ts; a test matrix checks the two agree.
//
//   deleted, or author suspended           → nobody
//   the author                             → always
//   viewer blocks or is blocked by author  → nothing
//   public, unlisted                       → everyone (anonymous too)
//   private                                → followers of the author and mentioned accounts
//   direct                                 → mentioned accounts
// Mastodon hides only when the author blocks the viewer; we hide both ways, as a block reads
// as "keep us apart". Domain blocks join this rule when they exist.
import type { Visibility } from "./user-settings.ts";

export interface VisibilitySubject {
  accountId: string;
  visibility: Visibility;
  deletedAt: string | null;
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
}

export function canSee(
  viewerId: string | null,
  status: VisibilitySubject,
  facts: VisibilityFacts,
): boolean {
  if (status.deletedAt !== null || facts.authorSuspended) return false;
  const publicish = status.visibility === "public" || status.visibility === "unlisted";
  if (viewerId === null) return publicish;
  if (viewerId === status.accountId) return true;
  if (facts.blocking || facts.blockedBy) return false;
  if (publicish) return true;
  if (status.visibility === "private") return facts.following || facts.mentioned;
  return facts.mentioned;
}
