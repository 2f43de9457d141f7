// The visibility rule of domain/visibility.ts (read that first) as a Kysely condition on a
// query over `statuses`, so lists filter in SQL instead of loading and discarding rows.
// Keep the two in step: test/domain/visibility-matrix.test.ts runs both over the same matrix.
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from "kysely";
import type { Database } from "../schema/index.ts";

type StatusesEb = ExpressionBuilder<Database, "statuses">;
// The rule is written once for any alias of `statuses`, so its references are dynamic.
// biome-ignore lint/suspicious/noExplicitAny: references are built from the alias
type AnyEb = ExpressionBuilder<any, any>;

/** `where(visibleTo(viewerId))`: the statuses `viewerId` (null: anonymous) may see. */
export function visibleTo(
  viewerId: string | null,
): (eb: StatusesEb) => ExpressionWrapper<Database, "statuses", SqlBool> {
  // A boost is visible only while the boosted post is too: the same rule, on the original.
  return (eb) =>
    eb.and([
      rowVisibleTo(eb, "statuses", viewerId),
      eb.or([
        eb("statuses.reblog_of_id", "is", null),
        eb.exists(
          eb
            .selectFrom("statuses as original")
            .select(sql`1`.as("one"))
            .whereRef("original.id", "=", "statuses.reblog_of_id")
            .where((inner) => rowVisibleTo(inner, "original", viewerId)),
        ),
      ]),
    ]);
}

/** The rule on one row of `statuses` named `t` (the queried row, or a boost's original). */
function rowVisibleTo(
  eb: AnyEb,
  t: "statuses" | "original",
  viewerId: string | null,
): ExpressionWrapper<Database, "statuses", SqlBool> {
  const alive = eb.and([
    eb(`${t}.deleted_at`, "is", null),
    eb.not(
      eb.exists(
        eb
          .selectFrom("accounts as author")
          .select(sql`1`.as("one"))
          .whereRef("author.id", "=", `${t}.account_id`)
          .where("author.suspended_at", "is not", null),
      ),
    ),
  ]);
  const publicish = eb(`${t}.visibility`, "in", ["public", "unlisted"]);
  if (viewerId === null) return eb.and([alive, publicish]);
  const viewer = sql<string>`cast(${viewerId} as bigint)`;
  const mentioned = eb.exists(
    eb
      .selectFrom("mentions as m")
      .select(sql`1`.as("one"))
      .whereRef("m.status_id", "=", `${t}.id`)
      .where("m.account_id", "=", viewer),
  );
  const following = eb.exists(
    eb
      .selectFrom("follows as f")
      .select(sql`1`.as("one"))
      .where("f.account_id", "=", viewer)
      .whereRef("f.target_account_id", "=", `${t}.account_id`),
  );
  const blocked = eb.exists(
    eb
      .selectFrom("blocks as b")
      .select(sql`1`.as("one"))
      .where((b) =>
        b.or([
          b.and([
            b("b.account_id", "=", viewer),
            b("b.target_account_id", "=", b.ref(`${t}.account_id`)),
          ]),
          b.and([
            b("b.target_account_id", "=", viewer),
            b("b.account_id", "=", b.ref(`${t}.account_id`)),
          ]),
        ]),
      ),
  );
  const domainBlocked = eb.exists(
    eb
      .selectFrom("account_domain_blocks as d")
      .innerJoin("accounts as author", "author.domain", "d.domain")
      .select(sql`1`.as("one"))
      .where("d.account_id", "=", viewer)
      .whereRef("author.id", "=", `${t}.account_id`),
  );
  return eb.and([
    alive,
    eb.or([
      eb(`${t}.account_id`, "=", viewer),
      eb.and([
        eb.not(blocked),
        eb.not(domainBlocked),
        eb.or([
          publicish,
          eb.and([eb(`${t}.visibility`, "=", "private"), eb.or([following, mentioned])]),
          eb.and([eb(`${t}.visibility`, "=", "direct"), mentioned]),
        ]),
      ]),
    ]),
  ]);
}
