// Shared by the status edit suites: editing and reading the history as a client would (JSON
// checked against the spec), the rows edits leave, uploads, and time moving between edits.
import assert from "node:assert/strict";
import { blob, pngImage } from "../media/fixtures.ts";
import { FIXED_TIME, type Rig } from "../rig/index.ts";
import { call, type Json } from "./statuses-kit.ts";

export const edit = (rig: Rig, token: string | undefined, id: string, body: object) =>
  call(rig, "PUT", `/api/v1/statuses/${id}`, token, body);

export const history = (rig: Rig, token: string | undefined, id: string) =>
  call(rig, "GET", `/api/v1/statuses/${id}/history`, token);

/** Runs `fn` some minutes later, so edits have their own timestamps; the clock goes back after. */
export async function later<T>(rig: Rig, minutes: number, fn: () => Promise<T>): Promise<T> {
  rig.clock.advance(minutes * 60_000);
  try {
    return await fn();
  } finally {
    rig.clock.set(FIXED_TIME);
  }
}

export const editRows = (rig: Rig, statusId: string) =>
  rig.ctx.db
    .selectFrom("status_edits")
    .selectAll()
    .where("status_id", "=", statusId)
    .orderBy("id")
    .execute();

/** A processed upload through POST /api/v1/media (which answers once processed). */
export async function upload(rig: Rig, token: string, description?: string): Promise<Json> {
  const form = new FormData();
  form.set("file", blob(await pngImage(40, 30), "image/png"), "p.png");
  if (description !== undefined) form.set("description", description);
  const res = await rig.send<Json>("POST", "/api/v1/media", form, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200, res.text);
  return res.body;
}
