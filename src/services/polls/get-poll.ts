// View a poll — https://docs.joinmastodon.org/methods/polls/#get
// Visible exactly when its status is (domain/visibility.ts): otherwise it does not exist.
import type { AppContext } from "../../context.ts";
import { findPollById } from "../../repos/polls.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import type { LoadedPoll } from "./common.ts";
import { loadPolls } from "./load-polls.ts";

export async function getPoll(
  ctx: AppContext,
  viewerId: string | null,
  pollId: string,
): Promise<LoadedPoll | undefined> {
  const poll = await findPollById(ctx.db, pollId);
  if (poll === undefined) return undefined;
  const [status] = await findVisibleStatuses(ctx.db, [String(poll.status_id)], viewerId);
  if (status === undefined) return undefined;
  return (await loadPolls(ctx, [poll], viewerId))[0];
}
