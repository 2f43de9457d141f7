// What the hashtag use cases share: reading a tag name from a path or a form as Mastodon does,
// and loading tags for display — their last seven days of use and the viewer's flags — with a
// fixed number of queries however many tags a page holds.
import type { AppContext } from "../../context.ts";
import { idForTime } from "../../domain/id.ts";
import { isValidTagName, normalizeTagName } from "../../domain/tags.ts";
import { countTagUses, findTagFlags, type TagRow } from "../../repos/tags.ts";

/** Mastodon's Tag history covers today and the six days before, newest first. */
export const HISTORY_DAYS = 7;
const DAY_MS = 86_400_000;

/** A tag as clients see it; `id` is null for a valid name nobody has used yet (as Mastodon). */
export interface TagRef {
  id: string | null;
  /** The lookup key: NFKC, lower case. */
  name: string;
  /** As first written. */
  displayName: string;
}

export interface TagDay {
  /** Midnight UTC starting the day, in seconds. */
  day: number;
  uses: number;
  accounts: number;
}

export interface LoadedTag extends TagRef {
  history: TagDay[];
  /** Only for a signed-in viewer. */
  following?: boolean;
  featuring?: boolean;
}

/** A name from the API, or null when it cannot name a tag. */
export function parseTagName(raw: string): { name: string; displayName: string } | null {
  if (!isValidTagName(raw)) return null;
  return { name: normalizeTagName(raw), displayName: raw };
}

export function tagRef(row: TagRow): TagRef {
  return { id: String(row.id), name: row.name, displayName: row.display_name };
}

/** History and, with a viewer, following / featuring for every tag: two queries at most. */
export async function loadTags(
  ctx: AppContext,
  tags: readonly TagRef[],
  viewerId: string | null,
): Promise<LoadedTag[]> {
  const today = Math.floor(ctx.clock.now().getTime() / DAY_MS) * DAY_MS;
  const starts = Array.from(
    { length: HISTORY_DAYS },
    (_, i) => today - (HISTORY_DAYS - 1 - i) * DAY_MS,
  );
  const boundaries = [...starts, today + DAY_MS].map((ms) => new Date(ms).toISOString());
  const ids = tags.flatMap((t) => (t.id === null ? [] : [t.id]));
  const [uses, flags] = await Promise.all([
    countTagUses(ctx.db, ids, boundaries, idForTime(new Date(starts[0] as number))),
    viewerId === null ? undefined : findTagFlags(ctx.db, viewerId, ids),
  ]);
  const counted = new Map(uses.map((u) => [`${u.tagId}:${u.day}`, u]));
  return tags.map((tag) => {
    const history = starts
      .map((start, i) => {
        const use = tag.id === null ? undefined : counted.get(`${tag.id}:${i}`);
        return { day: start / 1000, uses: use?.uses ?? 0, accounts: use?.accounts ?? 0 };
      })
      .reverse();
    if (flags === undefined) return { ...tag, history };
    const known = tag.id !== null;
    return {
      ...tag,
      history,
      following: known && flags.following.has(tag.id as string),
      featuring: known && flags.featuring.has(tag.id as string),
    };
  });
}
