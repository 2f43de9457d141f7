// 0026-preview-cards: link preview cards and which status shows which.

export type PreviewCardType = "link" | "photo" | "video" | "rich";

export interface PreviewCardsTable {
  id: string;
  url: string;
  title: string;
  description: string;
  type: PreviewCardType;
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  /** A sanitized https <iframe> from oEmbed (video/rich), or "". */
  html: string;
  width: number;
  height: number;
  /** The remote image, linked rather than downloaded. */
  image_url: string | null;
  embed_url: string;
  blurhash: string | null;
  language: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StatusCardsTable {
  status_id: string;
  card_id: string;
}
