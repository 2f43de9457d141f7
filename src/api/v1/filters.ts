// Filters v1 — https://docs.joinmastodon.org/methods/filters/#v1
// Deprecated by Mastodon 4.0 but still called by older clients; mapped onto filters v2
// (services/filters/v1-filters.ts). Someone else's filter is 404.
import { Hono } from "hono";
import { FILTER_KEYWORD_MAX } from "../../domain/filters.ts";
import {
  createV1Filter,
  deleteV1Filter,
  getV1Filter,
  listV1Filters,
  updateV1Filter,
  type V1Filter,
  type V1FilterInput,
} from "../../services/filters/v1-filters.ts";
import { toV1Filter } from "../entities/filter.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { optionalBoolean, optionalString, type Params, readParams, stringList } from "../params.ts";
import { expiresIn } from "./filter-params.ts";
import { pathId } from "./relationships/respond.ts";

const read = requireAuth({ scopes: ["read:filters"] });
const write = requireAuth({ scopes: ["write:filters"] });
const present = (f: V1Filter) => toV1Filter(f.keyword, f.filter);

function input(params: Params): V1FilterInput {
  const hasContext = "context" in params || "context[]" in params;
  return {
    phrase: optionalString(params, "phrase", { max: FILTER_KEYWORD_MAX }),
    context: hasContext ? stringList(params, "context", { max: 10 }) : undefined,
    irreversible: optionalBoolean(params, "irreversible"),
    wholeWord: optionalBoolean(params, "whole_word"),
    expiresIn: expiresIn(params),
  };
}

export const filterV1Routes = new Hono<Env>()
  .get("/", read, async (c) => {
    return c.json((await listV1Filters(c.var.ctx, currentUser(c).accountId)).map(present));
  })
  .post("/", write, async (c) => {
    const created = await createV1Filter(
      c.var.ctx,
      currentUser(c).accountId,
      input(await readParams(c)),
    );
    return c.json(present(created));
  })
  .get("/:id", read, async (c) => {
    return c.json(present(await getV1Filter(c.var.ctx, currentUser(c).accountId, pathId(c))));
  })
  .put("/:id", write, async (c) => {
    const params = await readParams(c);
    const me = currentUser(c).accountId;
    return c.json(present(await updateV1Filter(c.var.ctx, me, pathId(c), input(params))));
  })
  .delete("/:id", write, async (c) => {
    await deleteV1Filter(c.var.ctx, currentUser(c).accountId, pathId(c));
    return c.json({});
  });
