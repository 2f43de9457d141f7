// Shared by the notification suites: calls checked against the spec, running the jobs that
// make notifications, and a clean slate between tests (the rig's database lives per file).
import assert from "node:assert/strict";
import { runDueJobs } from "../../src/jobs/worker.ts";
import type { Rig } from "../rig/index.ts";
import { call, type Json } from "./statuses-kit.ts";

export { call, countQueries, type Json, post } from "./statuses-kit.ts";

export async function ok(
  rig: Rig,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<Json> {
  const res = await call(rig, method, path, token, body);
  assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An endpoint that answers an empty object (the spec gives those no schema). */
export async function empty(rig: Rig, method: string, path: string, token: string, body?: unknown) {
  const res = await rig.send<Json>(method, path, body, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
  assert.deepEqual(res.body, {});
}

/** Runs the jobs (fan-out, notify) the actions so far enqueued. */
export async function settle(rig: Rig): Promise<void> {
  // Fan-out enqueues notify jobs: run until none are due.
  for (let i = 0; i < 5; i++) await runDueJobs(rig.ctx);
}

export async function notifications(rig: Rig, token: string, query = ""): Promise<Json[]> {
  return ok(rig, "GET", `/api/v1/notifications${query}`, token);
}

/** Every notification, follow, block, mute and policy gone: each test starts clean. */
export async function reset(rig: Rig): Promise<void> {
  await settle(rig);
  const db = rig.ctx.db;
  for (const table of [
    "notifications",
    "notification_requests",
    "notification_permissions",
    "notification_policies",
    "follows",
    "follow_requests",
    "blocks",
    "mutes",
    "account_domain_blocks",
    "conversation_mutes",
    "favourites",
  ] as const)
    await db.deleteFrom(table).execute();
  await db.updateTable("accounts").set({ locked: false }).execute();
}
