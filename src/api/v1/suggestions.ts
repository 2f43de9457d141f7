// Follow suggestions — https://docs.joinmastodon.org/methods/suggestions/
//   GET    /api/v2/suggestions              Suggestion entities (read:accounts)
//   GET    /api/v1/suggestions              the same as bare accounts (deprecated 3.4)
//   DELETE /api/v1/suggestions/:account_id  stop suggesting it (write:accounts), answers {}
// 40 by default, 80 at most (Mastodon clamps).
import { type Context, Hono } from "hono";
import { notFound } from "../../lib/errors.ts";
import { dismissSuggestion } from "../../services/suggestions/dismiss-suggestion.ts";
import { listSuggestions } from "../../services/suggestions/list-suggestions.ts";
import { toSuggestion } from "../entities/suggestion.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { readOffsetPage } from "../offset-page.ts";
import { readParams } from "../params.ts";
import { presentAccount } from "./accounts/hydrate.ts";

const read = requireAuth({ scopes: ["read:accounts"] });

async function load(c: Context<Env>) {
  const { limit } = readOffsetPage(await readParams(c), 40, 80);
  return listSuggestions(c.var.ctx, currentUser(c).accountId, limit);
}

export const suggestionV2Routes = new Hono<Env>().get("/", read, async (c) => {
  const suggestions = await load(c);
  return c.json(suggestions.map((s) => toSuggestion(s, presentAccount(c.var.ctx, s.account))));
});

export const suggestionV1Routes = new Hono<Env>()
  .get("/", read, async (c) => {
    const suggestions = await load(c);
    return c.json(suggestions.map((s) => presentAccount(c.var.ctx, s.account)));
  })
  .delete("/:account_id", requireAuth({ scopes: ["write:accounts"] }), async (c) => {
    const result = await dismissSuggestion(
      c.var.ctx,
      currentUser(c).accountId,
      c.req.param("account_id"),
    );
    if (result.type === "not-found") throw notFound();
    return c.json({});
  });
