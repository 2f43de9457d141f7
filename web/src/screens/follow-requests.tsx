// Follow requests to a locked account (GET /api/v1/follow_requests): accept or reject each.
import { api } from "../api/client.ts";
import type { Account } from "../api/types.ts";
import { AccountRow } from "../components/account-row.tsx";
import { ActionButton } from "../components/action-button.tsx";
import { PagedList } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { usePaged } from "../components/use-paged.ts";
import { t } from "../i18n/index.ts";

export function FollowRequestsScreen() {
  const paged = usePaged<Account>("/api/v1/follow_requests", undefined, "requests");
  const settle = (id: string, verdict: "authorize" | "reject") => async () => {
    await api.post(`/api/v1/follow_requests/${id}/${verdict}`);
    paged.setItems((items) => items.filter((a) => a.id !== id));
  };
  return (
    <>
      <ScreenHeader title={t("followRequests.title")} back />
      <PagedList
        paged={paged}
        label={t("followRequests.title")}
        empty={t("followRequests.empty")}
        render={(account) => (
          <AccountRow key={account.id} account={account}>
            <ActionButton
              action={settle(account.id, "authorize")}
              label={t("followRequests.acceptNamed", { acct: account.acct })}
            >
              {t("followRequests.accept")}
            </ActionButton>
            <ActionButton
              secondary
              action={settle(account.id, "reject")}
              label={t("followRequests.rejectNamed", { acct: account.acct })}
            >
              {t("followRequests.reject")}
            </ActionButton>
          </AccountRow>
        )}
      />
    </>
  );
}
