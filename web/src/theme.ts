// Light or dark: the system's choice (prefers-color-scheme, in CSS) unless the person picked
// one; the choice is kept in localStorage and set as <html data-theme>.
export type Theme = "auto" | "light" | "dark";

const KEY = "hearth.theme";

export function currentTheme(): Theme {
  const value = localStorage.getItem(KEY);
  return value === "light" || value === "dark" ? value : "auto";
}

export function applyTheme(theme: Theme = currentTheme()): void {
  if (theme === "auto") {
    localStorage.removeItem(KEY);
    delete document.documentElement.dataset.theme;
  } else {
    localStorage.setItem(KEY, theme);
    document.documentElement.dataset.theme = theme;
  }
}
