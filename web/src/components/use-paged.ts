// A paginated list that is not a timeline (accounts, notification groups, conversations,
// lists of tags): the first page, then more by the Link header's rel="next", with the error
// shown in place and a retry. `key` reloads from the start.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, type Page, type Params } from "../api/client.ts";
import { errorMessage } from "./use-request.ts";

export interface Paged<T> {
  items: T[];
  setItems: (update: (items: T[]) => T[]) => void;
  next: string | null;
  loading: boolean;
  error: string | null;
  loadMore: () => Promise<void>;
  retry: () => void;
}

export function usePaged<T>(
  path: string,
  params: Params | undefined,
  key: string,
  /** Reads a page when the answer is not a plain array (e.g. grouped notifications). */
  read: (pathOrUrl: string, params?: Params, signal?: AbortSignal) => Promise<Page<T>> = (
    p,
    q,
    s,
  ) => api.page<T>(p, q, s),
): Paged<T> {
  const [items, setItemsState] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const busy = useRef(false);
  const reader = useRef(read);
  reader.current = read;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    reader.current(path, params, controller.signal).then(
      (page) => {
        setItemsState(page.items);
        setNext(page.next);
        setLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(errorMessage(reason));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const loadMore = useCallback(async () => {
    if (next === null || busy.current) return;
    busy.current = true;
    setError(null);
    try {
      const page = await reader.current(next);
      setItemsState((current) => [...current, ...page.items]);
      setNext(page.next);
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      busy.current = false;
    }
  }, [next]);

  const retry = useCallback(() => {
    if (items.length > 0 && next !== null) void loadMore();
    else setAttempt((n) => n + 1);
  }, [items.length, next, loadMore]);

  return { items, setItems: setItemsState, next, loading, error, loadMore, retry };
}
