// Muted and blocked accounts (GET /api/v1/mutes, /api/v1/blocks), each with a way to undo.
import { api } from "../api/client.ts";
import type { Account } from "../api/types.ts";
import { AccountRow } from "../components/account-row.tsx";
import { ActionButton } from "../components/action-button.tsx";
import { PagedList } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { usePaged } from "../components/use-paged.ts";
import { t } from "../i18n/index.ts";

function AccountsScreen({ kind }: { kind: "mutes" | "blocks" }) {
  const paged = usePaged<Account>(`/api/v1/${kind}`, undefined, kind);
  const undo = kind === "mutes" ? "unmute" : "unblock";
  return (
    <>
      <ScreenHeader title={t(`${kind}.title`)} back />
      <PagedList
        paged={paged}
        label={t(`${kind}.title`)}
        empty={t(`${kind}.empty`)}
        render={(account) => (
          <AccountRow key={account.id} account={account}>
            <ActionButton
              secondary
              label={t(`${kind}.undoNamed`, { acct: account.acct })}
              action={async () => {
                await api.post(`/api/v1/accounts/${account.id}/${undo}`);
                paged.setItems((items) => items.filter((a) => a.id !== account.id));
              }}
            >
              {t(`${kind}.undo`)}
            </ActionButton>
          </AccountRow>
        )}
      />
    </>
  );
}

export function MutesScreen() {
  return <AccountsScreen kind="mutes" />;
}

export function BlocksScreen() {
  return <AccountsScreen kind="blocks" />;
}
