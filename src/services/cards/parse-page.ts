// What a fetched page says about itself: OpenGraph and Twitter meta tags, <title>,
// <meta name=description>, <html lang> and an oEmbed discovery link, read with an HTML parser
// (never regular expressions over HTML). Pure: fetch-card.ts does the fetching.
import { Parser } from "htmlparser2";

export interface PageMeta {
  title: string;
  description: string;
  image: string | null;
  siteName: string;
  type: string;
  language: string | null;
  publishedAt: string | null;
  authorName: string;
  /** An oEmbed JSON endpoint the page advertises, absolute. */
  oembedUrl: string | null;
}

function absolute(href: string | undefined, base: string): string | null {
  if (href === undefined || href.trim() === "") return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export function parsePage(html: string, pageUrl: string): PageMeta {
  const meta = new Map<string, string>();
  let title = "";
  let inTitle = false;
  let inHead = true;
  let lang: string | null = null;
  let oembed: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "html" && attrs.lang) lang = attrs.lang;
        if (name === "body") inHead = false;
        if (name === "title" && title === "") inTitle = true;
        if (name === "meta") {
          const key = (attrs.property ?? attrs.name ?? "").toLowerCase();
          const content = attrs.content;
          if (key !== "" && content !== undefined && !meta.has(key)) meta.set(key, content.trim());
        }
        if (name === "link" && inHead && oembed === null) {
          const rel = (attrs.rel ?? "").toLowerCase().split(/\s+/);
          if (rel.includes("alternate") && attrs.type === "application/json+oembed")
            oembed = absolute(attrs.href, pageUrl);
        }
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const first = (...keys: string[]) => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v !== undefined && v !== "") return v;
    }
    return "";
  };
  const published = first("article:published_time");
  const language = first("og:locale").replace("_", "-") || (lang as string | null);
  return {
    title: first("og:title", "twitter:title") || title.replace(/\s+/g, " ").trim(),
    description: first("og:description", "twitter:description", "description"),
    image: absolute(
      first("og:image", "og:image:url", "twitter:image", "twitter:image:src"),
      pageUrl,
    ),
    siteName: first("og:site_name"),
    type: first("og:type"),
    language: language === "" ? null : (language?.split("-")[0]?.toLowerCase() ?? null),
    publishedAt:
      published !== "" && !Number.isNaN(Date.parse(published))
        ? new Date(published).toISOString()
        : null,
    authorName: first("author", "article:author"),
    oembedUrl: oembed,
  };
}

/** True when the page gave nothing to show (Mastodon makes no card for it). */
export function isEmptyMeta(meta: PageMeta): boolean {
  return meta.title === "" && meta.description === "" && meta.oembedUrl === null;
}
