// The database as Kysely sees it: one interface per table, composed here.
import type { AccountsTable } from "./accounts.ts";
import type { BookmarksTable, FavouritesTable, StatusPinsTable } from "./favourites.ts";
import type { InstanceActivityTable } from "./instance-activity.ts";
import type { InstanceSettingsTable } from "./instance-settings.ts";
import type { InvitesTable } from "./invites.ts";
import type { JobsTable } from "./jobs.ts";
import type { MediaAttachmentsTable } from "./media-attachments.ts";
import type {
  OAuthAccessGrantsTable,
  OAuthAccessTokensTable,
  OAuthApplicationsTable,
} from "./oauth.ts";
import type { PasswordResetsTable } from "./password-resets.ts";
import type {
  AccountNotesTable,
  AccountPinsTable,
  BlocksTable,
  FollowRequestsTable,
  FollowsTable,
  MutesTable,
} from "./relationships.ts";
import type { RulesTable } from "./rules.ts";
import type {
  IdempotencyKeysTable,
  MentionsTable,
  StatusesTable,
  StatusTagsTable,
  TagsTable,
} from "./statuses.ts";
import type { UserRecoveryCodesTable, UserTwoFactorTable } from "./two-factor.ts";
import type { UsersTable } from "./users.ts";
import type { WebSessionsTable } from "./web-sessions.ts";

export type { AccountsTable, ProfileField } from "./accounts.ts";
export type { BookmarksTable, FavouritesTable, StatusPinsTable } from "./favourites.ts";
export type { InstanceActivityTable } from "./instance-activity.ts";
export type { InstanceSettingsTable } from "./instance-settings.ts";
export type { InvitesTable } from "./invites.ts";
export type { JobsTable } from "./jobs.ts";
export type { MediaAttachmentsTable, MediaMeta, MediaSize } from "./media-attachments.ts";
export type {
  OAuthAccessGrantsTable,
  OAuthAccessTokensTable,
  OAuthApplicationsTable,
} from "./oauth.ts";
export type {
  AccountNotesTable,
  AccountPinsTable,
  BlocksTable,
  FollowRequestsTable,
  FollowsTable,
  MutesTable,
} from "./relationships.ts";
export type { RulesTable } from "./rules.ts";
export type {
  IdempotencyKeysTable,
  MentionsTable,
  StatusesTable,
  StatusTagsTable,
  TagsTable,
} from "./statuses.ts";
export type { UserRecoveryCodesTable, UserTwoFactorTable } from "./two-factor.ts";
export type { UsersTable } from "./users.ts";
export type { WebSessionsTable } from "./web-sessions.ts";

export interface Database {
  account_notes: AccountNotesTable;
  account_pins: AccountPinsTable;
  accounts: AccountsTable;
  blocks: BlocksTable;
  bookmarks: BookmarksTable;
  favourites: FavouritesTable;
  follow_requests: FollowRequestsTable;
  follows: FollowsTable;
  idempotency_keys: IdempotencyKeysTable;
  instance_activity: InstanceActivityTable;
  instance_settings: InstanceSettingsTable;
  invites: InvitesTable;
  jobs: JobsTable;
  media_attachments: MediaAttachmentsTable;
  mentions: MentionsTable;
  mutes: MutesTable;
  oauth_access_grants: OAuthAccessGrantsTable;
  oauth_access_tokens: OAuthAccessTokensTable;
  oauth_applications: OAuthApplicationsTable;
  password_resets: PasswordResetsTable;
  rules: RulesTable;
  status_pins: StatusPinsTable;
  status_tags: StatusTagsTable;
  statuses: StatusesTable;
  tags: TagsTable;
  user_recovery_codes: UserRecoveryCodesTable;
  user_two_factor: UserTwoFactorTable;
  users: UsersTable;
  web_sessions: WebSessionsTable;
}
