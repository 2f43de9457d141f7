// Reading filter parameters as Mastodon's filter controllers permit them (v2 and v1 share).
import { isId } from "../../domain/id.ts";
import type { FilterInput, KeywordChange } from "../../services/filters/manage-filters.ts";
import {
  objectList,
  optionalBoolean,
  optionalInteger,
  optionalString,
  type Params,
  stringList,
} from "../params.ts";

/** Ten years: far enough for "never" while the date stays sane on both databases. */
const MAX_EXPIRES_IN = 10 * 365 * 86_400;

/** undefined: not given; null: given empty (clears the expiry). */
export function expiresIn(params: Params): number | null | undefined {
  if (!("expires_in" in params)) return undefined;
  if (params.expires_in === null || params.expires_in === "") return null;
  return optionalInteger(params, "expires_in", { min: 1, max: MAX_EXPIRES_IN }) ?? null;
}

function keywordChange(p: Params): KeywordChange {
  const id = optionalString(p, "id");
  return {
    // A malformed id names no keyword of the filter: "0" makes the service answer 404.
    id: id === undefined || id === "" ? undefined : isId(id) ? id : "0",
    keyword: optionalString(p, "keyword"),
    wholeWord: optionalBoolean(p, "whole_word"),
    destroy: optionalBoolean(p, "_destroy"),
  };
}

export function filterInput(params: Params): FilterInput {
  const hasContext = "context" in params || "context[]" in params;
  return {
    title: optionalString(params, "title"),
    context: hasContext ? stringList(params, "context", { max: 10 }) : undefined,
    action: optionalString(params, "filter_action"),
    expiresIn: expiresIn(params),
    keywords: objectList(params, "keywords_attributes").map(keywordChange),
  };
}
