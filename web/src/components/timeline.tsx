// A list of statuses from a paginated endpoint: skeletons while the first page loads, more
// pages as the end scrolls into view (Link rel="next"), and live posts from the streaming API
// held behind a "N new posts" button so the list never jumps under the reader.
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, type Params } from "../api/client.ts";
import type { Status } from "../api/types.ts";
import { t } from "../i18n/index.ts";
import { onStatusChange, removeStatus, replaceStatus } from "../status-events.ts";
import { useStore } from "../store.ts";
import { connectionState, type StreamSpec, subscribe } from "../streaming/connection.ts";
import { ErrorBox } from "./error-box.tsx";
import { type FilterContext, StatusCard } from "./status.tsx";
import { StatusSkeleton } from "./status-skeleton.tsx";
import { errorMessage } from "./use-request.ts";

export interface TimelineProps {
  /** API path of the first page, e.g. /api/v1/timelines/home. */
  path: string;
  params?: Params;
  /** The stream carrying this timeline's new posts, if it has one. */
  stream?: StreamSpec;
  /** Accepts a streamed status (e.g. "only media"); default: all. */
  accept?: (status: Status) => boolean;
  empty?: ComponentChildren;
  label: string;
  /** Which of the viewer's filters apply here. */
  context?: FilterContext;
}

function mergeNewer(current: Status[], incoming: Status[]): Status[] {
  const ids = new Set(current.map((s) => s.id));
  return [...incoming.filter((s) => !ids.has(s.id)), ...current];
}

export function Timeline({ path, params, stream, accept, empty, label, context }: TimelineProps) {
  const [items, setItems] = useState<Status[]>([]);
  const [pending, setPending] = useState<Status[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const sentinel = useRef<HTMLDivElement>(null);
  const loadingMore = useRef(false);
  const newest = useRef<string | null>(null);
  const live = useStore(connectionState);
  const paramsKey = JSON.stringify(params ?? {});

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api.page<Status>(path, params, controller.signal).then(
      (page) => {
        setItems(page.items);
        setPending([]);
        setNext(page.next);
        newest.current = page.items[0]?.id ?? null;
        setLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(errorMessage(reason));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [path, paramsKey, attempt]);

  const loadMore = useCallback(async () => {
    if (next === null || loadingMore.current) return;
    loadingMore.current = true;
    try {
      const page = await api.page<Status>(next);
      setItems((current) => {
        const ids = new Set(current.map((s) => s.id));
        return [...current, ...page.items.filter((s) => !ids.has(s.id))];
      });
      setNext(page.next);
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      loadingMore.current = false;
    }
  }, [next]);

  useEffect(() => {
    const element = sentinel.current;
    if (element === null || next === null) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void loadMore();
      },
      { rootMargin: "600px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [loadMore, next]);

  // Live updates. After a reconnect, what was posted meanwhile is fetched (min_id) and joins
  // the pending ones, so nothing is missed.
  const streamKey = stream === undefined ? "" : JSON.stringify(stream);
  useEffect(() => {
    if (stream === undefined || loading) return;
    const take = (status: Status) => {
      if (accept !== undefined && !accept(status)) return;
      setPending((current) =>
        current.some((s) => s.id === status.id) ? current : [status, ...current],
      );
    };
    return subscribe(
      stream,
      ({ event, payload }) => {
        if (event === "update") take(payload as Status);
        else if (event === "delete") {
          const id = String(payload);
          setItems((current) => removeStatus(current, id));
          setPending((current) => removeStatus(current, id));
        } else if (event === "status.update") {
          const status = payload as Status;
          setItems((current) => replaceStatus(current, status));
          setPending((current) => replaceStatus(current, status));
        }
      },
      () => {
        if (newest.current === null) return;
        api.page<Status>(path, { ...params, min_id: newest.current }).then(
          (page) => {
            for (const status of page.items.reverse()) take(status);
          },
          () => {},
        );
      },
    );
  }, [streamKey, loading, path, paramsKey]);

  useEffect(
    () =>
      onStatusChange(({ updated, deleted }) => {
        if (updated) setItems((current) => replaceStatus(current, updated));
        if (deleted) setItems((current) => removeStatus(current, deleted));
      }),
    [],
  );

  const showPending = () => {
    setItems((current) => mergeNewer(current, pending));
    newest.current = pending[0]?.id ?? newest.current;
    setPending([]);
    window.scrollTo({ top: 0 });
  };

  if (loading) {
    return (
      <div aria-busy="true">
        <p class="visually-hidden" role="status">
          {t("app.loading")}
        </p>
        <StatusSkeleton />
        <StatusSkeleton />
        <StatusSkeleton />
      </div>
    );
  }
  return (
    <div class="timeline" data-live={stream === undefined ? undefined : live}>
      {stream !== undefined && live === "waiting" && (
        <p class="live-state" role="status">
          {t("timeline.reconnecting")}
        </p>
      )}
      {pending.length > 0 && (
        <button type="button" class="new-posts button" onClick={showPending}>
          {t("timeline.newPosts", { count: pending.length })}
        </button>
      )}
      {error !== null && items.length === 0 ? (
        <ErrorBox message={error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : (
        <div role="feed" aria-label={label}>
          {items.length === 0 && <p class="empty">{empty ?? t("timeline.empty")}</p>}
          {items.map((status, index) => (
            <StatusCard
              key={status.id}
              status={status}
              position={index + 1}
              setSize={next === null ? items.length : -1}
              context={context}
            />
          ))}
        </div>
      )}
      {error !== null && items.length > 0 && (
        <ErrorBox
          message={error}
          onRetry={() => {
            setError(null);
            void loadMore();
          }}
        />
      )}
      {next !== null && error === null && (
        <div ref={sentinel} class="sentinel">
          <button type="button" class="button secondary" onClick={() => void loadMore()}>
            {t("timeline.loadMore")}
          </button>
        </div>
      )}
      {next === null && items.length > 0 && <p class="empty">{t("timeline.end")}</p>}
    </div>
  );
}
