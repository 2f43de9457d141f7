// The ActivityPub type of a remote actor (Person, Group, Service, Application, Organization),
// as Mastodon's accounts.actor_type: the API's `group` comes from it (Lemmy communities,
// Friendica forums). Null for local accounts, which are Persons.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("accounts").addColumn("actor_type", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("accounts").dropColumn("actor_type").execute();
}
