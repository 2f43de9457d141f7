// Edit history — https://docs.joinmastodon.org/methods/statuses/#history
// Whoever may see the status may read its history (domain/visibility.ts); anyone else gets
// not found. Revisions oldest first: the original, then each edit, each with the media it
// showed (descriptions and focal points as they were then). A post never edited has one
// revision, its current version, as Mastodon answers. Uploads an edit let go are shown while
// they exist; once the orphan cleanup has removed them, older revisions lose them.
// A fixed number of queries whatever the length of the history (custom emoji of every revision
// and of the accounts in one).
import type { AppContext } from "../../context.ts";
import type { EditMediaSnapshot } from "../../db/schema/index.ts";
import type { EmojiRow } from "../../repos/custom-emojis.ts";
import { findMediaOfStatuses, type MediaRow } from "../../repos/media.ts";
import { findPollOfStatus } from "../../repos/polls.ts";
import { findAccountsByIds } from "../../repos/profiles.ts";
import { findEditsOf, findMediaByIds } from "../../repos/status-edits.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import { accountEmojiSource, loadEmojis } from "../emojis/load-emojis.ts";
import { type LoadedAccount, withRoles } from "../profiles/load-accounts.ts";

export interface Revision {
  content: string;
  spoilerText: string;
  sensitive: boolean;
  createdAt: string;
  account: LoadedAccount;
  /** The rows with the description and focus this revision had. */
  media: MediaRow[];
  /** Custom emoji in this revision's text and content warning. */
  emojis: EmojiRow[];
  /** The poll's option titles at this revision (null: no poll). */
  pollOptions: string[] | null;
}

export async function statusHistory(
  ctx: AppContext,
  viewerId: string | null,
  statusId: string,
): Promise<Revision[] | undefined> {
  const [status] = await findVisibleStatuses(ctx.db, [statusId], viewerId);
  if (status === undefined) return undefined;
  const edits = await findEditsOf(ctx.db, statusId);
  const accountIds = new Set([status.account_id, ...edits.map((e) => e.account_id)]);
  const accountRows = await findAccountsByIds(ctx.db, [...accountIds]);
  const accounts = await withRoles(ctx, accountRows, { emojis: false });
  const byId = new Map(accounts.map((a) => [a.account.id, a]));
  const author = byId.get(status.account_id);
  if (author === undefined) return undefined;
  const revisions = edits.length === 0 ? [status] : edits;
  const emojis = await loadEmojis(ctx, [
    ...revisions.map((r) => ({
      domain: author.account.domain,
      texts: [status.local ? r.text : r.content, r.spoiler_text],
    })),
    ...accountRows.map(accountEmojiSource),
  ]);
  for (const [i, row] of accountRows.entries()) {
    const loaded = byId.get(row.id);
    if (loaded !== undefined) loaded.emojis = emojis[revisions.length + i] ?? [];
  }

  if (edits.length === 0) {
    return [
      {
        content: status.content,
        spoilerText: status.spoiler_text,
        sensitive: Boolean(status.sensitive),
        createdAt: status.edited_at ?? status.created_at,
        account: author,
        media: await findMediaOfStatuses(ctx.db, [statusId]),
        emojis: emojis[0] ?? [],
        pollOptions: (await findPollOfStatus(ctx.db, statusId))?.options ?? null,
      },
    ];
  }
  const media = await findMediaByIds(ctx.db, [
    ...new Set(edits.flatMap((e) => e.media.map((m) => m.id))),
  ]);
  const mediaById = new Map(media.map((m) => [m.id, m]));
  return edits.map((e, i) => ({
    content: e.content,
    spoilerText: e.spoiler_text,
    sensitive: Boolean(e.sensitive),
    createdAt: e.created_at,
    account: byId.get(e.account_id) ?? author,
    media: e.media.flatMap((snap) => asItWas(mediaById.get(snap.id), snap)),
    emojis: emojis[i] ?? [],
    pollOptions: e.poll_options,
  }));
}

function asItWas(row: MediaRow | undefined, snap: EditMediaSnapshot): MediaRow[] {
  if (row === undefined) return [];
  return [
    {
      ...row,
      description: snap.description,
      focus_x: snap.focus?.x ?? null,
      focus_y: snap.focus?.y ?? null,
    },
  ];
}
