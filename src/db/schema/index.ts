// The database as Kysely sees it: one interface per table, composed here.
import type { AccountsTable } from "./accounts.ts";
import type { InstanceActivityTable } from "./instance-activity.ts";
import type { InstanceSettingsTable } from "./instance-settings.ts";
import type { RulesTable } from "./rules.ts";
import type { UsersTable } from "./users.ts";

export type { AccountsTable, ProfileField } from "./accounts.ts";
export type { InstanceActivityTable } from "./instance-activity.ts";
export type { InstanceSettingsTable } from "./instance-settings.ts";
export type { RulesTable } from "./rules.ts";
export type { UsersTable } from "./users.ts";

export interface Database {
  accounts: AccountsTable;
  instance_activity: InstanceActivityTable;
  instance_settings: InstanceSettingsTable;
  rules: RulesTable;
  users: UsersTable;
}
