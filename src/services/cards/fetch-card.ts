// The status.fetch-card job: the preview card of a post's first link (Mastodon's
// FetchLinkCardService). Posts with media or a poll get none, as Mastodon. A URL is fetched
// once and its card shared by every post linking it until it is CARD_TTL_MS old. Every
// request goes through lib/safe-fetch.ts (public addresses only, redirects re-checked, size
// and time caps); a page that cannot be fetched or says nothing about itself gets no card,
// and the job does not retry (a stranger's slow server must not fill the queue).
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../../context.ts";
import { SafeFetchError, type SafeFetchOptions, safeFetch } from "../../lib/safe-fetch.ts";
import { findMediaOfStatuses } from "../../repos/media.ts";
import {
  findCardByUrl,
  linkStatusCard,
  type PreviewCardRow,
  saveCard,
} from "../../repos/preview-cards.ts";
import { findStatusById } from "../../repos/statuses.ts";
import { type OEmbedCard, parseOEmbed } from "./oembed.ts";
import { isEmptyMeta, parsePage } from "./parse-page.ts";
import { firstCardLink } from "./status-link.ts";

/** A card this fresh is reused rather than fetched again (Mastodon: two weeks). */
export const CARD_TTL_MS = 14 * 86_400_000;

const logger = getLogger(["hearth", "cards"]);

function header(headers: Record<string, string | string[] | undefined>, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.toLowerCase() ?? "";
}

async function fetchOEmbed(url: string, options: SafeFetchOptions): Promise<OEmbedCard | null> {
  try {
    const res = await safeFetch(url, {
      ...options,
      headers: { accept: "application/json" },
      maxBytes: 64 * 1024,
    });
    if (res.status < 200 || res.status >= 300) return null;
    return parseOEmbed(JSON.parse(res.body.toString("utf8")));
  } catch {
    // A broken endpoint leaves the OpenGraph card.
    return null;
  }
}

type CardFields = Omit<PreviewCardRow, "id" | "created_at" | "updated_at">;

/** The card of `url` from its page (and oEmbed), or null when there is nothing to show. */
export async function buildCard(
  url: string,
  options: SafeFetchOptions = {},
): Promise<CardFields | null> {
  const res = await safeFetch(url, {
    ...options,
    headers: { accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1" },
  });
  if (res.status < 200 || res.status >= 300) return null;
  if (!/html/.test(header(res.headers, "content-type"))) return null;
  // UTF-8 only: pages in other charsets lose their accents, not their card.
  const meta = parsePage(res.body.toString("utf8"), res.url);
  if (isEmptyMeta(meta)) return null;
  const oembed = meta.oembedUrl === null ? null : await fetchOEmbed(meta.oembedUrl, options);
  const title = oembed?.title || meta.title;
  if (title === "" && (oembed?.html ?? "") === "") return null;
  return {
    url,
    title: title.slice(0, 1000),
    description: meta.description.slice(0, 2000),
    type: oembed?.type ?? "link",
    author_name: (oembed?.authorName || meta.authorName).slice(0, 500),
    author_url: oembed?.authorUrl ?? "",
    provider_name: (oembed?.providerName || meta.siteName).slice(0, 500),
    provider_url: oembed?.providerUrl ?? "",
    html: oembed?.html ?? "",
    width: oembed?.width ?? 0,
    height: oembed?.height ?? 0,
    image_url: oembed?.image ?? meta.image,
    embed_url: "",
    blurhash: null,
    language: meta.language,
    published_at: meta.publishedAt,
  };
}

export async function fetchStatusCard(
  ctx: AppContext,
  statusId: string,
  options: SafeFetchOptions = {},
): Promise<void> {
  const status = await findStatusById(ctx.db, statusId);
  if (status === undefined || status.deleted_at !== null || status.reblog_of_id !== null) return;
  if (status.poll_id !== null) return;
  if ((await findMediaOfStatuses(ctx.db, [statusId])).length > 0) return;
  const url = firstCardLink(status.content);
  if (url === null) return;
  const now = ctx.clock.now();
  const existing = await findCardByUrl(ctx.db, url);
  if (existing !== undefined && now.getTime() - Date.parse(existing.updated_at) < CARD_TTL_MS) {
    await linkStatusCard(ctx.db, statusId, String(existing.id));
    return;
  }
  let fields: CardFields | null;
  try {
    fields = await buildCard(url, options);
  } catch (error) {
    if (!(error instanceof SafeFetchError)) throw error;
    logger.info("No preview card for {url}: {code}", { url, code: error.code });
    fields = null;
  }
  // A stale card whose page no longer answers stays as it was.
  if (fields === null) {
    if (existing !== undefined) await linkStatusCard(ctx.db, statusId, String(existing.id));
    return;
  }
  const at = now.toISOString();
  const cardId = await saveCard(ctx.db, {
    ...fields,
    id: existing?.id ?? ctx.newId(),
    created_at: existing?.created_at ?? at,
    updated_at: at,
  });
  await linkStatusCard(ctx.db, statusId, cardId);
}
