// The composer's state: a draft (saved to localStorage as it changes, unless editing a post),
// uploads in flight, and submitting (post, scheduled post or edit).
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../../api/client.ts";
import type { MediaAttachment, Status } from "../../api/types.ts";
import type { ComposeRequest } from "../../compose-state.ts";
import { me } from "../../session.ts";
import { statusCreated, statusUpdated } from "../../status-events.ts";
import { errorMessage } from "../use-request.ts";
import {
  clearDraft,
  type Draft,
  hasContent,
  latestDraft,
  loadDraft,
  newKey,
  saveDraft,
  slotOf,
} from "./drafts.ts";
import type { UploadItem } from "./media-editor.tsx";
import { uploadMedia, waitProcessed } from "./upload.ts";

const VISIBILITY_ORDER = ["public", "unlisted", "private", "direct"];

function emptyDraft(): Draft {
  const source = me.get()?.source;
  return {
    text: "",
    spoiler: "",
    warning: false,
    visibility: source?.privacy ?? "public",
    language: source?.language ?? navigator.language.slice(0, 2),
    media: [],
    poll: null,
    replyTo: null,
    quote: null,
    scheduledAt: "",
    key: newKey(),
  };
}

/** The draft a request starts from; `restored` when a saved draft was picked up. */
function startDraft(request: ComposeRequest): { draft: Draft; restored: boolean } {
  const base = emptyDraft();
  if (request.edit) {
    const { status, text, spoiler } = request.edit;
    return {
      draft: {
        ...base,
        text,
        spoiler,
        warning: spoiler !== "",
        visibility: status.visibility,
        language: status.language ?? base.language,
        media: status.media_attachments,
      },
      restored: false,
    };
  }
  const reply = request.replyTo;
  if (reply) {
    const saved = loadDraft(slotOf({ replyTo: reply, quote: null }));
    if (saved !== null) return { draft: saved, restored: hasContent(saved) };
    const self = me.get()?.acct;
    const mentions = [reply.account.acct, ...reply.mentions.map((m) => m.acct)]
      .filter((acct, i, all) => acct !== self && all.indexOf(acct) === i)
      .map((acct) => `@${acct} `)
      .join("");
    const narrowest = Math.max(
      VISIBILITY_ORDER.indexOf(base.visibility),
      VISIBILITY_ORDER.indexOf(reply.visibility),
    );
    return {
      draft: {
        ...base,
        text: mentions,
        spoiler: reply.spoiler_text,
        warning: reply.spoiler_text !== "",
        visibility: VISIBILITY_ORDER[narrowest] ?? base.visibility,
        replyTo: reply,
      },
      restored: false,
    };
  }
  if (request.quote) {
    const saved = loadDraft(slotOf({ replyTo: null, quote: request.quote }));
    if (saved !== null) return { draft: saved, restored: hasContent(saved) };
    return { draft: { ...base, quote: request.quote }, restored: false };
  }
  if (request.text !== undefined || request.media !== undefined) {
    return {
      draft: {
        ...base,
        text: request.text ?? "",
        spoiler: request.spoiler ?? "",
        warning: (request.spoiler ?? "") !== "",
        visibility: request.visibility ?? base.visibility,
        media: request.media ?? [],
        ...(request.redraftOf === undefined ? {} : { redraftOf: request.redraftOf }),
      },
      restored: false,
    };
  }
  // "New post" picks up the most recent unsent draft, whatever it answered.
  const saved = latestDraft();
  if (saved !== null) return { draft: saved, restored: true };
  return { draft: base, restored: false };
}

function toItem(media: MediaAttachment): UploadItem {
  return {
    key: media.id,
    name: media.description || media.type,
    progress: 100,
    error: null,
    media,
    localUrl: null,
  };
}

export function useCompose(
  request: ComposeRequest,
  onDone: (result: "posted" | "scheduled") => void,
) {
  const initial = useRef(startDraft(request));
  const [draft, setDraftState] = useState<Draft>(initial.current.draft);
  const [uploads, setUploads] = useState<UploadItem[]>(initial.current.draft.media.map(toItem));
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const editing = request.edit?.status ?? null;

  // Saved at each keystroke, synchronously: closing the dialog or the tab right after typing
  // must not lose the last characters (an effect would run a frame later, or never).
  const current = useRef(draft);
  const setDraft = (change: Partial<Draft>) => {
    const previous = current.current;
    const next = { ...previous, ...change };
    current.current = next;
    if (editing === null) saveDraft(next, slotOf(previous));
    setDraftState(next);
  };

  // Attached media live in `uploads`; the draft keeps the finished ones.
  useEffect(() => {
    const media = uploads.flatMap((u) => (u.media === null ? [] : [u.media]));
    const same = (a: MediaAttachment[], b: MediaAttachment[]) =>
      a.length === b.length && a.every((m, i) => m === b[i]);
    if (!same(media, current.current.media)) setDraft({ media });
  }, [uploads]);

  const updateItem = (key: string, change: Partial<UploadItem>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const addFiles = (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const key = newKey();
      const localUrl = file.type.startsWith("image/") ? URL.createObjectURL(file) : null;
      setUploads((list) => [
        ...list,
        { key, name: file.name, progress: 0, error: null, media: null, localUrl },
      ]);
      uploadMedia(file, (progress) => updateItem(key, { progress }))
        .then(async (media) => {
          updateItem(key, { media, progress: 100 });
          const done = await waitProcessed(media);
          // Keep what was typed meanwhile: the server's copy has no alt text or focus yet.
          setUploads((list) =>
            list.map((u) =>
              u.key === key && u.media !== null
                ? {
                    ...u,
                    media: {
                      ...done,
                      description: u.media.description,
                      meta: { ...done.meta, ...u.media.meta },
                    },
                  }
                : u,
            ),
          );
        })
        .catch((reason: unknown) => updateItem(key, { error: errorMessage(reason) }));
    }
  };

  const setMedia = (
    key: string,
    change: { description?: string; focus?: { x: number; y: number } },
  ) => {
    setUploads((list) =>
      list.map((u) => {
        if (u.key !== key || u.media === null) return u;
        const meta = change.focus ? { ...(u.media.meta ?? {}), focus: change.focus } : u.media.meta;
        return {
          ...u,
          media: { ...u.media, description: change.description ?? u.media.description, meta },
        };
      }),
    );
  };

  const removeMedia = (key: string) => setUploads((list) => list.filter((u) => u.key !== key));

  const submit = async () => {
    setError(null);
    setSubmitting(true);
    try {
      const media = uploads.flatMap((u) => (u.media === null ? [] : [u.media]));
      const focusOf = (m: MediaAttachment) =>
        (m.meta as { focus?: { x: number; y: number } } | null)?.focus;
      const attributes = media.map((m) => {
        const focus = focusOf(m);
        return {
          id: m.id,
          description: m.description ?? "",
          ...(focus ? { focus: `${focus.x},${focus.y}` } : {}),
        };
      });
      const poll =
        draft.poll === null
          ? undefined
          : {
              options: draft.poll.options,
              expires_in: draft.poll.expiresIn,
              multiple: draft.poll.multiple,
            };
      const body = {
        status: draft.text,
        spoiler_text: draft.warning ? draft.spoiler : "",
        sensitive: draft.warning && media.length > 0,
        visibility: draft.visibility,
        language: draft.language || undefined,
        media_ids: media.map((m) => m.id),
        poll,
      };
      if (editing !== null) {
        const updated = await api.put<Status>(`/api/v1/statuses/${editing.id}`, {
          ...body,
          media_attributes: attributes,
        });
        statusUpdated(updated);
        onDone("posted");
        return;
      }
      // Alt text and focal points of new uploads are saved on the attachments first.
      await Promise.all(
        attributes.map((a) =>
          api.put(`/api/v1/media/${a.id}`, { description: a.description, focus: a.focus }),
        ),
      );
      const created = await api.post<Status>(
        "/api/v1/statuses",
        {
          ...body,
          in_reply_to_id: draft.replyTo?.id,
          quoted_status_id: draft.quote?.id,
          scheduled_at:
            draft.scheduledAt === "" ? undefined : new Date(draft.scheduledAt).toISOString(),
        },
        { "Idempotency-Key": draft.key },
      );
      clearDraft(draft);
      // A scheduled post answers with a ScheduledStatus, not a Status.
      if (draft.scheduledAt === "") statusCreated(created);
      onDone(draft.scheduledAt === "" ? "posted" : "scheduled");
    } catch (reason) {
      // Nothing typed is lost: the draft stays (and stays saved) for another try.
      setError(errorMessage(reason));
    } finally {
      setSubmitting(false);
    }
  };

  const discard = () => {
    setUploads([]);
    clearDraft(current.current);
    const empty = emptyDraft();
    current.current = empty;
    setDraftState(empty);
  };

  return {
    draft,
    setDraft,
    uploads,
    addFiles,
    setMedia,
    removeMedia,
    submit,
    submitting,
    error,
    discard,
    editing,
    restored: initial.current.restored,
  };
}
