// Lists — https://docs.joinmastodon.org/methods/lists/
//   GET/POST /api/v1/lists, GET/PUT/DELETE /api/v1/lists/:id,
//   GET/POST/DELETE /api/v1/lists/:id/accounts, GET /api/v1/accounts/:id/lists.
// A list is its owner's alone: anyone else's answers 404, as a missing one.
import { Hono } from "hono";
import { notFound, unprocessable } from "../../lib/errors.ts";
import {
  isRepliesPolicy,
  LIST_TITLE_MAX,
  MEMBERS_PER_REQUEST,
  type RepliesPolicy,
} from "../../services/lists/common.ts";
import {
  createList,
  deleteList,
  getList,
  getLists,
  getListsHolding,
  updateList,
} from "../../services/lists/manage-lists.ts";
import { addListMembers, listMembers, removeListMembers } from "../../services/lists/members.ts";
import { toList } from "../entities/list.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { readPage, setPageLinks } from "../pagination.ts";
import { optionalBoolean, optionalString, type Params, readParams, stringList } from "../params.ts";
import { presentAccount } from "./accounts/hydrate.ts";
import { pathId } from "./relationships/respond.ts";

const read = requireAuth({ scopes: ["read:lists"] });
const write = requireAuth({ scopes: ["write:lists"] });

function repliesPolicy(params: Params): RepliesPolicy | undefined {
  const value = optionalString(params, "replies_policy");
  if (value === undefined) return undefined;
  if (!isRepliesPolicy(value)) throw unprocessable(`'${value}' is not a valid replies_policy`);
  return value;
}

/** Missing or blank is 422 on create, as Mastodon's validation (not a 400 for a missing param). */
function title(params: Params, required: boolean): string | undefined {
  const value = optionalString(params, "title", { max: LIST_TITLE_MAX });
  if ((value === undefined && required) || (value !== undefined && value.trim() === "")) {
    throw unprocessable("Validation failed: Title can't be blank");
  }
  return value;
}

function accountIds(params: Params): string[] {
  const ids = stringList(params, "account_ids", { max: MEMBERS_PER_REQUEST });
  if (ids.length === 0) throw unprocessable("Validation failed: account_ids can't be blank");
  return ids;
}

export const listRoutes = new Hono<Env>()
  .get("/", read, async (c) => {
    const lists = await getLists(c.var.ctx, currentUser(c).accountId);
    return c.json(lists.map(toList));
  })
  .post("/", write, async (c) => {
    const params = await readParams(c);
    const list = await createList(c.var.ctx, currentUser(c).accountId, {
      title: title(params, true) as string,
      repliesPolicy: repliesPolicy(params) ?? "list",
      exclusive: optionalBoolean(params, "exclusive") ?? false,
    });
    return c.json(toList(list));
  })
  .get("/:id", read, async (c) => {
    const list = await getList(c.var.ctx, currentUser(c).accountId, pathId(c));
    if (list === undefined) throw notFound();
    return c.json(toList(list));
  })
  .put("/:id", write, async (c) => {
    const params = await readParams(c);
    const list = await updateList(c.var.ctx, currentUser(c).accountId, pathId(c), {
      title: title(params, false),
      repliesPolicy: repliesPolicy(params),
      exclusive: optionalBoolean(params, "exclusive"),
    });
    if (list === undefined) throw notFound();
    return c.json(toList(list));
  })
  .delete("/:id", write, async (c) => {
    if (!(await deleteList(c.var.ctx, currentUser(c).accountId, pathId(c)))) throw notFound();
    return c.json({});
  })
  .get("/:id/accounts", read, async (c) => {
    const params = await readParams(c);
    // limit=0: every member at once, without pagination (Mastodon).
    const all = String(params.limit ?? "") === "0";
    const page = all ? null : readPage(params, { defaultLimit: 40, maxLimit: 80 });
    const { ids, accounts } = await listMembers(
      c.var.ctx,
      currentUser(c).accountId,
      pathId(c),
      page,
    );
    if (page !== null) setPageLinks(c, page, ids);
    return c.json(accounts.map((a) => presentAccount(c.var.ctx, a)));
  })
  .post("/:id/accounts", write, async (c) => {
    const ids = accountIds(await readParams(c));
    await addListMembers(c.var.ctx, currentUser(c).accountId, pathId(c), ids);
    return c.json({});
  })
  .delete("/:id/accounts", write, async (c) => {
    const ids = accountIds(await readParams(c));
    await removeListMembers(c.var.ctx, currentUser(c).accountId, pathId(c), ids);
    return c.json({});
  });

/** GET /api/v1/accounts/:id/lists: the viewer's lists holding that account. */
export const accountListRoutes = new Hono<Env>().get("/:id/lists", read, async (c) => {
  const lists = await getListsHolding(c.var.ctx, currentUser(c).accountId, pathId(c));
  if (lists === undefined) throw notFound();
  return c.json(lists.map(toList));
});
