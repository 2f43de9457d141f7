// The action bar of a status: reply, boost, favourite, bookmark, quote, and a "more" menu
// (edit, delete, delete & redraft, pin, mute conversation, copy link, report). Buttons carry
// data-action so keyboard shortcuts (keyboard.ts) can press them on the focused post.
import { useRef, useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { Status, StatusSource } from "../api/types.ts";
import { openCompose } from "../compose-state.ts";
import { t } from "../i18n/index.ts";
import { me } from "../session.ts";
import { statusDeleted, statusUpdated } from "../status-events.ts";
import { useStore } from "../store.ts";
import { ErrorBox } from "./error-box.tsx";
import { Icon } from "./icon.tsx";
import { ReportDialog } from "./report-dialog.tsx";
import { errorMessage } from "./use-request.ts";

type Toggle = "favourite" | "reblog" | "bookmark" | "pin" | "mute";

const FLAG: Record<Toggle, keyof Status> = {
  favourite: "favourited",
  reblog: "reblogged",
  bookmark: "bookmarked",
  pin: "pinned",
  mute: "muted",
};

export function StatusActions({ status }: { status: Status }) {
  const account = useStore(me);
  const [error, setError] = useState<string | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [busy, setBusy] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  const own = account !== null && account.id === status.account.id;
  const canBoost = status.visibility === "public" || status.visibility === "unlisted" || own;

  const run = async (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (kind: Toggle) =>
    run(async () => {
      const on = status[FLAG[kind]] === true;
      const path = `/api/v1/statuses/${status.id}/${on ? `un${kind}` : kind}`;
      const updated = await api.post<Status>(path);
      // A boost answers with the boost wrapping the post; the post itself is what changed.
      statusUpdated(updated.reblog ?? updated);
    });

  const edit = () =>
    run(async () => {
      const source = await api.get<StatusSource>(`/api/v1/statuses/${status.id}/source`);
      openCompose({ edit: { status, text: source.text, spoiler: source.spoiler_text } });
    });

  const remove = (redraft: boolean) =>
    run(async () => {
      if (!confirm(redraft ? t("status.redraftConfirm") : t("status.deleteConfirm"))) return;
      const deleted = await api.delete<Status>(`/api/v1/statuses/${status.id}`);
      statusDeleted(status.id);
      if (redraft) {
        openCompose({
          text: deleted.text ?? "",
          spoiler: deleted.spoiler_text,
          visibility: deleted.visibility,
          media: deleted.media_attachments,
          redraftOf: status.id,
        });
      }
    });

  const item = (label: string, action: () => void, name?: string) => (
    <button
      type="button"
      role="menuitem"
      data-action={name}
      onClick={() => {
        setMenuOpen(false);
        action();
      }}
    >
      {label}
    </button>
  );

  return (
    <>
      <div class="status-actions">
        <button
          type="button"
          class="icon-button"
          data-action="reply"
          aria-label={t("status.reply")}
          onClick={() => openCompose({ replyTo: status })}
        >
          <Icon name="reply" />
          <span class="count">{status.replies_count || ""}</span>
        </button>
        <button
          type="button"
          class={`icon-button boost${status.reblogged ? " active" : ""}`}
          data-action="boost"
          aria-label={status.reblogged ? t("status.unboost") : t("status.boost")}
          aria-pressed={status.reblogged === true}
          disabled={!canBoost || busy}
          onClick={() => toggle("reblog")}
        >
          <Icon name="boost" />
          <span class="count">{status.reblogs_count || ""}</span>
        </button>
        <button
          type="button"
          class={`icon-button favourite${status.favourited ? " active" : ""}`}
          data-action="favourite"
          aria-label={status.favourited ? t("status.unfavourite") : t("status.favourite")}
          aria-pressed={status.favourited === true}
          disabled={busy}
          onClick={() => toggle("favourite")}
        >
          <Icon name="star" />
          <span class="count">{status.favourites_count || ""}</span>
        </button>
        <button
          type="button"
          class={`icon-button bookmark${status.bookmarked ? " active" : ""}`}
          data-action="bookmark"
          aria-label={status.bookmarked ? t("status.unbookmark") : t("status.bookmark")}
          aria-pressed={status.bookmarked === true}
          disabled={busy}
          onClick={() => toggle("bookmark")}
        >
          <Icon name="bookmark" />
        </button>
        <button
          type="button"
          class="icon-button"
          data-action="quote"
          aria-label={t("status.quote")}
          disabled={status.visibility !== "public" && status.visibility !== "unlisted"}
          onClick={() => openCompose({ quote: status })}
        >
          <Icon name="quote" />
        </button>
        <div class="menu-wrap" ref={menu}>
          <button
            type="button"
            class="icon-button"
            aria-label={t("status.more")}
            aria-haspopup="menu"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <Icon name="more" />
          </button>
          {menuOpen && (
            <div
              class="menu"
              role="menu"
              onKeyDown={(event) => {
                if (event.key === "Escape") setMenuOpen(false);
              }}
            >
              {own && item(t("status.edit"), edit, "edit")}
              {own && item(t("status.delete"), () => remove(false), "delete")}
              {own && item(t("status.redraft"), () => remove(true), "redraft")}
              {own &&
                (status.visibility === "public" || status.visibility === "unlisted") &&
                item(status.pinned ? t("status.unpin") : t("status.pin"), () => toggle("pin"))}
              {item(
                status.muted ? t("status.unmuteConversation") : t("status.muteConversation"),
                () => toggle("mute"),
              )}
              {status.url &&
                item(t("status.copyLink"), () => void navigator.clipboard?.writeText(status.url!))}
              {!own && item(t("status.report"), () => setReporting(true), "report")}
            </div>
          )}
        </div>
      </div>
      {error && <ErrorBox message={error} />}
      {reporting && <ReportDialog status={status} onClose={() => setReporting(false)} />}
    </>
  );
}
