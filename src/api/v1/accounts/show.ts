// GET /api/v1/accounts/:id — https://docs.joinmastodon.org/methods/accounts/#get
// Public. A suspended account answers 200 with `suspended: true` and its fields emptied.
import { Hono } from "hono";
import { isId } from "../../../domain/id.ts";
import { notFound } from "../../../lib/errors.ts";
import { loadAccount } from "../../../services/profiles/load-accounts.ts";
import type { Env } from "../../env.ts";
import { presentAccount } from "./hydrate.ts";
import { authorizeIfGotToken } from "./optional-auth.ts";

export const showAccountRoute = new Hono<Env>().get(
  "/:id",
  authorizeIfGotToken(["read:accounts"]),
  async (c) => {
    const id = c.req.param("id");
    const loaded = isId(id) ? await loadAccount(c.var.ctx, id) : undefined;
    if (loaded === undefined) throw notFound();
    return c.json(presentAccount(c.var.ctx, loaded));
  },
);
