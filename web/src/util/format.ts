// Small formatters: relative times ("5m"), full dates for titles, and display names.
import type { Account } from "../api/types.ts";
import { locale, t } from "../i18n/index.ts";

const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });

export function fullDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function relativeTime(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 10) return t("time.now");
  if (seconds < 60) return t("time.seconds", { count: seconds });
  if (seconds < 3600) return t("time.minutes", { count: Math.floor(seconds / 60) });
  if (seconds < 86400) return t("time.hours", { count: Math.floor(seconds / 3600) });
  if (seconds < 7 * 86400) return t("time.days", { count: Math.floor(seconds / 86400) });
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" }).format(new Date(iso));
}

export function displayName(account: Pick<Account, "display_name" | "username">): string {
  return account.display_name.trim() === "" ? account.username : account.display_name;
}

/** HTML-escapes text for the few places that build markup (custom emoji in names). */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** The app's path for a status: /@acct/id. */
export function statusPath(status: { id: string; account: { acct: string } }): string {
  return `/@${status.account.acct}/${status.id}`;
}
