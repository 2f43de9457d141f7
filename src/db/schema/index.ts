// The database as Kysely sees it: one interface per table, composed here.
import type { AccountsTable } from "./accounts.ts";
import type { InstanceActivityTable } from "./instance-activity.ts";
import type { InstanceSettingsTable } from "./instance-settings.ts";
import type {
  OAuthAccessGrantsTable,
  OAuthAccessTokensTable,
  OAuthApplicationsTable,
} from "./oauth.ts";
import type { RulesTable } from "./rules.ts";
import type { UsersTable } from "./users.ts";

export type { AccountsTable, ProfileField } from "./accounts.ts";
export type { InstanceActivityTable } from "./instance-activity.ts";
export type { InstanceSettingsTable } from "./instance-settings.ts";
export type {
  OAuthAccessGrantsTable,
  OAuthAccessTokensTable,
  OAuthApplicationsTable,
} from "./oauth.ts";
export type { RulesTable } from "./rules.ts";
export type { UsersTable } from "./users.ts";

export interface Database {
  accounts: AccountsTable;
  instance_activity: InstanceActivityTable;
  instance_settings: InstanceSettingsTable;
  oauth_access_grants: OAuthAccessGrantsTable;
  oauth_access_tokens: OAuthAccessTokensTable;
  oauth_applications: OAuthApplicationsTable;
  rules: RulesTable;
  users: UsersTable;
}
