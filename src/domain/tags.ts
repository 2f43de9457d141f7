// Hashtag names: which strings can name a tag, and the key two spellings share. The same rules
// as posting (domain/text/tokenize.ts finds hashtags, services/statuses/compose.ts keys them),
// so `#Café` in a post and /api/v1/tags/CAFÉ reach the same tag.
import { STATUS_LIMITS } from "./limits.ts";
import { tokenize } from "./text/tokenize.ts";

/**
 * A name is valid when `#name` is exactly one hashtag (letters, digits, `_`, one letter at
 * least). No longer than a post: a longer one cannot be written here, and following or
 * featuring must not store names of any size.
 */
export function isValidTagName(name: string): boolean {
  if (name === "" || name.length > STATUS_LIMITS.maxCharacters) return false;
  const tokens = tokenize(`#${name}`);
  const only = tokens[0];
  return tokens.length === 1 && only?.type === "hashtag" && only.name === name;
}

/** The lookup key of a tag (tags.name): NFKC, lower case — as posts store it. */
export function normalizeTagName(name: string): string {
  return name.normalize("NFKC").toLowerCase();
}
