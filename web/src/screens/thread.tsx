// A post with its thread: ancestors above, the post (focused, with full date), replies below
// (GET /api/v1/statuses/:id and /context).
import { useEffect } from "preact/hooks";
import { api } from "../api/client.ts";
import type { Status } from "../api/types.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { StatusCard } from "../components/status.tsx";
import { StatusSkeleton } from "../components/status-skeleton.tsx";
import { useRequest } from "../components/use-request.ts";
import { t } from "../i18n/index.ts";
import type { RouteProps } from "../router.tsx";
import { onStatusChange, removeStatus, replaceStatus } from "../status-events.ts";

interface Thread {
  ancestors: Status[];
  status: Status;
  descendants: Status[];
}

export function ThreadScreen({ params }: RouteProps) {
  const id = params.id ?? "";
  const thread = useRequest<Thread>(async (signal) => {
    const [status, context] = await Promise.all([
      api.get<Status>(`/api/v1/statuses/${encodeURIComponent(id)}`, undefined, signal),
      api.get<{ ancestors: Status[]; descendants: Status[] }>(
        `/api/v1/statuses/${encodeURIComponent(id)}/context`,
        undefined,
        signal,
      ),
    ]);
    return { status, ...context };
  }, id);

  const { data, setData } = thread;
  useEffect(
    () =>
      onStatusChange(({ updated, deleted, created }) => {
        if (data === undefined) return;
        // A reply to any post of the thread joins it at once.
        const ids = [data.status, ...data.ancestors, ...data.descendants].map((s) => s.id);
        if (created?.in_reply_to_id && ids.includes(created.in_reply_to_id)) {
          setData({ ...data, descendants: [...data.descendants, created] });
        }
        if (updated) {
          setData({
            ancestors: replaceStatus(data.ancestors, updated),
            status: updated.id === data.status.id ? updated : data.status,
            descendants: replaceStatus(data.descendants, updated),
          });
        }
        if (deleted) {
          setData({
            ...data,
            ancestors: removeStatus(data.ancestors, deleted),
            descendants: removeStatus(data.descendants, deleted),
          });
        }
      }),
    [data, setData],
  );

  // The focused post scrolls into view below its ancestors.
  useEffect(() => {
    if (data === undefined || data.ancestors.length === 0) return;
    document.querySelector(`[data-status-id="${CSS.escape(data.status.id)}"]`)?.scrollIntoView();
  }, [data?.status.id]);

  return (
    <>
      <ScreenHeader title={t("status.thread")} back />
      {thread.error !== null && <ErrorBox message={thread.error} onRetry={thread.retry} />}
      {data === undefined && thread.error === null && <StatusSkeleton />}
      {data !== undefined && (
        <div role="feed" aria-label={t("status.thread")}>
          {data.ancestors.map((status) => (
            <StatusCard key={status.id} status={status} context="thread" />
          ))}
          <StatusCard status={data.status} focused context="thread" />
          {data.descendants.map((status) => (
            <StatusCard key={status.id} status={status} context="thread" />
          ))}
        </div>
      )}
    </>
  );
}
