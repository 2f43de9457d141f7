// The `account.refresh` job: a remote account whose copy is older than a day, refetched from
// its server and checked again (remote-actor.ts); a fetch that fails keeps the copy we have,
// and the next sighting after a day queues another try.
import type { AppContext } from "../context.ts";
import type { JobPayloads } from "../domain/jobs.ts";
import { findAccountById } from "../repos/profiles.ts";
import { fedifyContext } from "./outbox/instance.ts";
import { resolveRemoteAccount } from "./remote-actor.ts";

export async function refreshRemoteActor(
  app: AppContext,
  { accountId }: JobPayloads["account.refresh"],
): Promise<void> {
  const account = await findAccountById(app.db, accountId);
  if (account === undefined || account.domain === null || account.suspended_at !== null) return;
  if (account.uri === null) return;
  await resolveRemoteAccount(fedifyContext(app), account.uri, { refresh: true });
}
