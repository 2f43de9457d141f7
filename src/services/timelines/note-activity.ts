// Recording that a token and its user were used, at most once an hour each (not a write per
// request). Feeds are filled only for users active in the last week (Mastodon's
// User::ACTIVE_DURATION), so a user coming back after longer gets their home rebuilt by a job
// (feed.regenerate); until it has run, GET /api/v1/timelines/home answers 206 as Mastodon does.
import type { AppContext } from "../../context.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { touchToken } from "../../repos/oauth.ts";
import { touchUser } from "../../repos/users.ts";

const HOUR = 3_600_000;
export const ACTIVE_WINDOW_MS = 7 * 24 * HOUR;

export const regenerationKey = (accountId: string) => `feed.regenerate:${accountId}`;

export interface Use {
  tokenId: string;
  tokenLastUsedAt: string | null;
  user: { id: string; accountId: string; lastActiveAt: string | null } | null;
}

const olderThan = (at: string | null, ms: number, now: Date) =>
  at === null || now.getTime() - Date.parse(at) > ms;

export async function noteActivity(ctx: AppContext, use: Use): Promise<void> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const touchTokenNow = olderThan(use.tokenLastUsedAt, HOUR, now);
  const user = use.user;
  const touchUserNow = user !== null && olderThan(user.lastActiveAt, HOUR, now);
  if (!touchTokenNow && !touchUserNow) return;
  await ctx.db.transaction().execute(async (trx) => {
    if (touchTokenNow) await touchToken(trx, use.tokenId, at);
    if (user === null || !touchUserNow) return;
    await touchUser(trx, user.id, at);
    if (olderThan(user.lastActiveAt, ACTIVE_WINDOW_MS, now)) {
      await enqueueJob(trx, {
        id: ctx.newId(),
        type: "feed.regenerate",
        payload: { accountId: user.accountId },
        key: regenerationKey(user.accountId),
        runAt: at,
        createdAt: at,
      });
    }
  });
}
