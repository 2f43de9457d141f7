// Bookmarked posts (GET /api/v1/bookmarks), newest bookmark first.
import { ScreenHeader } from "../components/screen-header.tsx";
import { Timeline } from "../components/timeline.tsx";
import { t } from "../i18n/index.ts";

export function BookmarksScreen() {
  return (
    <>
      <ScreenHeader title={t("bookmarks.title")} />
      <Timeline
        path="/api/v1/bookmarks"
        label={t("bookmarks.title")}
        empty={t("bookmarks.empty")}
      />
    </>
  );
}
