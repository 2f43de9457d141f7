// The local (this server only) and federated (everything this server knows) timelines.
import { ScreenHeader } from "../components/screen-header.tsx";
import { Timeline } from "../components/timeline.tsx";
import { t } from "../i18n/index.ts";

export function LocalTimeline() {
  return (
    <>
      <ScreenHeader title={t("timeline.local")} />
      <Timeline
        path="/api/v1/timelines/public"
        params={{ local: true }}
        stream={{ stream: "public:local" }}
        context="public"
        label={t("timeline.local")}
      />
    </>
  );
}

export function FederatedTimeline() {
  return (
    <>
      <ScreenHeader title={t("timeline.federated")} />
      <Timeline
        path="/api/v1/timelines/public"
        stream={{ stream: "public" }}
        context="public"
        label={t("timeline.federated")}
      />
    </>
  );
}
