// Renders a usePaged list: skeleton rows while the first page loads, the items, the error in
// place with a retry, and "Load more" (also triggered as it scrolls into view).
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n/index.ts";
import { ErrorBox } from "./error-box.tsx";
import type { Paged } from "./use-paged.ts";
import "../styles/screens.css";

export function PagedList<T>({
  paged,
  render,
  empty,
  label,
}: {
  paged: Paged<T>;
  render: (item: T, index: number) => ComponentChildren;
  empty: string;
  label: string;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const { items, next, loading, error, loadMore, retry } = paged;
  useEffect(() => {
    const element = sentinel.current;
    if (element === null || next === null) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void loadMore();
      },
      { rootMargin: "400px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [loadMore, next]);

  if (loading) return <RowSkeletons />;
  return (
    <div class="paged-list">
      {error !== null && items.length === 0 ? (
        <ErrorBox message={error} onRetry={retry} />
      ) : (
        <ul class="rows" aria-label={label}>
          {items.length === 0 && <li class="empty">{empty}</li>}
          {items.map(render)}
        </ul>
      )}
      {error !== null && items.length > 0 && <ErrorBox message={error} onRetry={retry} />}
      {next !== null && error === null && (
        <div ref={sentinel} class="sentinel">
          <button type="button" class="button secondary" onClick={() => void loadMore()}>
            {t("timeline.loadMore")}
          </button>
        </div>
      )}
    </div>
  );
}

/** Placeholders with the size of account rows, so nothing shifts when they arrive. */
export function RowSkeletons({ count = 4 }: { count?: number }) {
  return (
    <div aria-busy="true">
      <p class="visually-hidden" role="status">
        {t("app.loading")}
      </p>
      {Array.from({ length: count }, (_, i) => (
        <div class="row-skeleton" key={i}>
          <div class="skeleton row-skeleton-avatar" />
          <div class="row-skeleton-lines">
            <div class="skeleton row-skeleton-line" />
            <div class="skeleton row-skeleton-line short" />
          </div>
        </div>
      ))}
    </div>
  );
}
