// The composer's text survives reloads, a closed tab and an expired session: every change is
// written to localStorage (per account), and only a successful post clears it. Each context
// has its own slot — a new post, a reply to one post, a quote of another — so starting a reply
// never overwrites another unsent text; "New post" picks up the most recent unsent draft.
import type { MediaAttachment, Status } from "../../api/types.ts";
import { initialState } from "../../state.ts";

export interface PollDraft {
  options: string[];
  expiresIn: number;
  multiple: boolean;
}

export interface Draft {
  text: string;
  spoiler: string;
  warning: boolean;
  visibility: string;
  language: string;
  media: MediaAttachment[];
  poll: PollDraft | null;
  /** The post answered or quoted, kept whole so the context shows after a reload. */
  replyTo: Status | null;
  quote: Status | null;
  /** datetime-local value, "" to post now. */
  scheduledAt: string;
  /** Sent as Idempotency-Key: a retried post after a lost answer is not posted twice. */
  key: string;
  /** A deleted post put back in the composer (delete & redraft): its own slot. */
  redraftOf?: string;
}

interface Stored {
  draft: Draft;
  savedAt: number;
}

const MAX_SLOTS = 20;
const storageKey = () => `hearth.drafts.${initialState?.me ?? "anonymous"}`;

export function newKey(): string {
  return crypto.randomUUID();
}

/** The slot of a draft: where it answers or quotes, or a new post. */
export function slotOf(draft: Pick<Draft, "replyTo" | "quote" | "redraftOf">): string {
  if (draft.redraftOf) return `redraft:${draft.redraftOf}`;
  if (draft.replyTo) return `reply:${draft.replyTo.id}`;
  if (draft.quote) return `quote:${draft.quote.id}`;
  return "new";
}

function readAll(): Record<string, Stored> {
  try {
    const raw = localStorage.getItem(storageKey());
    return raw === null ? {} : (JSON.parse(raw) as Record<string, Stored>);
  } catch {
    return {};
  }
}

function writeAll(all: Record<string, Stored>): void {
  try {
    const kept = Object.entries(all)
      .sort((a, b) => b[1].savedAt - a[1].savedAt)
      .slice(0, MAX_SLOTS);
    if (kept.length === 0) localStorage.removeItem(storageKey());
    else localStorage.setItem(storageKey(), JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Storage full or disabled: the draft lives only in the page.
  }
}

/** True when the draft holds something a person typed or attached. */
export function hasContent(draft: Draft): boolean {
  // A reply's mentions are filled in by the app: only what was typed besides them counts.
  const typed = draft.replyTo ? draft.text.replace(/(^|\s)@[\w.@-]+/g, "") : draft.text;
  return (
    typed.trim() !== "" ||
    draft.spoiler.trim() !== "" ||
    draft.media.length > 0 ||
    (draft.poll?.options.some((o) => o.trim() !== "") ?? false)
  );
}

export function loadDraft(slot: string): Draft | null {
  return readAll()[slot]?.draft ?? null;
}

/** The most recently changed unsent draft of any slot. */
export function latestDraft(): Draft | null {
  const all = Object.values(readAll()).sort((a, b) => b.savedAt - a.savedAt);
  return all.find((stored) => hasContent(stored.draft))?.draft ?? null;
}

/** Saves a draft in its slot (`previous`: the slot it had, if replying or quoting changed). */
export function saveDraft(draft: Draft, previous?: string): void {
  const all = readAll();
  if (previous !== undefined) delete all[previous];
  const slot = slotOf(draft);
  if (hasContent(draft)) all[slot] = { draft, savedAt: Date.now() };
  else delete all[slot];
  writeAll(all);
}

export function clearDraft(draft: Draft): void {
  const all = readAll();
  delete all[slotOf(draft)];
  writeAll(all);
}
