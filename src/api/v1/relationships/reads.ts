// GET /api/v1/accounts/relationships?id[]=  — https://docs.joinmastodon.org/methods/accounts/#relationships
// GET /api/v1/accounts/familiar_followers?id[]= — https://docs.joinmastodon.org/methods/accounts/#familiar_followers
// GET /api/v1/accounts/:id/{followers,following,endorsements} — public, paginated by the row id.
import { Hono } from "hono";
import { isId } from "../../../domain/id.ts";
import { notFound } from "../../../lib/errors.ts";
import { familiarFollowers } from "../../../services/relationships/familiar-followers.ts";
import { getRelationships } from "../../../services/relationships/get-relationships.ts";
import { listFollowCollection } from "../../../services/relationships/list-accounts.ts";
import { toRelationship } from "../../entities/relationship.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { readPage, setPageLinks } from "../../pagination.ts";
import { optionalBoolean, readParams, stringList } from "../../params.ts";
import { presentAccount } from "../accounts/hydrate.ts";
import { authorizeIfGotToken } from "../accounts/optional-auth.ts";
import { pathId } from "./respond.ts";

/** Mastodon's cap on ids per relationships request. */
export const MAX_RELATIONSHIP_IDS = 40;

export const relationshipsRoute = new Hono<Env>()
  .get("/relationships", requireAuth({ scopes: ["read:follows"] }), async (c) => {
    const params = await readParams(c);
    const ids = stringList(params, "id", { max: MAX_RELATIONSHIP_IDS }).filter(isId);
    const found = await getRelationships(c.var.ctx, currentUser(c).accountId, ids, {
      withSuspended: optionalBoolean(params, "with_suspended") ?? false,
    });
    return c.json(found.map(toRelationship));
  })
  .get("/familiar_followers", requireAuth({ scopes: ["read:follows"] }), async (c) => {
    const params = await readParams(c);
    const ids = stringList(params, "id", { max: MAX_RELATIONSHIP_IDS }).filter(isId);
    const found = await familiarFollowers(c.var.ctx, currentUser(c).accountId, ids);
    return c.json(
      found.map((f) => ({
        id: f.id,
        accounts: f.accounts.map((a) => presentAccount(c.var.ctx, a)),
      })),
    );
  });

function collection(kind: "followers" | "following" | "endorsements") {
  return new Hono<Env>().get(`/:id/${kind}`, authorizeIfGotToken(["read:accounts"]), async (c) => {
    const id = pathId(c);
    const page = readPage(await readParams(c), { defaultLimit: 40, maxLimit: 80 });
    const viewer = c.get("auth")?.user?.accountId ?? null;
    const listed = await listFollowCollection(c.var.ctx, kind, id, viewer, page);
    if (listed === undefined) throw notFound();
    setPageLinks(
      c,
      page,
      listed.map((l) => l.cursor),
    );
    return c.json(listed.map((l) => presentAccount(c.var.ctx, l.loaded)));
  });
}

export const followCollectionRoutes = new Hono<Env>()
  .route("/", collection("followers"))
  .route("/", collection("following"))
  .route("/", collection("endorsements"));
