// Favourites, bookmarks and pins of one status, and who favourited it:
//   POST /api/v1/statuses/:id/{favourite,unfavourite}  (write:favourites)
//   POST /api/v1/statuses/:id/{bookmark,unbookmark}    (write:bookmarks)
//   POST /api/v1/statuses/:id/{pin,unpin}              (write:accounts)
//   GET  /api/v1/statuses/:id/favourited_by            (public; read:accounts with a token)
//   POST /api/v1/statuses/:id/{reblog,unreblog}        (write:statuses)
//   GET  /api/v1/statuses/:id/reblogged_by             (public; read:accounts with a token)
//   POST /api/v1/statuses/:id/{mute,unmute}            (write:mutes; the conversation)
// https://docs.joinmastodon.org/methods/statuses/ — each action answers with the Status and
// the viewer's flags; a status the viewer cannot see is a 404.
import { type Context, Hono } from "hono";
import type { AppContext } from "../../../context.ts";
import { forbidden, notFound, unprocessable } from "../../../lib/errors.ts";
import { enqueueDelivery } from "../../../services/federation/enqueue-delivery.ts";
import { bookmark } from "../../../services/interactions/bookmark.ts";
import type { InteractionResult } from "../../../services/interactions/common.ts";
import { favourite } from "../../../services/interactions/favourite.ts";
import { favouritedBy } from "../../../services/interactions/favourited-by.ts";
import { pin } from "../../../services/interactions/pin.ts";
import { reblog } from "../../../services/interactions/reblog.ts";
import { rebloggedBy } from "../../../services/interactions/reblogged-by.ts";
import { unbookmark } from "../../../services/interactions/unbookmark.ts";
import { unfavourite } from "../../../services/interactions/unfavourite.ts";
import { unpin } from "../../../services/interactions/unpin.ts";
import { unreblog } from "../../../services/interactions/unreblog.ts";
import { muteConversation } from "../../../services/statuses/mute-conversation.ts";
import { unmuteConversation } from "../../../services/statuses/unmute-conversation.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { readPage, setPageLinks } from "../../pagination.ts";
import { optionalString, readParams } from "../../params.ts";
import { presentAccount } from "../accounts/hydrate.ts";
import { authorizeIfGotToken } from "../accounts/optional-auth.ts";
import { pathId } from "../relationships/respond.ts";
import { presentStatus } from "./present.ts";

type Action = (
  ctx: AppContext,
  actorId: string,
  statusId: string,
) => Promise<InteractionResult | Awaited<ReturnType<typeof muteConversation>>>;

function act(action: Action) {
  return async (c: Context<Env>) => {
    const me = currentUser(c).accountId;
    const result = await action(c.var.ctx, me, pathId(c));
    if (result.type === "not-found") throw notFound();
    if (result.type === "invalid") throw unprocessable(result.message);
    // Like / Undo(Like) / Add / Remove go out as a job (bookmarks and mutes name none).
    await enqueueDelivery(c.var.ctx, "interaction", me, result.federate);
    return c.json(await presentStatus(c.var.ctx, result.status, me));
  };
}

const favourites = requireAuth({ scopes: ["write:favourites"] });
const bookmarks = requireAuth({ scopes: ["write:bookmarks"] });
const pins = requireAuth({ scopes: ["write:accounts"] });
const boosts = requireAuth({ scopes: ["write:statuses"] });
const threadMutes = requireAuth({ scopes: ["write:mutes"] });

export const statusInteractionRoutes = new Hono<Env>()
  .post("/:id/favourite", favourites, act(favourite))
  .post("/:id/unfavourite", favourites, act(unfavourite))
  .post("/:id/bookmark", bookmarks, act(bookmark))
  .post("/:id/unbookmark", bookmarks, act(unbookmark))
  .post("/:id/pin", pins, act(pin))
  .post("/:id/unpin", pins, act(unpin))
  .post("/:id/mute", threadMutes, act(muteConversation))
  .post("/:id/unmute", threadMutes, act(unmuteConversation))
  // Answers with the boost, its original nested in `reblog` (as Mastodon).
  .post("/:id/reblog", boosts, async (c) => {
    const me = currentUser(c).accountId;
    const visibility = optionalString(await readParams(c), "visibility");
    const result = await reblog(c.var.ctx, me, pathId(c), { visibility });
    if (result.type === "not-found") throw notFound();
    if (result.type === "forbidden") throw forbidden();
    if (result.type === "invalid") throw unprocessable(result.message);
    await enqueueDelivery(c.var.ctx, "boost", me, result.federate);
    return c.json(await presentStatus(c.var.ctx, result.boost, me));
  })
  // Answers with the original, reblogged false.
  .post("/:id/unreblog", boosts, async (c) => {
    const me = currentUser(c).accountId;
    const result = await unreblog(c.var.ctx, me, pathId(c));
    if (result.type === "not-found") throw notFound();
    await enqueueDelivery(c.var.ctx, "boost", me, result.federate);
    return c.json(await presentStatus(c.var.ctx, result.status, me));
  })
  .get("/:id/reblogged_by", authorizeIfGotToken(["read:accounts"]), async (c) => {
    const viewer = c.get("auth")?.user?.accountId ?? null;
    // Mastodon: 40 by default, 80 at most.
    const page = readPage(await readParams(c), { defaultLimit: 40, maxLimit: 80 });
    const listed = await rebloggedBy(c.var.ctx, viewer, pathId(c), page);
    if (listed === undefined) throw notFound();
    setPageLinks(
      c,
      page,
      listed.map((l) => l.cursor),
    );
    return c.json(listed.map((l) => presentAccount(c.var.ctx, l.loaded)));
  })
  .get("/:id/favourited_by", authorizeIfGotToken(["read:accounts"]), async (c) => {
    const viewer = c.get("auth")?.user?.accountId ?? null;
    const id = pathId(c);
    // Mastodon: 40 by default, 80 at most.
    const page = readPage(await readParams(c), { defaultLimit: 40, maxLimit: 80 });
    const listed = await favouritedBy(c.var.ctx, viewer, id, page);
    if (listed === undefined) throw notFound();
    setPageLinks(
      c,
      page,
      listed.map((l) => l.cursor),
    );
    return c.json(listed.map((l) => presentAccount(c.var.ctx, l.loaded)));
  });
