// The API's entities, as the server's own serializers declare them (type-only imports: the
// web app shares no code with the server, only these shapes).
export type { Account, CustomEmoji, Field } from "../../../src/api/entities/account.ts";
export type { CredentialAccount } from "../../../src/api/entities/credential-account.ts";
export type { Instance } from "../../../src/api/entities/instance.ts";
export type { ListEntity as List } from "../../../src/api/entities/list.ts";
export type { MediaAttachmentEntity as MediaAttachment } from "../../../src/api/entities/media-attachment.ts";
export type {
  GroupedNotificationsResults,
  Notification,
  NotificationGroup,
} from "../../../src/api/entities/notification.ts";
export type { PollEntity as Poll } from "../../../src/api/entities/poll.ts";
export type { PreviewCardEntity as PreviewCard } from "../../../src/api/entities/preview-card.ts";
export type { QuoteEntity as Quote } from "../../../src/api/entities/quote.ts";
export type { Relationship } from "../../../src/api/entities/relationship.ts";
export type { ScheduledStatusEntity as ScheduledStatus } from "../../../src/api/entities/scheduled-status.ts";
export type { Status, StatusMention, StatusTag } from "../../../src/api/entities/status.ts";
export type {
  StatusEditEntity as StatusEdit,
  StatusSourceEntity as StatusSource,
} from "../../../src/api/entities/status-edit.ts";
export type { Tag } from "../../../src/api/entities/tag.ts";
