// Loads something for a screen: { data, error, loading, retry }. Changing `key` reloads;
// an answer that arrives after the key changed is dropped.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/client.ts";
import { t } from "../i18n/index.ts";

export interface RequestState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  retry: () => void;
  setData: (data: T) => void;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return t("error.unknown");
}

export function useRequest<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
): RequestState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    loader.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
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
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, retry, setData };
}
