// Favourited posts (GET /api/v1/favourites), newest favourite first.
import { ScreenHeader } from "../components/screen-header.tsx";
import { Timeline } from "../components/timeline.tsx";
import { t } from "../i18n/index.ts";

export function FavouritesScreen() {
  return (
    <>
      <ScreenHeader title={t("favourites.title")} />
      <Timeline
        path="/api/v1/favourites"
        label={t("favourites.title")}
        empty={t("favourites.empty")}
      />
    </>
  );
}
