// The visibility rule of domain/visibility.ts (read that first) as a Kysely condition on a
// query over `statuses`, so lists filter in SQL instead of loading and discarding rows.
// Keep the two in step: test/domain/visibility-matrix.test.ts runs both over the same matrix.
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from "kysely";
import type { Database } from "../schema/index.ts";

type StatusesEb = ExpressionBuilder<Database, "statuses">;

/** `where(visibleTo(viewerId))`: the statuses `viewerId` (null: anonymous) may see. */
export function visibleTo(
  viewerId: string | null,
): (eb: StatusesEb) => ExpressionWrapper<Database, "statuses", SqlBool> {
  return (eb) => {
    const alive = eb.and([
      eb("statuses.deleted_at", "is", null),
      eb.not(
        eb.exists(
          eb
            .selectFrom("accounts as author")
            .select(sql`1`.as("one"))
            .whereRef("author.id", "=", "statuses.account_id")
            .where("author.suspended_at", "is not", null),
        ),
      ),
    ]);
    const publicish = eb("statuses.visibility", "in", ["public", "unlisted"]);
    if (viewerId === null) return eb.and([alive, publicish]);
    const viewer = sql<string>`cast(${viewerId} as bigint)`;
    const mentioned = eb.exists(
      eb
        .selectFrom("mentions as m")
        .select(sql`1`.as("one"))
        .whereRef("m.status_id", "=", "statuses.id")
        .where("m.account_id", "=", viewer),
    );
    const following = eb.exists(
      eb
        .selectFrom("follows as f")
        .select(sql`1`.as("one"))
        .where("f.account_id", "=", viewer)
        .whereRef("f.target_account_id", "=", "statuses.account_id"),
    );
    const blocked = eb.exists(
      eb
        .selectFrom("blocks as b")
        .select(sql`1`.as("one"))
        .where((b) =>
          b.or([
            b.and([
              b("b.account_id", "=", viewer),
              b("b.target_account_id", "=", b.ref("statuses.account_id")),
            ]),
            b.and([
              b("b.target_account_id", "=", viewer),
              b("b.account_id", "=", b.ref("statuses.account_id")),
            ]),
          ]),
        ),
    );
    return eb.and([
      alive,
      eb.or([
        eb("statuses.account_id", "=", viewer),
        eb.and([
          eb.not(blocked),
          eb.or([
            publicish,
            eb.and([eb("statuses.visibility", "=", "private"), eb.or([following, mentioned])]),
            eb.and([eb("statuses.visibility", "=", "direct"), mentioned]),
          ]),
        ]),
      ]),
    ]);
  };
}
