// Flag: a report from another server. `object` is one URI or a list: our reported actors and
// posts (anything else, another server's included, is ignored). As Mastodon, each of our
// accounts named gets a report filed by the sending actor, with the named posts of that
// account; a Flag naming only posts (Lemmy's) reports their authors. Servers whose domain
// block has `reject_reports` (or that we do not federate with) are not heard.
import type { InboxContext } from "@fedify/fedify";
import type { Flag } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { findStatusByUri } from "../../repos/remote-objects.ts";
import { acceptsReportsFrom } from "../../services/instance-domain-blocks/policy.ts";
import { type FlaggedAccount, receiveFlag } from "../../services/reports/receive-flag.ts";
import { inboxLog, localAccount, senderAccount } from "./common.ts";

/** More than this many objects in one Flag are not looked at. */
const MAX_FLAG_OBJECTS = 100;

export async function onFlag(ctx: InboxContext<AppContext>, activity: Flag): Promise<void> {
  const sender = await senderAccount(ctx, activity.actorId);
  if (sender === null || sender.domain === null) return;
  if (!(await acceptsReportsFrom(ctx.data, sender.domain))) {
    inboxLog.info("Ignored Flag {id}: reports from {domain} are rejected", {
      id: activity.id?.href,
      domain: sender.domain,
    });
    return;
  }
  const base = new URL(ctx.data.config.baseUrl).origin;
  const uris = activity.objectIds.filter((u) => u.origin === base).slice(0, MAX_FLAG_OBJECTS);
  const named: string[] = [];
  const postsOf = new Map<string, string[]>();
  for (const uri of uris) {
    const account = await localAccount(ctx, uri);
    if (account !== null) {
      if (!named.includes(account.id)) named.push(account.id);
      continue;
    }
    const status = await findStatusByUri(ctx.data.db, uri.href);
    if (status === undefined || !status.local || status.deleted_at !== null) continue;
    if (status.reblog_of_id !== null) continue;
    const list = postsOf.get(status.account_id) ?? [];
    if (!list.includes(status.id)) list.push(status.id);
    postsOf.set(status.account_id, list);
  }
  const targetIds = named.length > 0 ? named : [...postsOf.keys()];
  const targets: FlaggedAccount[] = targetIds.map((accountId) => ({
    accountId,
    statusIds: postsOf.get(accountId) ?? [],
  }));
  if (targets.length === 0) return;
  const text = activity.content ?? activity.summary;
  await receiveFlag(ctx.data, sender.id, {
    uri: activity.id?.href ?? null,
    comment: text === null ? "" : text.toString(),
    targets,
  });
}
