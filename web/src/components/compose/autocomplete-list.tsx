// The suggestion list under the composer's text (ARIA listbox). Arrow keys move, Enter or Tab
// picks, Escape closes; the textarea keeps focus throughout.
import type { RefObject } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n/index.ts";
import { type Suggestion, suggest, tokenAt } from "./autocomplete.ts";

export function Autocomplete({
  text,
  caret,
  textarea,
  onPick,
}: {
  text: string;
  caret: number;
  textarea: RefObject<HTMLTextAreaElement | null>;
  onPick: (start: number, end: number, insert: string) => void;
}) {
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const token = tokenAt(text, caret);
  const word = token?.word ?? "";

  useEffect(() => {
    setItems([]);
    setActive(0);
    if (word === "") return;
    const controller = new AbortController();
    // Wait for a pause in typing before asking the server.
    const timer = setTimeout(() => {
      suggest(word, controller.signal).then(
        (list) => {
          if (!controller.signal.aborted) setItems(list);
        },
        () => {},
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [word]);

  const open = token !== null && items.length > 0;
  useEffect(() => {
    const element = textarea.current;
    if (element === null || !open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((i) => (i + step + items.length) % items.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        const item = items[active];
        if (item === undefined || token === null) return;
        event.preventDefault();
        onPick(token.start, token.start + token.word.length, `${item.insert} `);
        setItems([]);
      } else if (event.key === "Escape") {
        event.stopPropagation();
        setItems([]);
      }
    };
    element.addEventListener("keydown", onKey);
    element.setAttribute("aria-controls", "compose-suggestions");
    element.setAttribute("aria-activedescendant", `suggestion-${active}`);
    return () => {
      element.removeEventListener("keydown", onKey);
      element.removeAttribute("aria-activedescendant");
    };
  }, [open, items, active, token, onPick, textarea]);

  if (!open || token === null) return null;
  return (
    <div
      id="compose-suggestions"
      class="suggestions"
      role="listbox"
      aria-label={t("compose.suggestions")}
    >
      {items.map((item, index) => (
        <div
          id={`suggestion-${index}`}
          key={item.insert}
          role="option"
          tabIndex={-1}
          aria-selected={index === active}
          class={index === active ? "active" : ""}
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(token.start, token.start + token.word.length, `${item.insert} `);
            setItems([]);
          }}
        >
          {item.image && <img src={item.image} alt="" width={24} height={24} class="avatar" />}
          <span>{item.label}</span>
          {item.detail && <span class="muted"> {item.detail}</span>}
        </div>
      ))}
    </div>
  );
}
