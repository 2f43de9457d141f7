// Shared by the domain-block suites: spec-checked calls, remote accounts and posts seeded
// straight into the tables, and reading relationship rows back.
import assert from "node:assert/strict";
import { assertSpec, FIXED_TIME, type Rig } from "../rig/index.ts";
import type { Call, Json } from "./relationships-kit.ts";

/**
 * A call whose JSON is checked against the spec. The spec documents POST and DELETE as
 * "Empty" without a schema; Mastodon answers `{}`, which is asserted here instead.
 */
export async function call(
  rig: Rig,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<Call> {
  const headers: Record<string, string> =
    token === undefined ? {} : { authorization: `Bearer ${token}` };
  const res = await rig.send<Json>(method, path, body, { headers });
  if (method !== "GET" && res.status === 200) assert.deepEqual(res.body, {});
  else assertSpec(method, path.split("?")[0] as string, res.status, res.body);
  return res;
}

export const DAVE = "800001"; // dave@remote.test
export const EVE = "800002"; // eve@other.test

export async function remoteStatus(
  rig: Rig,
  id: string,
  accountId: string,
  visibility: "public" | "private" | "direct",
): Promise<string> {
  await rig.ctx.db
    .insertInto("statuses")
    .values({
      id,
      uri: `https://remote.test/statuses/${id}`,
      url: null,
      account_id: accountId,
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      reblog_of_id: null,
      visibility,
      language: null,
      application_id: null,
      local: false,
      edited_at: null,
      deleted_at: null,
      created_at: FIXED_TIME,
      updated_at: FIXED_TIME,
    })
    .execute();
  return id;
}

export async function pair(
  rig: Rig,
  table: "follows" | "follow_requests",
  from: string,
  to: string,
) {
  await rig.ctx.db
    .insertInto(table)
    .values({
      id: rig.ctx.newId(),
      account_id: from,
      target_account_id: to,
      created_at: FIXED_TIME,
      updated_at: FIXED_TIME,
    })
    .execute();
  if (table === "follows") {
    const bump = (id: string, column: "followers_count" | "following_count") =>
      rig.ctx.db
        .updateTable("accounts")
        .set((eb) => ({ [column]: eb(column, "+", 1) }))
        .where("id", "=", id)
        .execute();
    await bump(from, "following_count");
    await bump(to, "followers_count");
  }
}

export async function hasPair(
  rig: Rig,
  table: "follows" | "follow_requests",
  from: string,
  to: string,
) {
  const row = await rig.ctx.db
    .selectFrom(table)
    .select("id")
    .where("account_id", "=", from)
    .where("target_account_id", "=", to)
    .executeTakeFirst();
  return row !== undefined;
}

export async function blockedDomainsOf(rig: Rig, accountId: string): Promise<string[]> {
  const rows = await rig.ctx.db
    .selectFrom("account_domain_blocks")
    .select("domain")
    .where("account_id", "=", accountId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.domain);
}
