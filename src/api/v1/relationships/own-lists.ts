// One's own lists, newest first with Link headers:
//   GET /api/v1/follow_requests (+ POST /:account_id/{authorize,reject})
//     https://docs.joinmastodon.org/methods/follow_requests/
//   GET /api/v1/blocks  https://docs.joinmastodon.org/methods/blocks/
//   GET /api/v1/mutes   https://docs.joinmastodon.org/methods/mutes/ (MutedAccount: + mute_expires_at)
//   GET /api/v1/endorsements  https://docs.joinmastodon.org/methods/endorsements/
import type { Context } from "hono";
import { Hono } from "hono";
import { authorizeFollowRequest } from "../../../services/relationships/authorize-follow-request.ts";
import { type ListKind, listAccounts } from "../../../services/relationships/list-accounts.ts";
import { rejectFollowRequest } from "../../../services/relationships/reject-follow-request.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { readPage, setPageLinks } from "../../pagination.ts";
import { readParams } from "../../params.ts";
import { presentAccount } from "../accounts/hydrate.ts";
import { pathId, relationshipResponse } from "./respond.ts";

async function page(c: Context<Env>, kind: ListKind) {
  const params = await readParams(c);
  // Mastodon: 40 by default, 80 at most, for each of these lists.
  const p = readPage(params, { defaultLimit: 40, maxLimit: 80 });
  const listed = await listAccounts(c.var.ctx, kind, currentUser(c).accountId, p);
  setPageLinks(
    c,
    p,
    listed.map((l) => l.cursor),
  );
  return listed;
}

export const followRequestRoutes = new Hono<Env>()
  .get("/", requireAuth({ scopes: ["read:follows"] }), async (c) => {
    const listed = await page(c, "requests");
    return c.json(listed.map((l) => presentAccount(c.var.ctx, l.loaded)));
  })
  .post("/:account_id/authorize", requireAuth({ scopes: ["write:follows"] }), async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c, "account_id");
    return relationshipResponse(c, await authorizeFollowRequest(c.var.ctx, me, id), me, id);
  })
  .post("/:account_id/reject", requireAuth({ scopes: ["write:follows"] }), async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c, "account_id");
    return relationshipResponse(c, await rejectFollowRequest(c.var.ctx, me, id), me, id);
  });

export const blockListRoutes = new Hono<Env>().get(
  "/",
  requireAuth({ scopes: ["read:blocks"] }),
  async (c) => {
    const listed = await page(c, "blocks");
    return c.json(listed.map((l) => presentAccount(c.var.ctx, l.loaded)));
  },
);

export const muteListRoutes = new Hono<Env>().get(
  "/",
  requireAuth({ scopes: ["read:mutes"] }),
  async (c) => {
    const listed = await page(c, "mutes");
    return c.json(
      listed.map((l) => ({
        ...presentAccount(c.var.ctx, l.loaded),
        mute_expires_at: l.expiresAt ?? null,
      })),
    );
  },
);

export const endorsementListRoutes = new Hono<Env>().get(
  "/",
  requireAuth({ scopes: ["read:accounts"] }),
  async (c) => {
    const listed = await page(c, "endorsements");
    return c.json(listed.map((l) => presentAccount(c.var.ctx, l.loaded)));
  },
);
