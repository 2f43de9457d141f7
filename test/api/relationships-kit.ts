// Shared by the relationship suites: authenticated calls whose JSON is checked against the
// OpenAPI spec, and reading an account's counts straight from the table.
import type { Rig } from "../rig/index.ts";
import { assertSpec } from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
export type Json = any;

export interface Call {
  status: number;
  body: Json;
  headers: Headers;
}

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
  assertSpec(method, path.split("?")[0] as string, res.status, res.body);
  return res;
}

export async function counts(
  rig: Rig,
  id: string,
): Promise<{ followers: number; following: number }> {
  const row = await rig.ctx.db
    .selectFrom("accounts")
    .select(["followers_count", "following_count"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { followers: Number(row.followers_count), following: Number(row.following_count) };
}

/** Runs `fn` and returns how many queries went through Kysely meanwhile. */
export async function countQueries(rig: Rig, fn: () => Promise<unknown>): Promise<number> {
  const executor = rig.ctx.db.getExecutor();
  const original = executor.executeQuery.bind(executor);
  let count = 0;
  (executor as { executeQuery: typeof original }).executeQuery = ((
    ...args: Parameters<typeof original>
  ) => {
    count++;
    return original(...args);
  }) as typeof original;
  try {
    await fn();
  } finally {
    (executor as { executeQuery: typeof original }).executeQuery = original;
  }
  return count;
}
