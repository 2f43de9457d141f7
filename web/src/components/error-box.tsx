// An error shown where the content would be, in plain words, with a way to try again.
import { t } from "../i18n/index.ts";

export function ErrorBox({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div class="error-box" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {t("error.retry")}
        </button>
      )}
    </div>
  );
}

/** A form's or action's failure next to it, announced to screen readers; nothing when null. */
export function InlineError({ error, inline }: { error: string | null; inline?: boolean }) {
  if (error === null) return null;
  return inline ? (
    <span class="inline-error" role="alert">
      {error}
    </span>
  ) : (
    <p class="inline-error" role="alert">
      {error}
    </p>
  );
}
