// The compose dialog, opened by openCompose() (compose-state.ts) from the navigation, a reply
// or quote button, an edit, or the `n` shortcut. A modal <dialog>: focus stays inside and
// Escape closes it (the draft is kept).
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { closeCompose, composeRequest } from "../../compose-state.ts";
import { t } from "../../i18n/index.ts";
import { useStore } from "../../store.ts";
import { Icon } from "../icon.tsx";
import { ComposeForm } from "./compose-form.tsx";

export function ComposeDialog() {
  const request = useStore(composeRequest);
  const dialog = useRef<HTMLDialogElement>(null);
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  // Opened before the browser paints, so keys typed right away (Escape) reach the dialog.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (request !== null && !element.open) {
      setGeneration((n) => n + 1);
      element.showModal();
    }
    if (request === null && element.open) element.close();
  }, [request]);

  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <>
      <dialog
        ref={dialog}
        class="compose-dialog"
        aria-label={t("nav.compose")}
        onClose={closeCompose}
      >
        <div class="dialog-body">
          <header class="compose-header">
            <h2>{t("nav.compose")}</h2>
            <button
              type="button"
              class="icon-button"
              aria-label={t("compose.close")}
              onClick={() => dialog.current?.close()}
            >
              <Icon name="close" />
            </button>
          </header>
          {request !== null && (
            <ComposeForm
              key={generation}
              request={request}
              onDone={(result) => {
                setNotice(result === "scheduled" ? t("compose.scheduled") : t("compose.posted"));
                closeCompose();
              }}
            />
          )}
        </div>
      </dialog>
      {notice !== null && (
        <p class="toast" role="status">
          {notice}
        </p>
      )}
    </>
  );
}
