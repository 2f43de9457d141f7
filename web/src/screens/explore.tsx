// Explore: what is trending here — posts, hashtags and news (GET /api/v1/trends/*) — and
// people: suggestions to follow (GET /api/v2/suggestions) and the profile directory
// (GET /api/v1/directory). One tab each (?tab=).
import { api } from "../api/client.ts";
import type { Account, PreviewCard, Tag } from "../api/types.ts";
import { AccountRow } from "../components/account-row.tsx";
import { ActionButton } from "../components/action-button.tsx";
import { PagedList } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { type Tab, TabBar } from "../components/tab-bar.tsx";
import { TagRow } from "../components/tag-row.tsx";
import { Timeline } from "../components/timeline.tsx";
import { usePaged } from "../components/use-paged.ts";
import { t } from "../i18n/index.ts";
import type { RouteProps } from "../router.tsx";

const TABS = ["posts", "hashtags", "news", "people", "directory"] as const;
type ExploreTab = (typeof TABS)[number];

interface Suggestion {
  account: Account;
}

function TrendingTags() {
  const paged = usePaged<Tag>("/api/v1/trends/tags", undefined, "tags");
  return (
    <PagedList
      paged={paged}
      label={t("explore.tab.hashtags")}
      empty={t("explore.nothingTrending")}
      render={(tag) => <TagRow key={tag.name} tag={tag} />}
    />
  );
}

function TrendingLinks() {
  const paged = usePaged<PreviewCard>("/api/v1/trends/links", undefined, "links");
  return (
    <PagedList
      paged={paged}
      label={t("explore.tab.news")}
      empty={t("explore.nothingTrending")}
      render={(card) => (
        <li key={card.url} class="row">
          <a class="link-card row-main" href={card.url} target="_blank" rel="noopener noreferrer">
            {card.image && <img src={card.image} alt="" width={96} height={64} loading="lazy" />}
            <span>
              <span class="muted">{card.provider_name}</span>
              <br />
              <strong>{card.title}</strong>
            </span>
          </a>
        </li>
      )}
    />
  );
}

function Suggestions() {
  const paged = usePaged<Suggestion>("/api/v2/suggestions", { limit: 40 }, "suggestions");
  return (
    <PagedList
      paged={paged}
      label={t("explore.tab.people")}
      empty={t("explore.noSuggestions")}
      render={({ account }) => (
        <AccountRow key={account.id} account={account} note>
          <ActionButton
            label={t("profile.followNamed", { acct: account.acct })}
            action={async () => {
              await api.post(`/api/v1/accounts/${account.id}/follow`);
              paged.setItems((items) => items.filter((s) => s.account.id !== account.id));
            }}
          >
            {t("profile.follow")}
          </ActionButton>
          <ActionButton
            secondary
            label={t("explore.dismissNamed", { acct: account.acct })}
            action={async () => {
              await api.delete(`/api/v1/suggestions/${account.id}`);
              paged.setItems((items) => items.filter((s) => s.account.id !== account.id));
            }}
          >
            {t("explore.dismiss")}
          </ActionButton>
        </AccountRow>
      )}
    />
  );
}

function Directory() {
  const paged = usePaged<Account>(
    "/api/v1/directory",
    { order: "active", local: true, limit: 40 },
    "directory",
  );
  return (
    <PagedList
      paged={paged}
      label={t("explore.tab.directory")}
      empty={t("explore.directoryEmpty")}
      render={(account) => <AccountRow key={account.id} account={account} note />}
    />
  );
}

export function ExploreScreen({ query }: RouteProps) {
  const tab: ExploreTab = (TABS as readonly string[]).includes(query.get("tab") ?? "")
    ? (query.get("tab") as ExploreTab)
    : "posts";
  const tabs: Tab[] = TABS.map((id) => ({
    id,
    label: t(`explore.tab.${id}`),
    href: id === "posts" ? "/explore" : `/explore?tab=${id}`,
  }));
  return (
    <>
      <ScreenHeader title={t("explore.title")} />
      <TabBar tabs={tabs} current={tab} label={t("explore.title")} />
      {tab === "posts" && (
        <Timeline
          path="/api/v1/trends/statuses"
          label={t("explore.tab.posts")}
          empty={t("explore.nothingTrending")}
        />
      )}
      {tab === "hashtags" && <TrendingTags />}
      {tab === "news" && <TrendingLinks />}
      {tab === "people" && <Suggestions />}
      {tab === "directory" && <Directory />}
    </>
  );
}
