// GET /api/v1/accounts/search — https://docs.joinmastodon.org/methods/accounts/#search
// The account half of search for a signed-in user (read:accounts): 40 by default, 80 at
// most, `offset`, `following`, `resolve`. A blank query finds nothing.
import { Hono } from "hono";
import { searchAccounts } from "../../../services/search/search-accounts.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { readOffsetPage } from "../../offset-page.ts";
import { optionalBoolean, optionalString, readParams } from "../../params.ts";
import { presentAccount } from "./hydrate.ts";

export const searchAccountsRoute = new Hono<Env>().get(
  "/search",
  requireAuth({ scopes: ["read:accounts"] }),
  async (c) => {
    const params = await readParams(c);
    const page = readOffsetPage(params, 40, 80);
    const accounts = await searchAccounts(c.var.ctx, optionalString(params, "q") ?? "", {
      viewerId: currentUser(c).accountId,
      limit: page.limit,
      offset: page.offset,
      following: optionalBoolean(params, "following") ?? false,
      resolve: optionalBoolean(params, "resolve") ?? false,
    });
    return c.json(accounts.map((a) => presentAccount(c.var.ctx, a)));
  },
);
