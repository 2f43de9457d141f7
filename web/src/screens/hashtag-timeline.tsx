// Posts with one hashtag, live on the `hashtag` stream, with a button to follow the hashtag
// (its posts then also reach the home timeline).
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { Tag } from "../api/types.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { Timeline } from "../components/timeline.tsx";
import { errorMessage, useRequest } from "../components/use-request.ts";
import { t } from "../i18n/index.ts";
import type { RouteProps } from "../router.tsx";

export function HashtagTimeline({ params }: RouteProps) {
  const tag = params.tag ?? "";
  const title = t("timeline.hashtag", { tag });
  const path = `/api/v1/tags/${encodeURIComponent(tag)}`;
  const info = useRequest((signal) => api.get<Tag>(path, undefined, signal), tag);
  const [error, setError] = useState<string | null>(null);
  const following = info.data?.following === true;
  const toggle = async () => {
    setError(null);
    try {
      info.setData(await api.post<Tag>(`${path}/${following ? "unfollow" : "follow"}`));
    } catch (reason) {
      setError(errorMessage(reason));
    }
  };
  return (
    <>
      <ScreenHeader title={title} back>
        {info.data && (
          <button
            type="button"
            class={following ? "button secondary" : "button"}
            aria-pressed={following}
            onClick={toggle}
          >
            {following ? t("timeline.unfollowTag") : t("timeline.followTag")}
          </button>
        )}
      </ScreenHeader>
      {error !== null && <ErrorBox message={error} />}
      <Timeline
        path={`/api/v1/timelines/tag/${encodeURIComponent(tag)}`}
        stream={{ stream: "hashtag", tag }}
        context="public"
        label={title}
      />
    </>
  );
}
