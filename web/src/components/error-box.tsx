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
