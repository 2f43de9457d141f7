// One's favourites and bookmarks, newest mark first with Link headers whose cursors are the
// favourite / bookmark row ids (as Mastodon):
//   GET /api/v1/favourites  https://docs.joinmastodon.org/methods/favourites/ (read:favourites)
//   GET /api/v1/bookmarks   https://docs.joinmastodon.org/methods/bookmarks/  (read:bookmarks)
import { type Context, Hono } from "hono";
import type { AppContext } from "../../../context.ts";
import type { Page } from "../../../db/queries/paginate.ts";
import {
  listBookmarks,
  listFavourites,
  type MarkedStatus,
} from "../../../services/interactions/list-marked.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { readPage, setPageLinks } from "../../pagination.ts";
import { readParams } from "../../params.ts";
import { presentStatuses } from "./present.ts";

type Lister = (ctx: AppContext, actorId: string, page: Page) => Promise<MarkedStatus[]>;

function list(lister: Lister) {
  return async (c: Context<Env>) => {
    const me = currentUser(c).accountId;
    // Mastodon: 20 by default, 40 at most.
    const page = readPage(await readParams(c), { defaultLimit: 20, maxLimit: 40 });
    const marked = await lister(c.var.ctx, me, page);
    setPageLinks(
      c,
      page,
      marked.map((m) => m.cursor),
    );
    return c.json(
      await presentStatuses(
        c.var.ctx,
        marked.map((m) => m.status),
        me,
      ),
    );
  };
}

export const favouriteListRoutes = new Hono<Env>().get(
  "/",
  requireAuth({ scopes: ["read:favourites"] }),
  list(listFavourites),
);

export const bookmarkListRoutes = new Hono<Env>().get(
  "/",
  requireAuth({ scopes: ["read:bookmarks"] }),
  list(listBookmarks),
);
