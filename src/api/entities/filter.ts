// Filter, FilterKeyword, FilterStatus, FilterResult and V1::Filter —
// https://docs.joinmastodon.org/entities/Filter/ (and FilterResult, V1_Filter).
import type { FilterStatusMatch } from "./filter-types.ts";

export interface FilterKeywordEntity {
  id: string;
  keyword: string;
  whole_word: boolean;
}

export interface FilterStatusEntity {
  id: string;
  status_id: string;
}

export interface FilterEntity {
  id: string;
  title: string;
  context: string[];
  expires_at: string | null;
  filter_action: string;
  keywords?: FilterKeywordEntity[];
  statuses?: FilterStatusEntity[];
}

export interface FilterResultEntity {
  filter: FilterEntity;
  keyword_matches: string[] | null;
  status_matches: string[] | null;
}

export interface V1FilterEntity {
  id: string;
  phrase: string;
  context: string[];
  expires_at: string | null;
  irreversible: boolean;
  whole_word: boolean;
}

interface FilterLike {
  id: string;
  title: string;
  context: string[];
  action: string;
  expires_at: string | null;
}

interface KeywordLike {
  id: string;
  keyword: string;
  whole_word: boolean;
}

interface FilterStatusLike {
  id: string;
  status_id: string;
}

export function toFilterKeyword(k: KeywordLike): FilterKeywordEntity {
  return { id: String(k.id), keyword: k.keyword, whole_word: Boolean(k.whole_word) };
}

export function toFilterStatus(s: FilterStatusLike): FilterStatusEntity {
  return { id: String(s.id), status_id: String(s.status_id) };
}

/** With keywords and statuses when given (the filter endpoints); without inside a FilterResult. */
export function toFilter(
  f: FilterLike,
  parts?: { keywords: KeywordLike[]; statuses: FilterStatusLike[] },
): FilterEntity {
  const entity: FilterEntity = {
    id: String(f.id),
    title: f.title,
    context: [...f.context],
    expires_at: f.expires_at,
    filter_action: f.action,
  };
  if (parts !== undefined) {
    entity.keywords = parts.keywords.map(toFilterKeyword);
    entity.statuses = parts.statuses.map(toFilterStatus);
  }
  return entity;
}

export function toFilterResult(m: FilterStatusMatch): FilterResultEntity {
  return {
    filter: toFilter(m.filter),
    keyword_matches: m.keywordMatches,
    status_matches: m.statusMatches,
  };
}

/** A v1 filter is one keyword of a v2 filter (Mastodon's V1 compatibility layer). */
export function toV1Filter(k: KeywordLike, f: FilterLike): V1FilterEntity {
  return {
    id: String(k.id),
    phrase: k.keyword,
    context: [...f.context],
    expires_at: f.expires_at,
    irreversible: f.action === "hide",
    whole_word: Boolean(k.whole_word),
  };
}
