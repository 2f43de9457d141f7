// A screen's title bar (sticky at the top), with an optional back button and actions.
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { t } from "../i18n/index.ts";
import { Icon } from "./icon.tsx";

export function ScreenHeader({
  title,
  back,
  children,
}: {
  title: string;
  back?: boolean;
  children?: ComponentChildren;
}) {
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title]);
  return (
    <header class="screen-header">
      {back && (
        <button
          type="button"
          class="icon-button"
          aria-label={t("nav.back")}
          onClick={() => history.back()}
        >
          <Icon name="back" />
        </button>
      )}
      <h1>{title}</h1>
      {children}
    </header>
  );
}
