// A button whose action talks to the server: disabled while it runs, and a failure shown next
// to it in plain words (role=alert) instead of vanishing.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { InlineError } from "./error-box.tsx";
import { errorMessage } from "./use-request.ts";

export function ActionButton({
  action,
  children,
  secondary,
  danger,
  label,
}: {
  action: () => Promise<unknown>;
  children: ComponentChildren;
  secondary?: boolean;
  danger?: boolean;
  /** aria-label, when the visible text is not enough (e.g. "Unmute @bob"). */
  label?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        class={`button${secondary ? " secondary" : ""}${danger ? " danger" : ""}`}
        disabled={busy}
        aria-busy={busy}
        aria-label={label}
        onClick={() => void run()}
      >
        {children}
      </button>
      <InlineError error={error} inline />
    </>
  );
}
