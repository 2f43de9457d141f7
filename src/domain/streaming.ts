// Live events: the channel a timeline's events travel on and the message format. Channel
// names follow Mastodon's Redis channels, so the streaming API maps onto them one to one.
// A message names what changed (a status id); the streaming layer renders it per viewer.

export type StreamEventName =
  | "update"
  | "delete"
  | "notification"
  | "status.update"
  | "conversation"
  | "filters_changed"
  | "announcement"
  | "announcement.reaction"
  | "announcement.delete"
  | "notifications_merged";

export interface StreamMessage {
  event: StreamEventName;
  /** A status id for update/delete/status.update; otherwise what the event needs, as JSON. */
  payload: string;
}

export const channels = {
  home: (accountId: string) => `timeline:${accountId}`,
  notifications: (accountId: string) => `timeline:${accountId}:notifications`,
  list: (listId: string) => `timeline:list:${listId}`,
  direct: (accountId: string) => `timeline:direct:${accountId}`,
  public: (scope: "all" | "local" | "remote", onlyMedia: boolean) =>
    `timeline:public${scope === "all" ? "" : `:${scope}`}${onlyMedia ? ":media" : ""}`,
  hashtag: (name: string, local: boolean) =>
    `timeline:hashtag:${name.toLowerCase()}${local ? ":local" : ""}`,
  /** Mastodon's per-token system channel: `{"event":"kill"}` here closes the token's streams. */
  accessToken: (tokenId: string) => `timeline:access_token:${tokenId}`,
} as const;

export function encodeStreamMessage(message: StreamMessage): string {
  return JSON.stringify(message);
}
