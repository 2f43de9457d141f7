// Custom emoji (:shortcode:) as images in sanitized HTML and in plain text (names).
import type { CustomEmoji } from "../api/types.ts";
import { escapeHtml } from "./format.ts";

function image(emoji: CustomEmoji): string {
  const code = escapeHtml(emoji.shortcode);
  return `<img class="custom-emoji" src="${escapeHtml(emoji.static_url)}" alt=":${code}:" title=":${code}:" width="20" height="20" draggable="false" />`;
}

/**
 * Replaces :shortcode: in server-sanitized HTML, outside tags only (a shortcode inside an
 * attribute stays text).
 */
export function emojifyHtml(html: string, emojis: CustomEmoji[]): string {
  if (emojis.length === 0) return html;
  const byCode = new Map(emojis.map((e) => [e.shortcode, e]));
  return html
    .split(/(<[^>]*>)/)
    .map((part) =>
      part.startsWith("<")
        ? part
        : part.replace(/:([a-zA-Z0-9_]+):/g, (whole, code: string) => {
            const emoji = byCode.get(code);
            return emoji === undefined ? whole : image(emoji);
          }),
    )
    .join("");
}

/** Plain text (a display name) → HTML with emoji images. */
export function emojifyText(text: string, emojis: CustomEmoji[]): string {
  return emojifyHtml(escapeHtml(text), emojis);
}
