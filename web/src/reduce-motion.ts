// "Reduce motion" for this browser: kept in localStorage, set as <html data-reduce-motion>,
// which screens.css reads to stop animations and transitions (on top of the system's own
// prefers-reduced-motion, which base.css already honours).
const KEY = "hearth.reduceMotion";

export function reduceMotion(): boolean {
  return localStorage.getItem(KEY) === "1";
}

export function setReduceMotion(on: boolean): void {
  if (on) localStorage.setItem(KEY, "1");
  else localStorage.removeItem(KEY);
  applyReduceMotion();
}

export function applyReduceMotion(): void {
  if (reduceMotion()) document.documentElement.dataset.reduceMotion = "";
  else delete document.documentElement.dataset.reduceMotion;
}
