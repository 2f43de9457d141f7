// The database as Kysely sees it: one interface per table, composed here.
import type { AccountsTable } from "./accounts.ts";
import type { AccountArchivesTable } from "./archives.ts";
import type { ConversationMutesTable, ConversationsTable } from "./conversations.ts";
import type { AccountDomainBlocksTable, CustomEmojisTable } from "./domain-blocks-emoji.ts";
import type { BookmarksTable, FavouritesTable, StatusPinsTable } from "./favourites.ts";
import type { AccountKeysTable, FedifyKvTable } from "./federation.ts";
import type { FeedEntriesTable } from "./feeds.ts";
import type { InstanceActivityTable } from "./instance-activity.ts";
import type {
  InstanceDomainAllowsTable,
  InstanceDomainBlocksTable,
} from "./instance-domain-blocks.ts";
import type { InstanceSettingsTable } from "./instance-settings.ts";
import type { InvitesTable } from "./invites.ts";
import type { JobsTable } from "./jobs.ts";
import type {
  AccountConversationsTable,
  CustomFilterKeywordsTable,
  CustomFilterStatusesTable,
  CustomFiltersTable,
  ListAccountsTable,
  ListsTable,
  MarkersTable,
} from "./lists-filters.ts";
import type { MediaAttachmentsTable } from "./media-attachments.ts";
import type {
  NotificationPermissionsTable,
  NotificationPoliciesTable,
  NotificationRequestsTable,
  NotificationsTable,
} from "./notifications.ts";
import type {
  OAuthAccessGrantsTable,
  OAuthAccessTokensTable,
  OAuthApplicationsTable,
} from "./oauth.ts";
import type { PasswordResetsTable } from "./password-resets.ts";
import type { PollsTable, PollVotesTable, ScheduledStatusesTable } from "./polls-scheduled.ts";
import type { PreviewCardsTable, StatusCardsTable } from "./preview-cards.ts";
import type { PushSubscriptionsTable } from "./push-subscriptions.ts";
import type { QuotesTable } from "./quotes.ts";
import type {
  AccountNotesTable,
  AccountPinsTable,
  BlocksTable,
  FollowRequestsTable,
  FollowsTable,
  MutesTable,
} from "./relationships.ts";
import type { AccountAliasesTable, AccountMigrationsTable, ReportsTable } from "./reports-moves.ts";
import type { RulesTable } from "./rules.ts";
import type { SuggestionDismissalsTable, TrendsTable } from "./search-trends.ts";
import type { StatusEditsTable } from "./status-edits.ts";
import type {
  IdempotencyKeysTable,
  MentionsTable,
  StatusesTable,
  StatusTagsTable,
  TagsTable,
} from "./statuses.ts";
import type { FeaturedTagsTable, TagFollowsTable } from "./tags.ts";
import type { StatusReplyFetchesTable } from "./thread-fetches.ts";
import type { UserRecoveryCodesTable, UserTwoFactorTable } from "./two-factor.ts";
import type { UsersTable } from "./users.ts";
import type { WebSessionsTable } from "./web-sessions.ts";

export type { AccountsTable, ProfileField } from "./accounts.ts";
export type { AccountArchivesTable } from "./archives.ts";
export type { ConversationMutesTable, ConversationsTable } from "./conversations.ts";
export type { AccountDomainBlocksTable, CustomEmojisTable } from "./domain-blocks-emoji.ts";
export type { BookmarksTable, FavouritesTable, StatusPinsTable } from "./favourites.ts";
export type { AccountKeysTable, FedifyKvTable } from "./federation.ts";
export type { FeedEntriesTable } from "./feeds.ts";
export type { InstanceActivityTable } from "./instance-activity.ts";
export type {
  DomainBlockSeverity,
  InstanceDomainAllowsTable,
  InstanceDomainBlocksTable,
} from "./instance-domain-blocks.ts";
export type { InstanceSettingsTable } from "./instance-settings.ts";
export type { InvitesTable } from "./invites.ts";
export type { JobsTable } from "./jobs.ts";
export type {
  AccountConversationsTable,
  CustomFilterKeywordsTable,
  CustomFilterStatusesTable,
  CustomFiltersTable,
  ListAccountsTable,
  ListsTable,
  MarkersTable,
} from "./lists-filters.ts";
export type { MediaAttachmentsTable, MediaMeta, MediaSize } from "./media-attachments.ts";
export type {
  NotificationPermissionsTable,
  NotificationPoliciesTable,
  NotificationRequestsTable,
  NotificationsTable,
} from "./notifications.ts";
export type {
  OAuthAccessGrantsTable,
  OAuthAccessTokensTable,
  OAuthApplicationsTable,
} from "./oauth.ts";
export type {
  PollsTable,
  PollVotesTable,
  ScheduledStatusesTable,
  ScheduledStatusParams,
} from "./polls-scheduled.ts";
export type { PreviewCardsTable, PreviewCardType, StatusCardsTable } from "./preview-cards.ts";
export type { PushSubscriptionsTable } from "./push-subscriptions.ts";
export type { QuotesTable } from "./quotes.ts";
export type {
  AccountNotesTable,
  AccountPinsTable,
  BlocksTable,
  FollowRequestsTable,
  FollowsTable,
  MutesTable,
} from "./relationships.ts";
export type {
  AccountAliasesTable,
  AccountMigrationsTable,
  ReportsTable,
} from "./reports-moves.ts";
export type { RulesTable } from "./rules.ts";
export type {
  SuggestionDismissalsTable,
  TrendKind,
  TrendReview,
  TrendsTable,
} from "./search-trends.ts";
export type { EditMediaSnapshot, StatusEditsTable } from "./status-edits.ts";
export type {
  IdempotencyKeysTable,
  MentionsTable,
  StatusesTable,
  StatusTagsTable,
  TagsTable,
} from "./statuses.ts";
export type { FeaturedTagsTable, TagFollowsTable } from "./tags.ts";
export type { StatusReplyFetchesTable } from "./thread-fetches.ts";
export type { UserRecoveryCodesTable, UserTwoFactorTable } from "./two-factor.ts";
export type { UsersTable } from "./users.ts";
export type { WebSessionsTable } from "./web-sessions.ts";

export interface Database {
  account_conversations: AccountConversationsTable;
  account_domain_blocks: AccountDomainBlocksTable;
  account_keys: AccountKeysTable;
  account_notes: AccountNotesTable;
  account_pins: AccountPinsTable;
  account_aliases: AccountAliasesTable;
  account_archives: AccountArchivesTable;
  account_migrations: AccountMigrationsTable;
  accounts: AccountsTable;
  blocks: BlocksTable;
  bookmarks: BookmarksTable;
  conversation_mutes: ConversationMutesTable;
  conversations: ConversationsTable;
  custom_emojis: CustomEmojisTable;
  custom_filter_keywords: CustomFilterKeywordsTable;
  custom_filter_statuses: CustomFilterStatusesTable;
  custom_filters: CustomFiltersTable;
  favourites: FavouritesTable;
  feed_entries: FeedEntriesTable;
  fedify_kv: FedifyKvTable;
  featured_tags: FeaturedTagsTable;
  follow_requests: FollowRequestsTable;
  follows: FollowsTable;
  idempotency_keys: IdempotencyKeysTable;
  instance_activity: InstanceActivityTable;
  instance_settings: InstanceSettingsTable;
  instance_domain_blocks: InstanceDomainBlocksTable;
  instance_domain_allows: InstanceDomainAllowsTable;
  invites: InvitesTable;
  jobs: JobsTable;
  list_accounts: ListAccountsTable;
  lists: ListsTable;
  markers: MarkersTable;
  media_attachments: MediaAttachmentsTable;
  mentions: MentionsTable;
  mutes: MutesTable;
  notification_permissions: NotificationPermissionsTable;
  notification_policies: NotificationPoliciesTable;
  notification_requests: NotificationRequestsTable;
  notifications: NotificationsTable;
  oauth_access_grants: OAuthAccessGrantsTable;
  oauth_access_tokens: OAuthAccessTokensTable;
  oauth_applications: OAuthApplicationsTable;
  password_resets: PasswordResetsTable;
  poll_votes: PollVotesTable;
  polls: PollsTable;
  preview_cards: PreviewCardsTable;
  push_subscriptions: PushSubscriptionsTable;
  quotes: QuotesTable;
  reports: ReportsTable;
  rules: RulesTable;
  scheduled_statuses: ScheduledStatusesTable;
  status_cards: StatusCardsTable;
  status_edits: StatusEditsTable;
  status_pins: StatusPinsTable;
  status_reply_fetches: StatusReplyFetchesTable;
  status_tags: StatusTagsTable;
  statuses: StatusesTable;
  suggestion_dismissals: SuggestionDismissalsTable;
  tag_follows: TagFollowsTable;
  tags: TagsTable;
  trends: TrendsTable;
  user_recovery_codes: UserRecoveryCodesTable;
  user_two_factor: UserTwoFactorTable;
  users: UsersTable;
  web_sessions: WebSessionsTable;
}
