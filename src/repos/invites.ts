// Invites: codes that let people join while registrations are closed, or without approval.
import type { Insertable, Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { InvitesTable } from "../db/schema/index.ts";

export type InviteRow = Selectable<InvitesTable>;

export async function insertInvite(db: Db, invite: Insertable<InvitesTable>): Promise<void> {
  await db.insertInto("invites").values(invite).execute();
}

export async function findInviteByCode(db: Db, code: string): Promise<InviteRow | undefined> {
  return db.selectFrom("invites").selectAll().where("code", "=", code).executeTakeFirst();
}

/**
 * Counts one use, only while the invite is unexpired and has uses left; false otherwise. The
 * check and the increment are one statement, so two sign-ups cannot share the last use.
 */
export async function useInvite(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("invites")
    .set((eb) => ({ uses: eb("uses", "+", 1), updated_at: now }))
    .where("id", "=", id)
    .where((eb) =>
      eb.and([
        eb.or([eb("max_uses", "is", null), eb("uses", "<", eb.ref("max_uses"))]),
        eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
