// Keyboard shortcuts, as on Mastodon: j/k move between posts, n writes, r/f/b reply,
// favourite and boost the focused post, o or Enter open it, g h / g n go home or to
// notifications, ? shows the list. Ignored while typing or with a modifier key held.
import { openCompose } from "./compose-state.ts";
import { navigate } from "./router.tsx";
import { createStore } from "./store.ts";

export const helpOpen = createStore(false);

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

function posts(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>("#main article.status")];
}

function focusedPost(): HTMLElement | null {
  return document.activeElement?.closest<HTMLElement>("article.status") ?? null;
}

function move(step: 1 | -1) {
  const list = posts();
  if (list.length === 0) return;
  const current = focusedPost();
  const index = current === null ? -1 : list.indexOf(current);
  const next = list[Math.max(0, Math.min(list.length - 1, index + step))];
  next?.focus();
  next?.scrollIntoView({ block: "nearest" });
}

function press(action: string) {
  focusedPost()?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)?.click();
}

let pendingG = false;

export function handleShortcut(event: KeyboardEvent): void {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  if (document.querySelector("dialog[open]") !== null) return;
  if (pendingG) {
    pendingG = false;
    if (event.key === "h") navigate("/home");
    else if (event.key === "n") navigate("/notifications");
    return;
  }
  const open = () => focusedPost()?.querySelector<HTMLAnchorElement>("a.status-time")?.click();
  const actions: Record<string, () => void> = {
    j: () => move(1),
    k: () => move(-1),
    n: () => openCompose(),
    r: () => press("reply"),
    f: () => press("favourite"),
    b: () => press("boost"),
    o: open,
    Enter: () => {
      if (event.target instanceof HTMLElement && event.target.matches("article.status")) open();
    },
    g: () => {
      pendingG = true;
    },
    "?": () => helpOpen.set(true),
  };
  const action = actions[event.key];
  if (action === undefined) return;
  if (event.key !== "Enter") event.preventDefault();
  action();
}

export function installShortcuts(): () => void {
  document.addEventListener("keydown", handleShortcut);
  return () => document.removeEventListener("keydown", handleShortcut);
}
