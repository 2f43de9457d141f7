// /api/v1/polls — https://docs.joinmastodon.org/methods/polls/
// View a poll (public when its status is; a token, if sent, needs read:statuses) and vote
// (write:statuses). A poll whose status the viewer may not see is a 404, as Mastodon.
import { Hono } from "hono";
import { badRequest, notFound, unprocessable } from "../../lib/errors.ts";
import { enqueueDelivery } from "../../services/federation/enqueue-delivery.ts";
import { getPoll } from "../../services/polls/get-poll.ts";
import { voteOnPoll } from "../../services/polls/vote.ts";
import { toPoll } from "../entities/poll.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { readParams, stringList } from "../params.ts";
import { authorizeIfGotToken } from "./accounts/optional-auth.ts";
import { pathId } from "./relationships/respond.ts";

const toChoice = (value: string) => (/^\s*\d{1,6}\s*$/.test(value) ? Number(value) : Number.NaN);

export const pollRoutes = new Hono<Env>()
  .get("/:id", authorizeIfGotToken(["read:statuses"]), async (c) => {
    const viewer = c.get("auth")?.user?.accountId ?? null;
    const poll = await getPoll(c.var.ctx, viewer, pathId(c));
    if (poll === undefined) throw notFound();
    return c.json(toPoll(poll, viewer));
  })
  .post("/:id/votes", requireAuth({ scopes: ["write:statuses"] }), async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c);
    const choices = stringList(await readParams(c), "choices");
    const result = await voteOnPoll(c.var.ctx, me, id, choices.map(toChoice));
    if (result.type === "not-found") throw notFound();
    if (result.type === "no-choices")
      throw badRequest("param is missing or the value is empty: choices");
    if (result.type === "invalid") throw unprocessable(result.message);
    // A vote on a remote poll goes to its author; on ours, the new tallies to the audience.
    await enqueueDelivery(c.var.ctx, "poll", me, result.federate);
    return c.json(toPoll(result.poll, me));
  });
