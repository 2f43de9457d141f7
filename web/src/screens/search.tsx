// Search (GET /api/v2/search): accounts, hashtags and posts for ?q=, with `resolve=true` so an
// address (@user@server) or a URL of a remote post or profile is looked up on its server.
// ?type= narrows to one kind (tabs).
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { Account, Status, Tag } from "../api/types.ts";
import { AccountRow } from "../components/account-row.tsx";
import { ErrorBox } from "../components/error-box.tsx";
import { RowSkeletons } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { StatusCard } from "../components/status.tsx";
import { type Tab, TabBar } from "../components/tab-bar.tsx";
import { TagRow } from "../components/tag-row.tsx";
import { useRequest } from "../components/use-request.ts";
import { t } from "../i18n/index.ts";
import { navigate, type RouteProps } from "../router.tsx";

interface SearchResults {
  accounts: Account[];
  hashtags: Tag[];
  statuses: Status[];
}

const TYPES = ["all", "accounts", "hashtags", "statuses"] as const;
type SearchType = (typeof TYPES)[number];

function searchUrl(q: string, type: SearchType): string {
  const params = new URLSearchParams({ q });
  if (type !== "all") params.set("type", type);
  return `/search?${params}`;
}

export function SearchScreen({ query }: RouteProps) {
  const q = query.get("q") ?? "";
  const type = (TYPES as readonly string[]).includes(query.get("type") ?? "")
    ? (query.get("type") as SearchType)
    : "all";
  const [text, setText] = useState(q);
  const results = useRequest<SearchResults | null>(
    (signal) =>
      q.trim() === ""
        ? Promise.resolve(null)
        : api.get<SearchResults>(
            "/api/v2/search",
            {
              q,
              resolve: true,
              limit: type === "all" ? 5 : 20,
              type: type === "all" ? undefined : type,
            },
            signal,
          ),
    `${q}|${type}`,
  );
  const tabs: Tab[] = TYPES.map((id) => ({
    id,
    label: t(`search.tab.${id}`),
    href: searchUrl(q, id),
  }));
  const data = results.data;
  const nothing =
    data != null && data.accounts.length + data.hashtags.length + data.statuses.length === 0;
  return (
    <>
      <ScreenHeader title={t("search.title")} />
      <form
        class="search-box"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim() !== "") navigate(searchUrl(text.trim(), type));
        }}
      >
        <input
          type="search"
          name="q"
          aria-label={t("search.label")}
          placeholder={t("search.placeholder")}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" class="button">
          {t("search.submit")}
        </button>
      </form>
      {q !== "" && <TabBar tabs={tabs} current={type} label={t("search.kinds")} />}
      {q === "" ? (
        <p class="empty">{t("search.hint")}</p>
      ) : results.loading ? (
        <RowSkeletons />
      ) : results.error !== null ? (
        <ErrorBox message={results.error} onRetry={results.retry} />
      ) : nothing ? (
        <p class="empty">{t("search.nothing", { q })}</p>
      ) : (
        data && (
          <>
            {data.accounts.length > 0 && (
              <section>
                <h2 class="section-title">{t("search.tab.accounts")}</h2>
                <ul class="rows">
                  {data.accounts.map((account) => (
                    <AccountRow key={account.id} account={account} />
                  ))}
                </ul>
              </section>
            )}
            {data.hashtags.length > 0 && (
              <section>
                <h2 class="section-title">{t("search.tab.hashtags")}</h2>
                <ul class="rows">
                  {data.hashtags.map((tag) => (
                    <TagRow key={tag.name} tag={tag} />
                  ))}
                </ul>
              </section>
            )}
            {data.statuses.length > 0 && (
              <section>
                <h2 class="section-title">{t("search.tab.statuses")}</h2>
                <div role="feed" aria-label={t("search.tab.statuses")}>
                  {data.statuses.map((status) => (
                    <StatusCard key={status.id} status={status} />
                  ))}
                </div>
              </section>
            )}
          </>
        )
      )}
    </>
  );
}
