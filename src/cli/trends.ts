// `hearth trends list | approve | reject`: a moderator's review of trends. Trending posts and
// links show in /api/v1/trends/statuses and /links only once approved (as Mastodon); a rejected tag or post
// never shows. Scores come from the recurring trends.refresh job.
import type { TrendRow } from "../repos/trends.ts";
import {
  listTrendsForReview,
  type ReviewKind,
  reviewTrend,
} from "../services/trends/review-trend.ts";
import { exhaustive, parseOptions, withContext, withSubcommands } from "./command-kit.ts";
import { CliError, type CliIo, usageError } from "./io.ts";

export const TRENDS_USAGE = `Usage: hearth trends <list | approve <kind> <target> | reject <kind> <target>>

  list [--kind tag|status|link] [--all]
                                     What trends now, best first, with its review state
                                     (--all: also reviewed targets that no longer trend)
  approve tag <name> | status <id> | link <url>
                                     Let it show in the trends
  reject tag <name> | status <id> | link <url>
                                     Keep it out of the trends for good`;

function parseKind(value: string | undefined): ReviewKind {
  if (value === "tag" || value === "status" || value === "link") return value;
  throw usageError(`the kind must be tag, status or link; got "${value ?? ""}"`);
}

function formatRow(row: TrendRow): string {
  return `${row.kind}  ${row.target_id}  score ${row.score.toFixed(2)}  ${row.review}`;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    kind: { type: "string" },
    all: { type: "boolean" },
  });
  if (positionals.length > 0) throw usageError("trends list takes no arguments");
  const kind = values.kind === undefined ? undefined : parseKind(values.kind);
  const rows = await withContext(io, (ctx) =>
    listTrendsForReview(ctx, { kind, all: values.all === true }),
  );
  if (rows.length === 0) io.out("Nothing trends right now.");
  for (const row of rows) io.out(formatRow(row));
  return 0;
}

function review(decision: "approved" | "rejected") {
  return async (args: string[], io: CliIo): Promise<number> => {
    const { positionals } = parseOptions(args, {});
    const [kindText, target, ...extra] = positionals;
    const verb = decision === "approved" ? "approve" : "reject";
    if (target === undefined || extra.length > 0)
      throw usageError(
        `trends ${verb} takes a kind (tag, status or link) and a tag name, status id or URL`,
      );
    const kind = parseKind(kindText);
    const result = await withContext(io, (ctx) => reviewTrend(ctx, kind, target, decision));
    switch (result.type) {
      case "ok":
        io.out(`${decision === "approved" ? "Approved" : "Rejected"} ${kind} ${target}.`);
        return 0;
      case "not-found":
        throw new CliError(`there is no ${kind} "${target}"`);
      default:
        return exhaustive(result);
    }
  };
}

export const trendsCommand = withSubcommands("trends", TRENDS_USAGE, {
  list,
  approve: review("approved"),
  reject: review("rejected"),
});
