// What other servers (and logged-out visitors) may know of a local account, as Mastodon decides
// it: deleted and suspended accounts are gone (410, a Tombstone), sign-ups not yet confirmed or
// approved do not exist (404), everyone else is shown.
export type ActorState = "active" | "gone" | "hidden";

export interface ActorStateFacts {
  suspendedAt: string | null;
  /** null: the user was deleted; the account stays as a tombstone. */
  user: { confirmedAt: string | null; approved: boolean } | null;
}

export function actorState(facts: ActorStateFacts): ActorState {
  if (facts.suspendedAt !== null || facts.user === null) return "gone";
  if (facts.user.confirmedAt === null || !facts.user.approved) return "hidden";
  return "active";
}
