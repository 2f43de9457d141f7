// An oEmbed answer (https://oembed.com/) turned into card fields. Mastodon keeps the
// provider's `html` for video and rich cards; Hearth keeps it only when it is a single
// <iframe> with an https src, rebuilt from scratch so no other markup or attribute survives.
import { Parser } from "htmlparser2";
import type { PreviewCardType } from "../../db/schema/index.ts";

export interface OEmbedCard {
  type: PreviewCardType;
  title: string;
  authorName: string;
  authorUrl: string;
  providerName: string;
  providerUrl: string;
  html: string;
  width: number;
  height: number;
  image: string | null;
}

const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const int = (v: unknown) => {
  const n = typeof v === "string" ? Number.parseInt(v, 10) : typeof v === "number" ? v : 0;
  return Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 10_000) : 0;
};
const httpUrl = (v: unknown): string => {
  try {
    const url = new URL(str(v));
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : "";
  } catch {
    return "";
  }
};
const escapeAttr = (v: string) =>
  v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The iframe of an oEmbed `html`, rebuilt; "" unless it is exactly one https iframe. */
export function sanitizeEmbedHtml(html: string, width: number, height: number): string {
  const iframes: Record<string, string>[] = [];
  let other = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "iframe") iframes.push(attrs);
        else other = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const frame = iframes[0];
  if (other || iframes.length !== 1 || frame === undefined) return "";
  let src: URL;
  try {
    src = new URL(frame.src ?? "");
  } catch {
    return "";
  }
  if (src.protocol !== "https:") return "";
  const size = `${width > 0 ? ` width="${width}"` : ""}${height > 0 ? ` height="${height}"` : ""}`;
  return `<iframe src="${escapeAttr(src.toString())}"${size} frameborder="0" allowfullscreen="true" sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms"></iframe>`;
}

/** Card fields from the oEmbed JSON, or null when it is not a usable answer. */
export function parseOEmbed(json: unknown): OEmbedCard | null {
  if (typeof json !== "object" || json === null) return null;
  const o = json as Record<string, unknown>;
  const kind = str(o.type);
  if (kind !== "photo" && kind !== "video" && kind !== "rich" && kind !== "link") return null;
  const width = int(o.width);
  const height = int(o.height);
  const html =
    kind === "video" || kind === "rich" ? sanitizeEmbedHtml(str(o.html), width, height) : "";
  // A video or rich answer whose embed we refuse degrades to a link card.
  const type: PreviewCardType =
    (kind === "video" || kind === "rich") && html === "" ? "link" : kind;
  const image = kind === "photo" ? httpUrl(o.url) : httpUrl(o.thumbnail_url);
  return {
    type,
    title: str(o.title),
    authorName: str(o.author_name),
    authorUrl: httpUrl(o.author_url),
    providerName: str(o.provider_name),
    providerUrl: httpUrl(o.provider_url),
    html,
    width: type === "link" ? 0 : width,
    height: type === "link" ? 0 : height,
    image: image === "" ? null : image,
  };
}
