// Direct messages (GET /api/v1/conversations): each conversation's latest post with who is in
// it, unread ones marked; opening one marks it read, and it can be removed from the list.
import { api } from "../api/client.ts";
import type { Account, Status } from "../api/types.ts";
import { ActionButton } from "../components/action-button.tsx";
import { PagedList } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { StatusCard } from "../components/status.tsx";
import { usePaged } from "../components/use-paged.ts";
import { t } from "../i18n/index.ts";
import { navigate } from "../router.tsx";
import { displayName, statusPath } from "../util/format.ts";

interface Conversation {
  id: string;
  unread: boolean;
  accounts: Account[];
  last_status: Status | null;
}

export function ConversationsScreen() {
  const paged = usePaged<Conversation>("/api/v1/conversations", undefined, "conversations");
  const open = async (conversation: Conversation) => {
    if (conversation.unread) {
      await api.post(`/api/v1/conversations/${conversation.id}/read`).catch(() => {});
    }
    if (conversation.last_status) navigate(statusPath(conversation.last_status));
  };
  return (
    <>
      <ScreenHeader title={t("conversations.title")} />
      <PagedList
        paged={paged}
        label={t("conversations.title")}
        empty={t("conversations.empty")}
        render={(conversation) => (
          <li
            key={conversation.id}
            class={`notification-group${conversation.unread ? " unread" : ""}`}
          >
            <div class="notification-head">
              <span class="row-main">
                {t("conversations.with", {
                  names:
                    conversation.accounts.map(displayName).join(", ") ||
                    t("conversations.yourself"),
                })}
                {conversation.unread && <span class="badge">{t("conversations.unread")}</span>}
              </span>
              <button
                type="button"
                class="button secondary"
                onClick={() => void open(conversation)}
              >
                {t("conversations.open")}
              </button>
              <ActionButton
                secondary
                action={async () => {
                  await api.delete(`/api/v1/conversations/${conversation.id}`);
                  paged.setItems((items) => items.filter((c) => c.id !== conversation.id));
                }}
              >
                {t("conversations.remove")}
              </ActionButton>
            </div>
            {conversation.last_status && <StatusCard status={conversation.last_status} />}
          </li>
        )}
      />
    </>
  );
}
