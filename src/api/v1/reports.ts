// POST /api/v1/reports (write:reports) — https://docs.joinmastodon.org/methods/reports/#post
// account_id, status_ids[], comment, forward, forward_to_domains[], category, rule_ids[];
// answers the Report entity. Mastodon has no throttle of its own for reports: the API's
// general limits apply (middleware/rate-limit.ts).
import { Hono } from "hono";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { enqueueDelivery } from "../../services/federation/enqueue-delivery.ts";
import { loadAccount } from "../../services/profiles/load-accounts.ts";
import { fileReport } from "../../services/reports/file-report.ts";
import { toReport } from "../entities/report.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import {
  optionalBoolean,
  optionalString,
  readParams,
  requiredString,
  stringList,
} from "../params.ts";
import { presentAccount } from "./accounts/hydrate.ts";

export const reportRoutes = new Hono<Env>().post(
  "/",
  requireAuth({ scopes: ["write:reports"] }),
  async (c) => {
    const params = await readParams(c);
    const me = currentUser(c).accountId;
    const result = await fileReport(c.var.ctx, me, {
      accountId: requiredString(params, "account_id"),
      statusIds: stringList(params, "status_ids", { max: 1000 }),
      ruleIds: stringList(params, "rule_ids", { max: 1000 }),
      comment: optionalString(params, "comment") ?? "",
      category: optionalString(params, "category"),
      forward: optionalBoolean(params, "forward") ?? false,
      forwardToDomains: stringList(params, "forward_to_domains", { max: 1000 }),
    });
    if (result.type === "not-found") throw notFound();
    if (result.type === "invalid") throw unprocessable(result.message);
    // The Flag leaves as a job from the instance actor (federation/outbox/report-activities.ts).
    await enqueueDelivery(c.var.ctx, "report", me, result.federate);
    const target = await loadAccount(c.var.ctx, result.report.target_account_id);
    if (target === undefined) throw notFound();
    return c.json(toReport(result.report, presentAccount(c.var.ctx, target)));
  },
);
