// GET /api/v1/accounts/lookup?acct= — https://docs.joinmastodon.org/methods/accounts/#lookup
// A known account by address, without WebFinger: `name`, `name@our.domain`, `name@other.host`.
import { Hono } from "hono";
import { notFound } from "../../../lib/errors.ts";
import { withRoles } from "../../../services/profiles/load-accounts.ts";
import { lookupAccount } from "../../../services/profiles/lookup-account.ts";
import type { Env } from "../../env.ts";
import { optionalString, readParams } from "../../params.ts";
import { presentAccount } from "./hydrate.ts";
import { authorizeIfGotToken } from "./optional-auth.ts";

export const lookupAccountRoute = new Hono<Env>().get(
  "/lookup",
  authorizeIfGotToken(["read:accounts"]),
  async (c) => {
    const acct = optionalString(await readParams(c), "acct") ?? "";
    const row = acct === "" ? undefined : await lookupAccount(c.var.ctx, acct);
    if (row === undefined) throw notFound();
    const [loaded] = await withRoles(c.var.ctx, [row]);
    return c.json(presentAccount(c.var.ctx, loaded!));
  },
);
