// A poll changed by editing its status (services/statuses/edit-status.ts), as Mastodon's
// UpdateStatusService#update_poll!: the edit carries the whole new state, so a poll given
// replaces the old one's options, settings and end (expires_in counts from now), a missing one
// removes it, and changed options or a changed `multiple` reset the votes. A new end arms a
// new `poll.close` job; the old one finds the end moved and does nothing.
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import { cleanOptions, type PollInput } from "../../domain/polls.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { deletePoll, findPollOfStatus, type PollRow, updatePoll } from "../../repos/polls.ts";
import { attachPoll } from "./attach-poll.ts";
import { pollCloseKey } from "./common.ts";

export interface PollEdit {
  current: PollRow | undefined;
  next: PollInput | undefined;
  /** Whether the edit changes the poll (a history entry is due). */
  changed: boolean;
  /** The option titles after the edit (null: no poll), for the history snapshot. */
  options: string[] | null;
}

/** Reads the status's poll inside the edit's transaction and compares it with the new one. */
export async function planPollEdit(
  trx: Db,
  statusId: string,
  next: PollInput | undefined,
  now: Date,
): Promise<PollEdit> {
  const current = await findPollOfStatus(trx, statusId);
  const options = next === undefined ? null : cleanOptions(next.options);
  if (next === undefined || current === undefined)
    return { current, next, changed: next !== undefined || current !== undefined, options };
  const expiresAt = new Date(now.getTime() + next.expiresIn * 1000).toISOString();
  const changed =
    JSON.stringify(options) !== JSON.stringify(current.options) ||
    next.multiple !== Boolean(current.multiple) ||
    next.hideTotals !== Boolean(current.hide_totals) ||
    expiresAt !== current.expires_at;
  return { current, next, changed, options };
}

export async function applyPollEdit(
  ctx: AppContext,
  trx: Db,
  target: { statusId: string; accountId: string },
  edit: PollEdit,
  now: Date,
): Promise<void> {
  const { current, next } = edit;
  if (!edit.changed) return;
  if (next === undefined) {
    if (current !== undefined) await deletePoll(trx, current.id);
    return;
  }
  if (current === undefined) {
    await attachPoll(ctx, trx, target, next, now);
    return;
  }
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + next.expiresIn * 1000).toISOString();
  const options = cleanOptions(next.options);
  await updatePoll(
    trx,
    current.id,
    {
      options,
      multiple: next.multiple,
      hideTotals: next.hideTotals,
      expiresAt,
      resetVotes:
        JSON.stringify(options) !== JSON.stringify(current.options) ||
        next.multiple !== Boolean(current.multiple),
    },
    at,
  );
  await enqueueJob(trx, {
    id: ctx.newId(),
    type: "poll.close",
    payload: { pollId: current.id },
    runAt: expiresAt,
    createdAt: at,
    key: pollCloseKey(current.id, expiresAt),
  });
}
