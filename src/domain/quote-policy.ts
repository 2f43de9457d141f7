// Who may quote a status — Mastodon 4.5's quote approval policy (Status::InteractionPolicyConcern).
//
// statuses.quote_approval_policy is Mastodon's integer: the high 16 bits say who is approved
// automatically, the low 16 bits who needs the author's manual review. Local posts only set
// `public` or `followers` automatically (or nothing: `nobody`); the other flags exist so a
// remote post's policy (FEP-044f `interactionPolicy.canQuote`) can be stored as received.
//
//   direct post, or a boost                 → denied (nobody, the author neither)
//   the author                              → automatic (their own private posts too)
//   automatic `public`                      → automatic
//   automatic `followers` and viewer follows → automatic
//   the same three checks on the manual set → manual
//   an unsupported flag in either set       → unknown
//   otherwise                               → denied
// A private or direct local post is always stored as `nobody` (only its author may quote it).

export const QUOTE_POLICIES = ["public", "followers", "nobody"] as const;
export type QuotePolicy = (typeof QUOTE_POLICIES)[number];

export const QUOTE_FLAGS = {
  unsupported_policy: 1 << 0,
  public: 1 << 1,
  followers: 1 << 2,
  following: 1 << 3,
} as const;
export type QuoteFlagName = keyof typeof QUOTE_FLAGS;

/** A quote's life: local quotes of local posts start accepted; remote ones start pending. */
export const QUOTE_STATES = [
  "pending",
  "accepted",
  "rejected",
  "revoked",
  "deleted",
  "unauthorized",
] as const;
export type QuoteState = (typeof QUOTE_STATES)[number];

export type QuoteEntitlement = "automatic" | "manual" | "denied" | "unknown";

export function isQuotePolicy(value: unknown): value is QuotePolicy {
  return typeof value === "string" && (QUOTE_POLICIES as readonly string[]).includes(value);
}

/** The stored integer for a policy chosen by a local author. */
export function quotePolicyFlags(policy: QuotePolicy): number {
  if (policy === "public") return QUOTE_FLAGS.public << 16;
  if (policy === "followers") return QUOTE_FLAGS.followers << 16;
  return 0;
}

/** The stored policy of a new local post: private and direct posts are never quotable by others. */
export function storedQuotePolicy(visibility: string, policy: QuotePolicy): number {
  return visibility === "public" || visibility === "unlisted" ? quotePolicyFlags(policy) : 0;
}

/** QuoteApproval.automatic / .manual: the flag names set in one half. */
export function quotePolicyKeys(stored: number, kind: "automatic" | "manual"): QuoteFlagName[] {
  const half = kind === "automatic" ? (stored >>> 16) & 0xffff : stored & 0xffff;
  return (Object.keys(QUOTE_FLAGS) as QuoteFlagName[]).filter((k) => (half & QUOTE_FLAGS[k]) !== 0);
}

export interface QuoteSubject {
  accountId: string;
  visibility: string;
  /** Boosts cannot be quoted (quote the boosted post instead). */
  isReblog: boolean;
  quoteApprovalPolicy: number;
}

export interface QuoterFacts {
  /** The would-be quoter follows the status's author. */
  following: boolean;
  /** The status's author follows the would-be quoter. */
  followedBy: boolean;
}

/** How the policy applies to `viewerId` (null: anonymous, always denied). */
export function quoteEntitlement(
  viewerId: string | null,
  status: QuoteSubject,
  facts: QuoterFacts,
): QuoteEntitlement {
  if (viewerId === null || status.visibility === "direct" || status.isReblog) return "denied";
  if (viewerId === status.accountId) return "automatic";
  const automatic = (status.quoteApprovalPolicy >>> 16) & 0xffff;
  const manual = status.quoteApprovalPolicy & 0xffff;
  const allows = (half: number) =>
    (half & QUOTE_FLAGS.public) !== 0 ||
    ((half & QUOTE_FLAGS.followers) !== 0 && facts.following) ||
    ((half & QUOTE_FLAGS.following) !== 0 && facts.followedBy);
  if (allows(automatic)) return "automatic";
  if (allows(manual)) return "manual";
  if (((automatic | manual) & QUOTE_FLAGS.unsupported_policy) !== 0) return "unknown";
  return "denied";
}
