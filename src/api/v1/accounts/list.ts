// GET /api/v1/accounts?id[]=… — https://docs.joinmastodon.org/methods/accounts/#index
// Several accounts at once (Mastodon 4.3), in the order asked; unknown ids are skipped.
import { Hono } from "hono";
import { isId } from "../../../domain/id.ts";
import { loadAccounts } from "../../../services/profiles/load-accounts.ts";
import type { Env } from "../../env.ts";
import { readParams, stringList } from "../../params.ts";
import { presentAccount } from "./hydrate.ts";
import { authorizeIfGotToken } from "./optional-auth.ts";

/** Mastodon's DEFAULT_ACCOUNTS_LIMIT for this endpoint. */
export const MAX_ACCOUNT_IDS = 40;

export const listAccountsRoute = new Hono<Env>().get(
  "/",
  authorizeIfGotToken(["read:accounts"]),
  async (c) => {
    const ids = stringList(await readParams(c), "id", { max: MAX_ACCOUNT_IDS }).filter(isId);
    const accounts = await loadAccounts(c.var.ctx, ids);
    return c.json(accounts.map((a) => presentAccount(c.var.ctx, a)));
  },
);
