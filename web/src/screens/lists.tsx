// Lists (GET /api/v1/lists): open one, create one (title, whose replies show, exclusive),
// rename or change it, delete it, and manage its members (/lists/:id/members).
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { List } from "../api/types.ts";
import { ActionButton } from "../components/action-button.tsx";
import { ErrorBox, InlineError } from "../components/error-box.tsx";
import { RowSkeletons } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { errorMessage, useRequest } from "../components/use-request.ts";
import { t } from "../i18n/index.ts";
import { Link } from "../router.tsx";

type RepliesPolicy = "followed" | "list" | "none";

function ListForm({
  list,
  onSaved,
  onCancel,
}: {
  list?: List;
  onSaved: (list: List) => void;
  onCancel?: () => void;
}) {
  const [title, setTitle] = useState(list?.title ?? "");
  const [replies, setReplies] = useState<RepliesPolicy>(
    (list?.replies_policy as RepliesPolicy | undefined) ?? "list",
  );
  const [exclusive, setExclusive] = useState(list?.exclusive ?? false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { title, replies_policy: replies, exclusive };
      const saved = list
        ? await api.put<List>(`/api/v1/lists/${list.id}`, body)
        : await api.post<List>("/api/v1/lists", body);
      onSaved(saved);
      if (!list) setTitle("");
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  };
  const id = list?.id ?? "new";
  return (
    <form class="form" onSubmit={submit}>
      {!list && <h2>{t("lists.create")}</h2>}
      <div class="form-row">
        <label>
          {t("lists.titleLabel")}
          <input
            name="title"
            required
            maxLength={256}
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </label>
        <label>
          {t("lists.replies")}
          <select
            id={`replies-${id}`}
            value={replies}
            onChange={(e) => setReplies(e.currentTarget.value as RepliesPolicy)}
          >
            <option value="list">{t("lists.replies.list")}</option>
            <option value="followed">{t("lists.replies.followed")}</option>
            <option value="none">{t("lists.replies.none")}</option>
          </select>
        </label>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={exclusive}
          onChange={(e) => setExclusive(e.currentTarget.checked)}
        />
        {t("lists.exclusive")}
      </label>
      <div class="form-row">
        <button type="submit" class="button" disabled={busy || title.trim() === ""}>
          {list ? t("lists.save") : t("lists.add")}
        </button>
        {onCancel && (
          <button type="button" class="button secondary" onClick={onCancel}>
            {t("lists.cancel")}
          </button>
        )}
      </div>
      <InlineError error={error} />
    </form>
  );
}

export function ListsScreen() {
  const request = useRequest(
    (signal) => api.get<List[]>("/api/v1/lists", undefined, signal),
    "lists",
  );
  const [editing, setEditing] = useState<string | null>(null);
  const lists = request.data ?? [];
  const replace = (next: List[]) => request.setData(next);
  return (
    <>
      <ScreenHeader title={t("lists.title")} />
      <ListForm onSaved={(list) => replace([...lists, list])} />
      {request.loading ? (
        <RowSkeletons count={3} />
      ) : request.error !== null ? (
        <ErrorBox message={request.error} onRetry={request.retry} />
      ) : (
        <ul class="rows" aria-label={t("lists.title")}>
          {lists.length === 0 && <li class="empty">{t("lists.empty")}</li>}
          {lists.map((list) =>
            editing === list.id ? (
              <li key={list.id}>
                <ListForm
                  list={list}
                  onCancel={() => setEditing(null)}
                  onSaved={(saved) => {
                    replace(lists.map((l) => (l.id === saved.id ? saved : l)));
                    setEditing(null);
                  }}
                />
              </li>
            ) : (
              <li key={list.id} class="row">
                <Link href={`/lists/${list.id}`} class="row-main">
                  {list.title}
                </Link>
                <span class="row-actions">
                  <Link href={`/lists/${list.id}/members`} class="button secondary">
                    {t("lists.members")}
                  </Link>
                  <button
                    type="button"
                    class="button secondary"
                    onClick={() => setEditing(list.id)}
                    aria-label={t("lists.editNamed", { title: list.title })}
                  >
                    {t("lists.edit")}
                  </button>
                  <ActionButton
                    danger
                    label={t("lists.deleteNamed", { title: list.title })}
                    action={async () => {
                      if (!confirm(t("lists.confirmDelete", { title: list.title }))) return;
                      await api.delete(`/api/v1/lists/${list.id}`);
                      replace(lists.filter((l) => l.id !== list.id));
                    }}
                  >
                    {t("lists.delete")}
                  </ActionButton>
                </span>
              </li>
            ),
          )}
        </ul>
      )}
    </>
  );
}
