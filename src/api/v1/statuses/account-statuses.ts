// GET /api/v1/accounts/:id/statuses — https://docs.joinmastodon.org/methods/accounts/#statuses
// Public; paginated by status id with a Link header.
import { Hono } from "hono";
import { notFound } from "../../../lib/errors.ts";
import { listAccountStatuses } from "../../../services/statuses/list-account-statuses.ts";
import type { Env } from "../../env.ts";
import { readPage, setPageLinks } from "../../pagination.ts";
import { optionalBoolean, optionalString, readParams } from "../../params.ts";
import { authorizeIfGotToken } from "../accounts/optional-auth.ts";
import { pathId } from "../relationships/respond.ts";
import { presentStatuses } from "./present.ts";

export const accountStatusesRoute = new Hono<Env>().get(
  "/:id/statuses",
  authorizeIfGotToken(["read:statuses"]),
  async (c) => {
    const id = pathId(c);
    const params = await readParams(c);
    const page = readPage(params, { defaultLimit: 20, maxLimit: 40 });
    const viewer = c.get("auth")?.user?.accountId ?? null;
    const rows = await listAccountStatuses(c.var.ctx, id, viewer, page, {
      onlyMedia: optionalBoolean(params, "only_media") ?? false,
      pinned: optionalBoolean(params, "pinned") ?? false,
      excludeReplies: optionalBoolean(params, "exclude_replies") ?? false,
      excludeReblogs: optionalBoolean(params, "exclude_reblogs") ?? false,
      tagged: optionalString(params, "tagged") || undefined,
    });
    if (rows === undefined) throw notFound();
    setPageLinks(
      c,
      page,
      rows.map((r) => r.id),
    );
    return c.json(await presentStatuses(c.var.ctx, rows, viewer));
  },
);
