// The frame around every screen: a navigation column on wide screens, a bottom bar on phones
// (CSS decides which: styles/layout.css), the screen in <main>, and the compose dialog.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { openCompose } from "../compose-state.ts";
import { t } from "../i18n/index.ts";
import { navItems } from "../nav-items.ts";
import { Link } from "../router.tsx";
import { me } from "../session.ts";
import { useStore } from "../store.ts";
import { ComposeDialog } from "./compose/compose-dialog.tsx";
import { Icon } from "./icon.tsx";

function isCurrent(href: string, path: string): boolean {
  if (href === "/home") return path === "/" || path === "/home";
  if (href === "/public") return path === "/public";
  return path === href || path.startsWith(`${href}/`);
}

export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const account = useStore(me);
  const [menuOpen, setMenuOpen] = useState(false);
  const link = (item: (typeof navItems)[number], className: string) => (
    <Link
      key={item.href}
      href={item.href}
      class={className}
      aria-current={isCurrent(item.href, path) ? "page" : undefined}
      onClick={() => setMenuOpen(false)}
    >
      <Icon name={item.icon} />
      <span class="nav-label">{t(item.label)}</span>
    </Link>
  );
  return (
    <div class="layout">
      <a class="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <nav class="nav-column" aria-label={t("nav.main")}>
        <Link href="/home" class="brand">
          {t("app.name")}
        </Link>
        {account && (
          <Link href={`/@${account.acct}`} class="nav-me">
            <img src={account.avatar_static} alt="" width={32} height={32} class="avatar" />
            <span class="nav-label">{account.display_name || account.username}</span>
          </Link>
        )}
        {navItems.map((item) => link(item, "nav-link"))}
        <button type="button" class="button nav-compose" onClick={() => openCompose()}>
          <Icon name="pencil" />
          <span class="nav-label">{t("nav.compose")}</span>
        </button>
        <SignOut />
      </nav>
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
      <ComposeDialog />
      <nav class="bottom-bar" aria-label={t("nav.main")}>
        {navItems.filter((item) => item.bar).map((item) => link(item, "bar-link"))}
        <button
          type="button"
          class="bar-link"
          aria-label={t("nav.compose")}
          onClick={() => openCompose()}
        >
          <Icon name="pencil" />
        </button>
        <button
          type="button"
          class="bar-link"
          aria-expanded={menuOpen}
          aria-label={t("status.more")}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <Icon name="menu" />
        </button>
      </nav>
      {menuOpen && (
        <nav class="bar-menu" aria-label={t("status.more")}>
          {navItems.filter((item) => !item.bar).map((item) => link(item, "nav-link"))}
          <SignOut />
        </nav>
      )}
    </div>
  );
}

/** Sign-out is the server's form (POST /auth/sign_out with the page's CSRF token). */
function SignOut() {
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";
  return (
    <form method="post" action="/auth/sign_out" class="sign-out">
      <input type="hidden" name="authenticity_token" value={csrf} />
      <button type="submit" class="nav-link">
        <Icon name="signOut" />
        <span class="nav-label">{t("nav.signOut")}</span>
      </button>
    </form>
  );
}
