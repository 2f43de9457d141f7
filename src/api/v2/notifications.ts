// Grouped notifications and the policy — https://docs.joinmastodon.org/methods/grouped_notifications/
//   GET   /api/v2/notifications                       grouped_types[], expand_accounts,
//         types[], exclude_types[], account_id, include_filtered; 40 groups, 80 at most;
//         Link cursors are notification ids (the notification standing for each group)
//   GET   /api/v2/notifications/unread_count          groups after the marker; limit ≤ 1000
//   GET   /api/v2/notifications/policy                and PATCH (accept | filter | drop)
//   GET   /api/v2/notifications/:group_key
//   GET   /api/v2/notifications/:group_key/accounts   its senders, newest first
//   POST  /api/v2/notifications/:group_key/dismiss    the whole group, answers {}
import { type Context, Hono } from "hono";
import { badRequest, notFound, unprocessable } from "../../lib/errors.ts";
import { dismissGroup } from "../../services/notifications/dismiss.ts";
import {
  getGroup,
  groupedTypesOf,
  listGroupAccounts,
  listGroups,
} from "../../services/notifications/grouped-notifications.ts";
import { unreadCount } from "../../services/notifications/list-notifications.ts";
import { getPolicy, updatePolicy } from "../../services/notifications/policy.ts";
import { toNotificationPolicy } from "../entities/notification.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { readPage, setPageLinks } from "../pagination.ts";
import { optionalString, type Params, readParams, stringList } from "../params.ts";
import { presentAccount } from "../v1/accounts/hydrate.ts";
import { readListOptions } from "../v1/notifications/params.ts";
import { presentGroups } from "../v1/notifications/present.ts";

const read = requireAuth({ scopes: ["read:notifications"] });
const write = requireAuth({ scopes: ["write:notifications"] });

function expandAccounts(params: Params): "full" | "partial_avatars" {
  const value = optionalString(params, "expand_accounts");
  if (value === undefined || value === "full") return "full";
  if (value === "partial_avatars") return value;
  throw badRequest(
    `Invalid value for 'expand_accounts': '${value}', allowed values are 'full' and 'partial_avatars'`,
  );
}

const POLICY_FIELDS = {
  for_not_following: "forNotFollowing",
  for_not_followers: "forNotFollowers",
  for_new_accounts: "forNewAccounts",
  for_private_mentions: "forPrivateMentions",
  for_limited_accounts: "forLimitedAccounts",
} as const;

async function updatePolicyHandler(c: Context<Env>) {
  const params = await readParams(c);
  const changes: Record<string, string> = {};
  for (const [param, field] of Object.entries(POLICY_FIELDS)) {
    const value = optionalString(params, param);
    if (value !== undefined) changes[field] = value;
  }
  const result = await updatePolicy(c.var.ctx, currentUser(c).accountId, changes);
  if (result.type === "invalid") throw unprocessable(result.message);
  return c.json(toNotificationPolicy(result.view));
}

export const notificationV2Routes = new Hono<Env>()
  .get("/", read, async (c) => {
    const viewer = currentUser(c).accountId;
    const params = await readParams(c);
    const page = readPage(params, { defaultLimit: 40, maxLimit: 80 });
    const expand = expandAccounts(params);
    const listed = await listGroups(
      c.var.ctx,
      viewer,
      { ...readListOptions(params), groupedTypes: stringList(params, "grouped_types") },
      page,
    );
    setPageLinks(c, page, listed.cursors);
    return c.json(await presentGroups(c.var.ctx, viewer, listed, expand));
  })
  .get("/unread_count", read, async (c) => {
    const params = await readParams(c);
    const { limit } = readPage(params, { defaultLimit: 100, maxLimit: 1000 });
    const count = await unreadCount(
      c.var.ctx,
      currentUser(c).accountId,
      readListOptions(params),
      limit,
      groupedTypesOf(stringList(params, "grouped_types")),
    );
    return c.json({ count });
  })
  .get("/policy", read, async (c) =>
    c.json(toNotificationPolicy(await getPolicy(c.var.ctx, currentUser(c).accountId))),
  )
  .patch("/policy", write, async (c) => updatePolicyHandler(c))
  // Rails routes an update as PATCH and PUT alike; masto.js sends PUT.
  .put("/policy", write, async (c) => updatePolicyHandler(c))
  .get("/:group_key", read, async (c) => {
    const viewer = currentUser(c).accountId;
    const group = await getGroup(c.var.ctx, viewer, c.req.param("group_key"));
    if (group === undefined) throw notFound();
    const shown = await presentGroups(c.var.ctx, viewer, group);
    // A group whose status a `hide` filter for notifications matches is not shown (as v1's GET).
    if (shown.notification_groups.length === 0) throw notFound();
    return c.json(shown);
  })
  // Mastodon's controller asks for read:notifications here (its docs say write).
  .get("/:group_key/accounts", read, async (c) => {
    const viewer = currentUser(c).accountId;
    const page = readPage(await readParams(c), { defaultLimit: 40, maxLimit: 80 });
    const listed = await listGroupAccounts(c.var.ctx, viewer, c.req.param("group_key"), page);
    setPageLinks(c, page, listed.cursors);
    return c.json(listed.accounts.map((a) => presentAccount(c.var.ctx, a)));
  })
  .post("/:group_key/dismiss", write, async (c) => {
    await dismissGroup(c.var.ctx, currentUser(c).accountId, c.req.param("group_key"));
    return c.json({});
  });
