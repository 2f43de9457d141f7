// The web app's access tokens belong to a browser session: `web_session_id` ties a token of
// the built-in "Web" application to the web_sessions row it was minted for, so ending the
// session (sign-out, revocation, password change) revokes the token with it.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("oauth_access_tokens")
    .addColumn("web_session_id", "bigint", (c) =>
      c.references("web_sessions.id").onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("oauth_access_tokens_web_session")
    .on("oauth_access_tokens")
    .column("web_session_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("oauth_access_tokens_web_session").execute();
  await db.schema.alterTable("oauth_access_tokens").dropColumn("web_session_id").execute();
}
