// Removing a server rule. Soft delete: reports made under it keep their reference.
import type { AppContext } from "../../context.ts";
import { isId } from "../../domain/id.ts";
import { deleteRule } from "../../repos/rules.ts";

export type RemoveRuleResult = { type: "ok" } | { type: "not-found"; id: string };

/** Removes the rule with this id from the list people see. */
export async function removeRule(ctx: AppContext, id: string): Promise<RemoveRuleResult> {
  if (!isId(id)) return { type: "not-found", id };
  return (await deleteRule(ctx.db, id, ctx.clock.now()))
    ? { type: "ok" }
    : { type: "not-found", id };
}
