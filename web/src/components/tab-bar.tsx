// Tabs that are links (?tab=…), so each tab has its own URL and the back button works.
import { Link } from "../router.tsx";
import "../styles/screens.css";

export interface Tab {
  id: string;
  label: string;
  href: string;
}

export function TabBar({ tabs, current, label }: { tabs: Tab[]; current: string; label: string }) {
  return (
    <nav class="tab-bar" aria-label={label}>
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          class={`tab${tab.id === current ? " active" : ""}`}
          aria-current={tab.id === current ? "page" : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
