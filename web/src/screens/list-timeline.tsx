// A list's timeline, titled with the list's name, live on the `list` stream.
import { api } from "../api/client.ts";
import type { List } from "../api/types.ts";
import { ScreenHeader } from "../components/screen-header.tsx";
import { Timeline } from "../components/timeline.tsx";
import { useRequest } from "../components/use-request.ts";
import { t } from "../i18n/index.ts";
import type { RouteProps } from "../router.tsx";

export function ListTimeline({ params }: RouteProps) {
  const id = params.id ?? "";
  const list = useRequest(
    (signal) => api.get<List>(`/api/v1/lists/${encodeURIComponent(id)}`, undefined, signal),
    id,
  );
  const title = list.data?.title ?? t("timeline.list");
  return (
    <>
      <ScreenHeader title={title} back />
      <Timeline
        path={`/api/v1/timelines/list/${encodeURIComponent(id)}`}
        stream={{ stream: "list", list: id }}
        context="home"
        label={title}
      />
    </>
  );
}
