// GET /api/v1/directory — https://docs.joinmastodon.org/methods/directory/
// Public; a signed-in viewer's blocks and mutes are left out. `order` active (default) or
// new, `local`, `offset`, `limit` 40 by default and 80 at most (Mastodon clamps).
import { Hono } from "hono";
import { listDirectory } from "../../services/directory/list-directory.ts";
import type { Env } from "../env.ts";
import { readOffsetPage } from "../offset-page.ts";
import { optionalBoolean, optionalString, readParams } from "../params.ts";
import { presentAccount } from "./accounts/hydrate.ts";

export const directoryRoutes = new Hono<Env>().get("/", async (c) => {
  const params = await readParams(c);
  const accounts = await listDirectory(c.var.ctx, c.get("auth")?.user?.accountId ?? null, {
    // Mastodon treats any other value as `active`.
    order: optionalString(params, "order") === "new" ? "new" : "active",
    localOnly: optionalBoolean(params, "local") ?? false,
    ...readOffsetPage(params, 40, 80),
  });
  return c.json(accounts.map((a) => presentAccount(c.var.ctx, a)));
});
