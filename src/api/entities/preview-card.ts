// PreviewCard and TrendsLink — https://docs.joinmastodon.org/entities/PreviewCard/ and
// https://docs.joinmastodon.org/entities/PreviewCard/#trends-link
// Empty strings rather than nulls for the text fields, as Mastodon; the image is the remote
// URL (Hearth links it rather than storing a copy). `authors` repeats author_name/url as the
// single PreviewCardAuthor Mastodon 4.3 adds, without a local account.
import type { PreviewCardRow } from "../../repos/preview-cards.ts";
import type { TagHistory } from "./tag.ts";

export interface PreviewCardEntity {
  url: string;
  title: string;
  description: string;
  type: string;
  authors: { name: string; url: string; account: null }[];
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
  image: string | null;
  image_description: string;
  embed_url: string;
  blurhash: string | null;
  language: string | null;
  published_at: string | null;
}

export interface TrendsLinkEntity extends PreviewCardEntity {
  history: TagHistory[];
}

export function toPreviewCard(card: PreviewCardRow): PreviewCardEntity {
  return {
    url: card.url,
    title: card.title,
    description: card.description,
    type: card.type,
    authors:
      card.author_name === "" && card.author_url === ""
        ? []
        : [{ name: card.author_name, url: card.author_url, account: null }],
    author_name: card.author_name,
    author_url: card.author_url,
    provider_name: card.provider_name,
    provider_url: card.provider_url,
    html: card.html,
    width: Number(card.width),
    height: Number(card.height),
    image: card.image_url,
    image_description: "",
    embed_url: card.embed_url,
    blurhash: card.blurhash,
    language: card.language,
    published_at: card.published_at,
  };
}

export function toTrendsLink(
  card: PreviewCardRow,
  history: { day: number; uses: number; accounts: number }[],
): TrendsLinkEntity {
  return {
    ...toPreviewCard(card),
    history: history.map((h) => ({
      day: String(h.day),
      uses: String(h.uses),
      accounts: String(h.accounts),
    })),
  };
}
