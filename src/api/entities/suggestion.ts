// The Suggestion entity — https://docs.joinmastodon.org/entities/Suggestion/
// `sources` (4.3) and the deprecated `source` that older clients read, mapped as Mastodon's
// serializer does (featured → staff, most_followed → global, friends_of_friends →
// past_interactions).
import type {
  LoadedSuggestion,
  SuggestionSource,
} from "../../services/suggestions/list-suggestions.ts";
import type { Account } from "./account.ts";

export interface Suggestion {
  source: "staff" | "global" | "past_interactions";
  sources: SuggestionSource[];
  account: Account;
}

const LEGACY: Record<SuggestionSource, Suggestion["source"]> = {
  featured: "staff",
  most_followed: "global",
  friends_of_friends: "past_interactions",
};

export function toSuggestion(suggestion: LoadedSuggestion, account: Account): Suggestion {
  const first = suggestion.sources[0] ?? "most_followed";
  return { source: LEGACY[first], sources: suggestion.sources, account };
}
