// The list of keyboard shortcuts (`?`), in a modal dialog.
import { useEffect, useRef } from "preact/hooks";
import { type TranslationKey, t } from "../i18n/index.ts";
import { helpOpen } from "../keyboard.ts";
import { useStore } from "../store.ts";

const SHORTCUTS: [string, TranslationKey][] = [
  ["j", "shortcuts.next"],
  ["k", "shortcuts.prev"],
  ["n", "shortcuts.compose"],
  ["r", "shortcuts.reply"],
  ["f", "shortcuts.favourite"],
  ["b", "shortcuts.boost"],
  ["o", "shortcuts.open"],
  ["g h", "shortcuts.goHome"],
  ["g n", "shortcuts.goNotifications"],
  ["?", "shortcuts.help"],
];

export function KeyboardHelp() {
  const open = useStore(helpOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);
  return (
    <dialog ref={dialog} aria-labelledby="shortcuts-title" onClose={() => helpOpen.set(false)}>
      <div class="dialog-body">
        <h2 id="shortcuts-title">{t("shortcuts.title")}</h2>
        <table class="shortcuts">
          <tbody>
            {SHORTCUTS.map(([key, label]) => (
              <tr key={key}>
                <td>
                  {key.split(" ").map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </td>
                <td>{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" class="button" onClick={() => dialog.current?.close()}>
          {t("shortcuts.close")}
        </button>
      </div>
    </dialog>
  );
}
