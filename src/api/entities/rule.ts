// Rule — https://docs.joinmastodon.org/entities/Rule/
import type { Rule as RuleRow } from "../../repos/rules.ts";

export interface Rule {
  id: string;
  text: string;
  hint: string;
  /** Per-language versions, keyed by language code; we keep none yet, so always {}. */
  translations: Record<string, { text: string; hint: string }>;
}

export function toRule(rule: RuleRow): Rule {
  return { id: String(rule.id), text: rule.text, hint: rule.hint, translations: {} };
}
