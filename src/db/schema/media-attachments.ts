// 0010-media: uploaded attachments, attached to a status once posted.
import type { ColumnType } from "kysely";

/** Mastodon's MetaDetails: sizes for pictures, time and rates for video and audio. */
export interface MediaSize {
  width?: number;
  height?: number;
  /** "640x480", as Mastodon writes it. */
  size?: string;
  aspect?: number;
  /** "30/1", as ffprobe reports it. */
  frame_rate?: string;
  /** Seconds. */
  duration?: number;
  /** Bits per second. */
  bitrate?: number;
}

export interface MediaMeta {
  original?: MediaSize;
  small?: MediaSize;
}

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface MediaAttachmentsTable {
  id: string;
  account_id: string;
  /** null until a status carries it. */
  status_id: Nullable<string>;
  /** 0018: held for a scheduled post until it is published (or cancelled). */
  scheduled_status_id: Nullable<string>;
  type: "image" | "gifv" | "video" | "audio" | "unknown";
  file_key: Nullable<string>;
  file_content_type: Nullable<string>;
  /** Bytes of the stored original (bigint: a decimal string on both databases). */
  file_size: Nullable<string>;
  preview_key: Nullable<string>;
  blurhash: Nullable<string>;
  /** Written as a JSON string, read back parsed. */
  meta: ColumnType<MediaMeta | null, string | null | undefined, string | null>;
  description: Nullable<string>;
  focus_x: Nullable<number>;
  focus_y: Nullable<number>;
  processing: "processing" | "done" | "failed";
  remote_url: Nullable<string>;
  created_at: string;
  updated_at: string;
}
