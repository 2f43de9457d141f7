// Filters (GET /api/v2/filters): words that hide or warn about posts in chosen places. Create
// one (title, where it applies, hide or warn, how long, its keywords one per line), edit it —
// keywords removed from the text are deleted, new lines added — or delete it.
import { useState } from "preact/hooks";
import type { FilterEntity } from "../../../src/api/entities/filter.ts";
import { api } from "../api/client.ts";
import { ActionButton } from "../components/action-button.tsx";
import { ErrorBox, InlineError } from "../components/error-box.tsx";
import { RowSkeletons } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { errorMessage, useRequest } from "../components/use-request.ts";
import { t } from "../i18n/index.ts";
import "../styles/screens.css";

const CONTEXTS = ["home", "notifications", "public", "thread", "account"] as const;
/** Seconds, as `expires_in` takes them; 0: never. */
const DURATIONS = [0, 1800, 3600, 21600, 43200, 86400, 604800] as const;

function FilterForm({
  filter,
  onSaved,
  onCancel,
}: {
  filter?: FilterEntity;
  onSaved: (filter: FilterEntity) => void;
  onCancel?: () => void;
}) {
  const [title, setTitle] = useState(filter?.title ?? "");
  const [contexts, setContexts] = useState<string[]>(filter?.context ?? ["home", "public"]);
  const [action, setAction] = useState(filter?.filter_action ?? "warn");
  const [expiresIn, setExpiresIn] = useState(0);
  const [words, setWords] = useState((filter?.keywords ?? []).map((k) => k.keyword).join("\n"));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const wanted = [...new Set(words.split("\n").map((w) => w.trim()))].filter((w) => w !== "");
    const existing = filter?.keywords ?? [];
    const keywords = [
      ...existing
        .filter((k) => !wanted.includes(k.keyword))
        .map((k) => ({ id: k.id, _destroy: true })),
      ...wanted
        .filter((w) => !existing.some((k) => k.keyword === w))
        .map((keyword) => ({ keyword, whole_word: true })),
    ];
    const body = {
      title,
      context: contexts,
      filter_action: action,
      ...(filter === undefined || expiresIn !== 0 ? { expires_in: expiresIn || "" } : {}),
      keywords_attributes: keywords,
    };
    try {
      const saved = filter
        ? await api.put<FilterEntity>(`/api/v2/filters/${filter.id}`, body)
        : await api.post<FilterEntity>("/api/v2/filters", body);
      onSaved(saved);
      if (!filter) {
        setTitle("");
        setWords("");
      }
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit}>
      {!filter && <h2>{t("filters.create")}</h2>}
      <label>
        {t("filters.titleLabel")}
        <input
          required
          maxLength={256}
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <fieldset>
        <legend>{t("filters.where")}</legend>
        {CONTEXTS.map((context) => (
          <label class="check" key={context}>
            <input
              type="checkbox"
              checked={contexts.includes(context)}
              onChange={(e) =>
                setContexts(
                  e.currentTarget.checked
                    ? [...contexts, context]
                    : contexts.filter((c) => c !== context),
                )
              }
            />
            {t(`filters.context.${context}`)}
          </label>
        ))}
      </fieldset>
      <div class="form-row">
        <label>
          {t("filters.action")}
          <select value={action} onChange={(e) => setAction(e.currentTarget.value)}>
            <option value="warn">{t("filters.action.warn")}</option>
            <option value="blur">{t("filters.action.blur")}</option>
            <option value="hide">{t("filters.action.hide")}</option>
          </select>
        </label>
        <label>
          {t("filters.expires")}
          <select
            value={String(expiresIn)}
            onChange={(e) => setExpiresIn(Number(e.currentTarget.value))}
          >
            {DURATIONS.map((seconds) => (
              <option key={seconds} value={String(seconds)}>
                {seconds === 0
                  ? filter
                    ? t("filters.keepExpiry")
                    : t("filters.never")
                  : t("filters.duration", { hours: seconds / 3600 })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t("filters.keywords")}
        <textarea rows={4} value={words} onInput={(e) => setWords(e.currentTarget.value)} />
      </label>
      <p class="hint">{t("filters.keywordsHint")}</p>
      <div class="form-row">
        <button
          type="submit"
          class="button"
          disabled={busy || title.trim() === "" || contexts.length === 0}
        >
          {filter ? t("filters.save") : t("filters.add")}
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

export function FiltersScreen() {
  const request = useRequest(
    (signal) => api.get<FilterEntity[]>("/api/v2/filters", undefined, signal),
    "filters",
  );
  const [editing, setEditing] = useState<string | null>(null);
  const filters = request.data ?? [];
  return (
    <>
      <ScreenHeader title={t("filters.title")} back />
      <FilterForm onSaved={(filter) => request.setData([...filters, filter])} />
      {request.loading ? (
        <RowSkeletons count={2} />
      ) : request.error !== null ? (
        <ErrorBox message={request.error} onRetry={request.retry} />
      ) : (
        <ul class="rows" aria-label={t("filters.title")}>
          {filters.length === 0 && <li class="empty">{t("filters.empty")}</li>}
          {filters.map((filter) =>
            editing === filter.id ? (
              <li key={filter.id}>
                <FilterForm
                  filter={filter}
                  onCancel={() => setEditing(null)}
                  onSaved={(saved) => {
                    request.setData(filters.map((f) => (f.id === saved.id ? saved : f)));
                    setEditing(null);
                  }}
                />
              </li>
            ) : (
              <li key={filter.id} class="row">
                <span class="row-main">
                  <strong>{filter.title}</strong>
                  <br />
                  <span class="muted">
                    {(filter.keywords ?? []).map((k) => k.keyword).join(", ") ||
                      t("filters.noKeywords")}
                    {" · "}
                    {filter.context
                      .map((c) => t(`filters.context.${c}` as "filters.context.home"))
                      .join(", ")}
                  </span>
                </span>
                <span class="row-actions">
                  <button
                    type="button"
                    class="button secondary"
                    aria-label={t("filters.editNamed", { title: filter.title })}
                    onClick={() => setEditing(filter.id)}
                  >
                    {t("filters.edit")}
                  </button>
                  <ActionButton
                    danger
                    label={t("filters.deleteNamed", { title: filter.title })}
                    action={async () => {
                      await api.delete(`/api/v2/filters/${filter.id}`);
                      request.setData(filters.filter((f) => f.id !== filter.id));
                    }}
                  >
                    {t("filters.delete")}
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
