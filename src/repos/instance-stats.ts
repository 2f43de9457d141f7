// Counts for the instance endpoints and NodeInfo. Kept cheap: each is one indexed aggregate.
import { sql } from "kysely";
import type { Db } from "../db/index.ts";

export interface InstanceStats {
  userCount: number;
  /** Users active in the last 30 days (NodeInfo activeMonth, v2 usage.users.active_month). */
  activeMonth: number;
  activeHalfyear: number;
  statusCount: number;
  /** Other servers we know accounts on. */
  domainCount: number;
}

export async function loadInstanceStats(db: Db, now: Date): Promise<InstanceStats> {
  const day = 24 * 60 * 60 * 1000;
  const monthAgo = new Date(now.getTime() - 30 * day).toISOString();
  const halfYearAgo = new Date(now.getTime() - 180 * day).toISOString();
  const users = await db
    .selectFrom("users")
    .innerJoin("accounts", "accounts.id", "users.account_id")
    .where("accounts.suspended_at", "is", null)
    .where("users.disabled", "=", false)
    .select((eb) => [
      eb.fn.countAll().as("total"),
      eb.fn.count(sql`case when users.last_active_at >= ${monthAgo} then 1 end`).as("month"),
      eb.fn.count(sql`case when users.last_active_at >= ${halfYearAgo} then 1 end`).as("halfyear"),
      eb.fn.sum<number | string | null>("accounts.statuses_count").as("statuses"),
    ])
    .executeTakeFirstOrThrow();
  const domains = await db
    .selectFrom("accounts")
    .where("domain", "is not", null)
    .select((eb) => eb.fn.count(sql`distinct lower(domain)`).as("count"))
    .executeTakeFirstOrThrow();
  return {
    userCount: Number(users.total),
    activeMonth: Number(users.month),
    activeHalfyear: Number(users.halfyear),
    statusCount: Number(users.statuses ?? 0),
    domainCount: Number(domains.count),
  };
}

/** Domains of other servers we know of, sorted (GET /api/v1/instance/peers). */
export async function listPeerDomains(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("accounts")
    .where("domain", "is not", null)
    .select(sql<string>`distinct lower(domain)`.as("domain"))
    .orderBy("domain")
    .execute();
  return rows.map((r) => r.domain);
}
