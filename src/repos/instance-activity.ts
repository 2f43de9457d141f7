// Weekly counters for GET /api/v1/instance/activity. Services bump them as things happen
// (a registration now; posts and logins in their issues).
import { sql } from "kysely";
import type { Db } from "../db/index.ts";

export type ActivityKind = "statuses" | "logins" | "registrations";

/** Monday 00:00 UTC of the week containing `time`, as YYYY-MM-DD. */
export function weekOf(time: Date): string {
  const day = new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday);
  return day.toISOString().slice(0, 10);
}

export async function recordActivity(db: Db, kind: ActivityKind, now: Date): Promise<void> {
  const week = weekOf(now);
  await db
    .insertInto("instance_activity")
    .values({ week, statuses: 0, logins: 0, registrations: 0, [kind]: 1 })
    .onConflict((oc) =>
      oc.column("week").doUpdateSet({ [kind]: sql`instance_activity.${sql.ref(kind)} + 1` }),
    )
    .execute();
}

export interface WeekActivity {
  week: string;
  statuses: number;
  logins: number;
  registrations: number;
}

/** The last `weeks` weeks, newest first, including weeks with no activity. */
export async function loadActivity(db: Db, now: Date, weeks = 12): Promise<WeekActivity[]> {
  const current = new Date(`${weekOf(now)}T00:00:00Z`);
  const starts = Array.from({ length: weeks }, (_, i) =>
    new Date(current.getTime() - i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
  const rows = await db
    .selectFrom("instance_activity")
    .selectAll()
    .where("week", "in", starts)
    .execute();
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  return starts.map((week) => {
    const row = byWeek.get(week);
    return {
      week,
      statuses: Number(row?.statuses ?? 0),
      logins: Number(row?.logins ?? 0),
      registrations: Number(row?.registrations ?? 0),
    };
  });
}
