// A new poll, written inside the transaction that posts its status, with the job that closes
// it at its end (so neither exists without the other).
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import { cleanOptions, type PollInput } from "../../domain/polls.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { insertPoll } from "../../repos/polls.ts";
import { pollCloseKey } from "./common.ts";

export async function attachPoll(
  ctx: AppContext,
  trx: Db,
  target: { statusId: string; accountId: string },
  poll: PollInput,
  now: Date,
): Promise<void> {
  const id = ctx.newId();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + poll.expiresIn * 1000).toISOString();
  await insertPoll(trx, {
    id,
    statusId: target.statusId,
    accountId: target.accountId,
    options: cleanOptions(poll.options),
    multiple: poll.multiple,
    hideTotals: poll.hideTotals,
    expiresAt,
    at,
  });
  await enqueueJob(trx, {
    id: ctx.newId(),
    type: "poll.close",
    payload: { pollId: id },
    runAt: expiresAt,
    createdAt: at,
    key: pollCloseKey(id, expiresAt),
  });
}
