// Reporting a post to the moderators: POST /api/v1/reports with the post, a reason and a
// comment; the author's server may get an anonymous copy when the author is remote.
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { Status } from "../api/types.ts";
import { t } from "../i18n/index.ts";
import { errorMessage } from "./use-request.ts";

const CATEGORIES = ["spam", "legal", "violation", "other"] as const;

export function ReportDialog({ status, onClose }: { status: Status; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>("other");
  const [comment, setComment] = useState("");
  const [forward, setForward] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const remote = status.account.acct.includes("@");
  useEffect(() => dialog.current?.showModal(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.post("/api/v1/reports", {
        account_id: status.account.id,
        status_ids: [status.id],
        comment,
        category,
        forward: remote && forward,
      });
      setSent(true);
    } catch (reason) {
      setError(errorMessage(reason));
    }
  };

  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby={`report-${status.id}`}>
      <form class="dialog-body" onSubmit={submit}>
        <h2 id={`report-${status.id}`}>{t("report.title", { acct: `@${status.account.acct}` })}</h2>
        {sent ? (
          <p role="status">{t("report.sent")}</p>
        ) : (
          <>
            <fieldset>
              <legend>{t("report.category")}</legend>
              {CATEGORIES.map((value) => (
                <label key={value} class="choice">
                  <input
                    type="radio"
                    name="category"
                    checked={category === value}
                    onChange={() => setCategory(value)}
                  />{" "}
                  {t(`report.category.${value}`)}
                </label>
              ))}
            </fieldset>
            <label class="field">
              {t("report.comment")}
              <textarea
                value={comment}
                maxLength={1000}
                onInput={(event) => setComment((event.target as HTMLTextAreaElement).value)}
              />
            </label>
            {remote && (
              <label class="choice">
                <input
                  type="checkbox"
                  checked={forward}
                  onChange={(event) => setForward((event.target as HTMLInputElement).checked)}
                />{" "}
                {t("report.forward")}
              </label>
            )}
            {error && (
              <p class="form-error" role="alert">
                {error}
              </p>
            )}
          </>
        )}
        <p class="dialog-buttons">
          <button type="button" class="button secondary" onClick={() => dialog.current?.close()}>
            {sent ? t("compose.close") : t("report.cancel")}
          </button>{" "}
          {!sent && (
            <button type="submit" class="button">
              {t("report.submit")}
            </button>
          )}
        </p>
      </form>
    </dialog>
  );
}
