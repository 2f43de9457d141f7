import type { Db } from "../db/index.ts";
import type { RulesTable } from "../db/schema/index.ts";

export type Rule = Pick<
  RulesTable,
  "id" | "text" | "hint" | "position" | "created_at" | "updated_at"
>;

/** Rules in the order people see them (position, then age). */
export async function listRules(db: Db): Promise<Rule[]> {
  return db
    .selectFrom("rules")
    .select(["id", "text", "hint", "position", "created_at", "updated_at"])
    .where("deleted_at", "is", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function insertRule(db: Db, rule: Rule): Promise<void> {
  await db.insertInto("rules").values(rule).execute();
}

/** Soft-deletes a rule (reports keep pointing at it); false when there was no such rule. */
export async function deleteRule(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("rules")
    .set({ deleted_at: now.toISOString(), updated_at: now.toISOString() })
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
