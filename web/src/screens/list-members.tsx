// A list's members (GET /api/v1/lists/:id/accounts): remove them, and add people you follow
// found by name (GET /api/v1/accounts/search?following=true).
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { Account, List } from "../api/types.ts";
import { AccountRow } from "../components/account-row.tsx";
import { ActionButton } from "../components/action-button.tsx";
import { InlineError } from "../components/error-box.tsx";
import { PagedList } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { usePaged } from "../components/use-paged.ts";
import { errorMessage, useRequest } from "../components/use-request.ts";
import { t } from "../i18n/index.ts";
import type { RouteProps } from "../router.tsx";

export function ListMembersScreen({ params }: RouteProps) {
  const id = params.id ?? "";
  const list = useRequest((signal) => api.get<List>(`/api/v1/lists/${id}`, undefined, signal), id);
  const members = usePaged<Account>(`/api/v1/lists/${id}/accounts`, undefined, id);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const memberIds = new Set(members.items.map((a) => a.id));

  const search = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      setFound(
        await api.get<Account[]>("/api/v1/accounts/search", {
          q: query,
          following: true,
          resolve: false,
          limit: 10,
        }),
      );
    } catch (reason) {
      setError(errorMessage(reason));
    }
  };
  const title = list.data ? t("lists.membersOf", { title: list.data.title }) : t("lists.members");
  return (
    <>
      <ScreenHeader title={title} back />
      <form class="search-box" onSubmit={search}>
        <input
          type="search"
          aria-label={t("lists.findPeople")}
          placeholder={t("lists.findPeople")}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={query.trim() === ""}>
          {t("search.submit")}
        </button>
      </form>
      <InlineError error={error} />
      {found !== null && (
        <ul class="rows" aria-label={t("lists.searchResults")}>
          {found.length === 0 && <li class="empty">{t("lists.noneFound")}</li>}
          {found.map((account) => (
            <AccountRow key={account.id} account={account}>
              {memberIds.has(account.id) ? (
                <span class="badge">{t("lists.inList")}</span>
              ) : (
                <ActionButton
                  label={t("lists.addNamed", { acct: account.acct })}
                  action={async () => {
                    await api.post(`/api/v1/lists/${id}/accounts`, { account_ids: [account.id] });
                    members.setItems((items) => [account, ...items]);
                  }}
                >
                  {t("lists.addMember")}
                </ActionButton>
              )}
            </AccountRow>
          ))}
        </ul>
      )}
      <h2 class="section-title">{t("lists.members")}</h2>
      <PagedList
        paged={members}
        label={t("lists.members")}
        empty={t("lists.noMembers")}
        render={(account) => (
          <AccountRow key={account.id} account={account}>
            <ActionButton
              secondary
              label={t("lists.removeNamed", { acct: account.acct })}
              action={async () => {
                await api.delete(`/api/v1/lists/${id}/accounts`, { account_ids: [account.id] });
                members.setItems((items) => items.filter((a) => a.id !== account.id));
              }}
            >
              {t("lists.removeMember")}
            </ActionButton>
          </AccountRow>
        )}
      />
    </>
  );
}
