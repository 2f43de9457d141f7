// Shared by the status suites: posting as a fixture and reading an account's counters.
import type { Rig } from "../rig/index.ts";
import { call, type Json } from "./relationships-kit.ts";

export { call, countQueries, type Json } from "./relationships-kit.ts";

/** Posts as the token's owner; fails the test unless the status was created. */
export async function post(rig: Rig, token: string, body: Record<string, unknown>): Promise<Json> {
  const res = await call(rig, "POST", "/api/v1/statuses", token, body);
  if (res.status !== 200) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function accountCounts(
  rig: Rig,
  id: string,
): Promise<{ statuses: number; lastStatusAt: string | null }> {
  const row = await rig.ctx.db
    .selectFrom("accounts")
    .select(["statuses_count", "last_status_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { statuses: Number(row.statuses_count), lastStatusAt: row.last_status_at };
}
