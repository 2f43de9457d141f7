// Hashtags the person follows (GET /api/v1/followed_tags): open one, or unfollow it.
import { api } from "../api/client.ts";
import type { Tag } from "../api/types.ts";
import { ActionButton } from "../components/action-button.tsx";
import { PagedList } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { usePaged } from "../components/use-paged.ts";
import { t } from "../i18n/index.ts";
import { Link } from "../router.tsx";

export function FollowedTagsScreen() {
  const paged = usePaged<Tag>("/api/v1/followed_tags", undefined, "followed-tags");
  return (
    <>
      <ScreenHeader title={t("followedTags.title")} />
      <PagedList
        paged={paged}
        label={t("followedTags.title")}
        empty={t("followedTags.empty")}
        render={(tag) => (
          <li key={tag.name} class="row">
            <Link href={`/tags/${encodeURIComponent(tag.name)}`} class="row-main">
              #{tag.name}
            </Link>
            <ActionButton
              secondary
              label={t("followedTags.unfollowNamed", { tag: tag.name })}
              action={async () => {
                await api.post(`/api/v1/tags/${encodeURIComponent(tag.name)}/unfollow`);
                paged.setItems((items) => items.filter((x) => x.name !== tag.name));
              }}
            >
              {t("followedTags.unfollow")}
            </ActionButton>
          </li>
        )}
      />
    </>
  );
}
