// Filters v2 — https://docs.joinmastodon.org/methods/filters/
//   /api/v2/filters (+/:id), /api/v2/filters/:filter_id/keywords, /api/v2/filters/keywords/:id,
//   /api/v2/filters/:filter_id/statuses, /api/v2/filters/statuses/:id.
// Someone else's filter, keyword or filter status is 404.
import { Hono } from "hono";
import { FILTER_KEYWORD_MAX } from "../../domain/filters.ts";
import type { LoadedFilter } from "../../services/filters/common.ts";
import {
  addFilterStatus,
  getFilterStatus,
  listFilterStatuses,
  removeFilterStatus,
} from "../../services/filters/filter-statuses.ts";
import {
  addKeyword,
  changeKeyword,
  getKeyword,
  listKeywords,
  removeKeyword,
} from "../../services/filters/keywords.ts";
import {
  createFilter,
  deleteFilter,
  getFilter,
  listFilters,
  updateFilter,
} from "../../services/filters/manage-filters.ts";
import { toFilter, toFilterKeyword, toFilterStatus } from "../entities/filter.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { optionalBoolean, optionalString, readParams } from "../params.ts";
import { filterInput } from "../v1/filter-params.ts";
import { pathId } from "../v1/relationships/respond.ts";

const read = requireAuth({ scopes: ["read:filters"] });
const write = requireAuth({ scopes: ["write:filters"] });
const present = (l: LoadedFilter) => toFilter(l.filter, l);

export const filterV2Routes = new Hono<Env>()
  .get("/", read, async (c) => {
    const filters = await listFilters(c.var.ctx, currentUser(c).accountId);
    return c.json(filters.map(present));
  })
  .post("/", write, async (c) => {
    const input = filterInput(await readParams(c));
    return c.json(present(await createFilter(c.var.ctx, currentUser(c).accountId, input)));
  })
  // Keyword and status routes by their own id come before /:id.
  .get("/keywords/:id", read, async (c) => {
    return c.json(
      toFilterKeyword(await getKeyword(c.var.ctx, currentUser(c).accountId, pathId(c))),
    );
  })
  .put("/keywords/:id", write, async (c) => {
    const params = await readParams(c);
    const row = await changeKeyword(c.var.ctx, currentUser(c).accountId, pathId(c), {
      keyword: optionalString(params, "keyword", { max: FILTER_KEYWORD_MAX }),
      wholeWord: optionalBoolean(params, "whole_word"),
    });
    return c.json(toFilterKeyword(row));
  })
  .delete("/keywords/:id", write, async (c) => {
    await removeKeyword(c.var.ctx, currentUser(c).accountId, pathId(c));
    return c.json({});
  })
  .get("/statuses/:id", read, async (c) => {
    const row = await getFilterStatus(c.var.ctx, currentUser(c).accountId, pathId(c));
    return c.json(toFilterStatus(row));
  })
  .delete("/statuses/:id", write, async (c) => {
    await removeFilterStatus(c.var.ctx, currentUser(c).accountId, pathId(c));
    return c.json({});
  })
  .get("/:id", read, async (c) => {
    return c.json(present(await getFilter(c.var.ctx, currentUser(c).accountId, pathId(c))));
  })
  .put("/:id", write, async (c) => {
    const input = filterInput(await readParams(c));
    const me = currentUser(c).accountId;
    return c.json(present(await updateFilter(c.var.ctx, me, pathId(c), input)));
  })
  .delete("/:id", write, async (c) => {
    await deleteFilter(c.var.ctx, currentUser(c).accountId, pathId(c));
    return c.json({});
  })
  .get("/:id/keywords", read, async (c) => {
    const rows = await listKeywords(c.var.ctx, currentUser(c).accountId, pathId(c));
    return c.json(rows.map(toFilterKeyword));
  })
  .post("/:id/keywords", write, async (c) => {
    const params = await readParams(c);
    const row = await addKeyword(c.var.ctx, currentUser(c).accountId, pathId(c), {
      // Blank is the service's 422, after the filter is found (404 first, as Mastodon).
      keyword: optionalString(params, "keyword", { max: FILTER_KEYWORD_MAX }) ?? "",
      wholeWord: optionalBoolean(params, "whole_word") ?? true,
    });
    return c.json(toFilterKeyword(row));
  })
  .get("/:id/statuses", read, async (c) => {
    const rows = await listFilterStatuses(c.var.ctx, currentUser(c).accountId, pathId(c));
    return c.json(rows.map(toFilterStatus));
  })
  .post("/:id/statuses", write, async (c) => {
    const statusId = optionalString(await readParams(c), "status_id") ?? "";
    const me = currentUser(c).accountId;
    const row = await addFilterStatus(c.var.ctx, me, pathId(c), statusId);
    return c.json(toFilterStatus(row));
  });
