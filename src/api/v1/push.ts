// Web Push subscriptions — https://docs.joinmastodon.org/methods/push/
//   POST   /api/v1/push/subscription  subscription[endpoint], subscription[keys][p256dh|auth],
//                                     subscription[standard], data[alerts][<type>], data[policy]
//   GET    /api/v1/push/subscription
//   PUT    /api/v1/push/subscription  data[alerts][<type>], data[policy]
//   DELETE /api/v1/push/subscription
// One subscription per access token, scope `push`, a user's token only.
import { type Context, Hono } from "hono";
import { isPushPolicy, PUSH_ALERT_TYPES, type PushPolicy } from "../../domain/push.ts";
import { badRequest, notFound, unprocessable } from "../../lib/errors.ts";
import { findPushSubscriptionOfToken } from "../../repos/push-subscriptions.ts";
import { createPushSubscription } from "../../services/push/create-subscription.ts";
import { deletePushSubscription } from "../../services/push/delete-subscription.ts";
import { updatePushSubscription } from "../../services/push/update-subscription.ts";
import { toWebPushSubscription } from "../entities/web-push-subscription.ts";
import type { Env } from "../env.ts";
import { bearerToken, currentUser, requireAuth } from "../middleware/auth.ts";
import { optionalBoolean, type ParamObject, type ParamValue, readParams } from "../params.ts";

const push = requireAuth({ scopes: ["push"] });

function asObject(value: ParamValue | undefined): ParamObject | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  if (value instanceof File) return undefined;
  return value;
}

function text(object: ParamObject | undefined, key: string): string {
  const value = object?.[key];
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return "";
}

/** `data[alerts]` and `data[policy]`; missing data means no alerts and the policy `all`. */
function readData(params: ParamObject): { alerts: Record<string, boolean>; policy: PushPolicy } {
  const data = asObject(params.data);
  const given = asObject(data?.alerts) ?? {};
  const alerts: Record<string, boolean> = {};
  for (const type of PUSH_ALERT_TYPES) alerts[type] = optionalBoolean(given, type) ?? false;
  const policy = text(data, "policy") || "all";
  if (!isPushPolicy(policy))
    throw unprocessable("Validation failed: Policy must be all, followed, follower or none");
  return { alerts, policy };
}

/** The access token of a request that passed `push`. */
function tokenId(c: Context<Env>): string {
  const auth = c.get("auth");
  if (auth === null || auth === undefined) throw new Error("push routes run after requireAuth");
  return auth.tokenId;
}

function serverKey(c: Context<Env>): string {
  return c.var.ctx.secrets.vapidPublicKey ?? "";
}

export const pushRoutes = new Hono<Env>()
  .get("/subscription", push, async (c) => {
    const row = await findPushSubscriptionOfToken(c.var.ctx.db, tokenId(c));
    if (row === undefined) throw notFound();
    return c.json(toWebPushSubscription(row, serverKey(c)));
  })
  .post("/subscription", push, async (c) => {
    const params = await readParams(c);
    const subscription = asObject(params.subscription);
    if (subscription === undefined)
      throw badRequest("param is missing or the value is empty: subscription");
    const keys = asObject(subscription.keys);
    const row = await createPushSubscription(c.var.ctx, {
      userId: currentUser(c).id,
      tokenId: tokenId(c),
      token: bearerToken(c) ?? "",
      endpoint: text(subscription, "endpoint"),
      p256dh: text(keys, "p256dh"),
      auth: text(keys, "auth"),
      standard: optionalBoolean(subscription, "standard") ?? false,
      ...readData(params),
    });
    return c.json(toWebPushSubscription(row, serverKey(c)));
  })
  .put("/subscription", push, async (c) => {
    const row = await updatePushSubscription(c.var.ctx, tokenId(c), readData(await readParams(c)));
    return c.json(toWebPushSubscription(row, serverKey(c)));
  })
  .delete("/subscription", push, async (c) => {
    await deletePushSubscription(c.var.ctx, tokenId(c));
    return c.json({});
  });
