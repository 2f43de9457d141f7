// Activities of reports and moves:
//   Flag — a forwarded report, sent as Mastodon sends it: from the instance actor (the
//   reporter stays private), object = [reported actor, reported posts…], content = comment,
//   to the reported account's server (its shared inbox) and to the servers of the accounts
//   the reported posts answer, when the reporter asked (forward_to_domains);
//   Move — a local account moved to another: from the old actor to its followers, object =
//   the old actor, target = the new one (receivers check the target's alsoKnownAs).
import type { Context } from "@fedify/fedify";
import { Flag, Move } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findReportById, findStatusUris } from "../../repos/reports.ts";
import type { ReportFederationEffect } from "../../services/reports/file-report.ts";
import { INSTANCE_ACTOR } from "../actors.ts";
import { accountsAmong, followersAnd } from "./recipients.ts";
import type { Outgoing } from "./status-activities.ts";

export async function flagActivity(
  app: AppContext,
  fctx: Context<AppContext>,
  effect: ReportFederationEffect,
): Promise<Outgoing | null> {
  const report = await findReportById(app.db, effect.reportId);
  if (report === undefined) return null;
  const target = await findAccountById(app.db, report.target_account_id);
  if (target === undefined || target.domain === null) return null;
  const statusUris = await findStatusUris(app.db, report.status_ids);
  const actor = fctx.getActorUri(INSTANCE_ACTOR);
  const activity = new Flag({
    id: new URL(`${actor.href}#flags/${report.id}`),
    actor,
    objects: [new URL(target.uri), ...statusUris.map((u) => new URL(u))],
    content: report.comment,
  });
  const recipients = await accountsAmong(app, [target.id, ...effect.alsoToAccountIds]);
  return { activity, recipients };
}

export async function moveActivity(
  app: AppContext,
  fctx: Context<AppContext>,
  actorId: string,
  targetId: string,
  nonce: string,
): Promise<Outgoing | null> {
  const target = await findAccountById(app.db, targetId);
  if (target === undefined) return null;
  const actor = fctx.getActorUri(actorId);
  const activity = new Move({
    id: new URL(`${actor.href}#moves/${nonce}`),
    actor,
    object: actor,
    target: new URL(target.uri),
    to: fctx.getFollowersUri(actorId),
  });
  return { activity, recipients: await followersAnd(app, actorId, []) };
}
