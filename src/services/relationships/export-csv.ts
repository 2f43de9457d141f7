// CSV exports in Mastodon's formats, so a file from here imports there and back:
//   follows: `Account address,Show boosts,Notify on new posts,Languages`
//   blocks:  one address a line, no header
//   mutes:   `Account address,Hide notifications`
// Local accounts are written with our domain (user@domain), as Mastodon does.
import type { AppContext } from "../../context.ts";
import { csvLine } from "../../lib/csv.ts";
import { findAllOwnTargets } from "../../repos/relationship-reads.ts";

export type ExportKind = "follows" | "blocks" | "mutes";

export async function exportCsv(
  ctx: AppContext,
  accountId: string,
  kind: ExportKind,
): Promise<string> {
  const rows = await findAllOwnTargets(ctx.db, kind, accountId, ctx.clock.now().toISOString());
  const address = (r: { username: string; domain: string | null }) =>
    `${r.username}@${r.domain ?? ctx.config.domain}`;
  const lines =
    kind === "follows"
      ? [
          csvLine(["Account address", "Show boosts", "Notify on new posts", "Languages"]),
          ...rows.map((r) =>
            csvLine([
              address(r),
              String(r.showReblogs ?? true),
              String(r.notify ?? false),
              (r.languages ?? []).join(", "),
            ]),
          ),
        ]
      : kind === "mutes"
        ? [
            csvLine(["Account address", "Hide notifications"]),
            ...rows.map((r) => csvLine([address(r), String(r.hideNotifications ?? true)])),
          ]
        : rows.map((r) => csvLine([address(r)]));
  return lines.map((l) => `${l}\n`).join("");
}
