// The navigation's entries, in order: the desktop column shows all, the phone's bottom bar
// the ones marked `bar` (the rest are behind "More"). Add a line for a new top-level screen.
import type { IconName } from "./components/icon.tsx";
import type { TranslationKey } from "./i18n/index.ts";

export interface NavItem {
  href: string;
  label: TranslationKey;
  icon: IconName;
  bar?: boolean;
}

export const navItems: NavItem[] = [
  { href: "/home", label: "nav.home", icon: "home", bar: true },
  { href: "/notifications", label: "nav.notifications", icon: "bell", bar: true },
  { href: "/explore", label: "nav.explore", icon: "explore", bar: true },
  { href: "/search", label: "nav.search", icon: "search" },
  { href: "/public/local", label: "nav.local", icon: "people" },
  { href: "/public", label: "nav.federated", icon: "globe" },
  { href: "/conversations", label: "nav.conversations", icon: "mail" },
  { href: "/bookmarks", label: "nav.bookmarks", icon: "bookmark" },
  { href: "/favourites", label: "nav.favourites", icon: "star" },
  { href: "/lists", label: "nav.lists", icon: "list" },
  { href: "/followed_tags", label: "nav.followedTags", icon: "hash" },
  { href: "/settings/preferences", label: "nav.settings", icon: "cog" },
];
