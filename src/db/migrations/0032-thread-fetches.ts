// When the replies collection of a remote post was last fetched (GET /statuses/:id/context
// asks for it): a post's replies are fetched again only after a cool-down, so viewing a
// thread over and over does not make us hammer its server.
import type { Kysely } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("status_reply_fetches")
    .addColumn("status_id", "bigint", (c) =>
      c.primaryKey().references("statuses.id").onDelete("cascade"),
    )
    .addColumn("fetched_at", timestamp(db), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("status_reply_fetches").execute();
}
