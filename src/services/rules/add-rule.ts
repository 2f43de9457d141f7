// Adding a server rule at the end of the list (`hearth rules add`, later the admin UI).
import type { AppContext } from "../../context.ts";
import { insertRule, listRules, type Rule } from "../../repos/rules.ts";

// Mastodon's Rule::TEXT_SIZE_LIMIT. The hint has no limit there; ours keeps it a paragraph.
export const RULE_TEXT_MAX_LENGTH = 300;
export const RULE_HINT_MAX_LENGTH = 1000;

export type AddRuleResult = { type: "ok"; rule: Rule } | { type: "invalid"; message: string };

/** Appends a rule after the current last one. */
export async function addRule(ctx: AppContext, text: string, hint = ""): Promise<AddRuleResult> {
  const cleanText = text.trim();
  const cleanHint = hint.trim();
  if (cleanText === "") return { type: "invalid", message: "rule text cannot be empty" };
  if ([...cleanText].length > RULE_TEXT_MAX_LENGTH)
    return {
      type: "invalid",
      message: `rule text is longer than ${RULE_TEXT_MAX_LENGTH} characters`,
    };
  if ([...cleanHint].length > RULE_HINT_MAX_LENGTH)
    return {
      type: "invalid",
      message: `rule hint is longer than ${RULE_HINT_MAX_LENGTH} characters`,
    };
  const at = ctx.clock.now().toISOString();
  const rule = await ctx.db.transaction().execute(async (trx) => {
    const rules = await listRules(trx);
    const position = Math.max(0, ...rules.map((r) => Number(r.position))) + 1;
    const created: Rule = {
      id: ctx.newId(),
      text: cleanText,
      hint: cleanHint,
      position,
      created_at: at,
      updated_at: at,
    };
    await insertRule(trx, created);
    return created;
  });
  return { type: "ok", rule };
}
