// Plain text an administrator typed, made into the HTML Mastodon's entities carry (extended
// description, privacy policy, terms of service, the closed-registrations message).
// Everything is escaped: settings are plain text, never markup.

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);
}

/**
 * Paragraphs separated by blank lines become `<p>`s; single line breaks inside one become
 * `<br>`. Empty text gives "".
 */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map(
      (paragraph) =>
        `<p>${paragraph
          .split(/[ \t]*\n[ \t]*/)
          .map(escapeHtml)
          .join("<br>")}</p>`,
    )
    .join("");
}
