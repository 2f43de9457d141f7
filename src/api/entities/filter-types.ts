// The shape of a filter match as entities see it (services/filters/apply-filters.ts makes it);
// kept apart so the web app can import the entity types without services.
export interface FilterStatusMatch {
  filter: {
    id: string;
    title: string;
    context: string[];
    action: string;
    expires_at: string | null;
  };
  keywordMatches: string[] | null;
  statusMatches: string[] | null;
}
