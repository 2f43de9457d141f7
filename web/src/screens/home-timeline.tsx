// Home: the people and hashtags the signed-in account follows, live on the `user` stream.
import { ScreenHeader } from "../components/screen-header.tsx";
import { Timeline } from "../components/timeline.tsx";
import { t } from "../i18n/index.ts";

export function HomeTimeline() {
  return (
    <>
      <ScreenHeader title={t("timeline.home")} />
      <Timeline
        path="/api/v1/timelines/home"
        stream={{ stream: "user" }}
        context="home"
        label={t("timeline.home")}
        empty={t("timeline.homeEmpty")}
      />
    </>
  );
}
