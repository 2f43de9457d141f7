// The checks a post must pass, shared by posting and editing so both refuse the same things
// with Mastodon's messages: how many uploads, whether they exist and are ready, blank text,
// the length rule, and which language a post ends up in.
import { isLanguageCode } from "../../domain/languages.ts";
import { STATUS_LIMITS } from "../../domain/limits.ts";
import type { MediaRow } from "../../repos/media.ts";
import { tooLong } from "./compose.ts";

/** The ids asked for, each once; or Mastodon's message when there are too many. */
export function checkMediaCount(ids: readonly string[]): string | null {
  if (new Set(ids).size <= STATUS_LIMITS.maxMediaAttachments) return null;
  return `Validation failed: Cannot attach more than ${STATUS_LIMITS.maxMediaAttachments} files`;
}

/** Every id must be among the usable uploads found, and each must be processed. */
export function checkMediaFound(ids: readonly string[], found: readonly MediaRow[]): string | null {
  if (found.length !== ids.length) {
    const ok = new Set(found.map((m) => m.id));
    const missing = ids.filter((id) => !ok.has(id));
    return `Could not find media attachment(s) with ID(s): ${missing.join(", ")}`;
  }
  if (found.some((m) => m.processing !== "done"))
    return "Cannot attach files that have not finished processing. Try again in a moment!";
  return null;
}

/** A post may be only pictures (Mastodon allows an empty text with media); never too long. */
export function checkText(text: string, spoilerText: string, mediaCount: number): string | null {
  if (text.trim() === "" && mediaCount === 0) return "Validation failed: Text can't be blank";
  if (tooLong(text, spoilerText))
    return `Validation failed: Text character limit of ${STATUS_LIMITS.maxCharacters} exceeded`;
  return null;
}

/** An unknown or missing language falls back (Mastodon's locale cascade). */
export function pickLanguage<T>(asked: string | undefined, fallback: T): string | T {
  return asked !== undefined && isLanguageCode(asked) ? asked : fallback;
}
