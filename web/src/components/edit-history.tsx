// "Edited …" on a post opens its revisions (GET /api/v1/statuses/:id/history), newest first,
// each with its content warning and text as they were.
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { StatusEdit } from "../api/types.ts";
import { t } from "../i18n/index.ts";
import { emojifyHtml, emojifyText } from "../util/emoji.ts";
import { fullDate } from "../util/format.ts";
import { ErrorBox } from "./error-box.tsx";
import { errorMessage } from "./use-request.ts";

export function EditHistoryButton({ statusId, editedAt }: { statusId: string; editedAt: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        class="link-button"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t("status.edited", { date: fullDate(editedAt) })}
      </button>
      {open && <EditHistory statusId={statusId} onClose={() => setOpen(false)} />}
    </>
  );
}

function EditHistory({ statusId, onClose }: { statusId: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [edits, setEdits] = useState<StatusEdit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => dialog.current?.showModal(), []);
  useEffect(() => {
    setError(null);
    api.get<StatusEdit[]>(`/api/v1/statuses/${statusId}/history`).then(
      (list) => setEdits([...list].reverse()),
      (reason: unknown) => setError(errorMessage(reason)),
    );
  }, [statusId, attempt]);
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby={`history-${statusId}`}>
      <div class="dialog-body">
        <h2 id={`history-${statusId}`}>{t("status.history")}</h2>
        {error !== null && <ErrorBox message={error} onRetry={() => setAttempt((n) => n + 1)} />}
        {edits === null && error === null && <p class="loading">{t("app.loading")}</p>}
        <ol class="edit-history">
          {edits?.map((edit, index) => (
            <li key={edit.created_at}>
              <p class="muted">
                {index === edits.length - 1
                  ? t("status.historyOriginal", { date: fullDate(edit.created_at) })
                  : t("status.historyEdit", { date: fullDate(edit.created_at) })}
              </p>
              {edit.spoiler_text !== "" && (
                <p
                  class="spoiler"
                  dangerouslySetInnerHTML={{ __html: emojifyText(edit.spoiler_text, edit.emojis) }}
                />
              )}
              <div
                class="status-content"
                dangerouslySetInnerHTML={{ __html: emojifyHtml(edit.content, edit.emojis) }}
              />
            </li>
          ))}
        </ol>
        <button type="button" class="button" onClick={() => dialog.current?.close()}>
          {t("compose.close")}
        </button>
      </div>
    </dialog>
  );
}
