// One status as a feed article: boost header, author, content (server-sanitized HTML with
// custom emoji), content warning toggle, media, poll, quote, preview card and actions.
// Mentions and hashtags inside the content open in the app.
import { useState } from "preact/hooks";
import type { Status } from "../api/types.ts";
import { t } from "../i18n/index.ts";
import { Link, navigate } from "../router.tsx";
import { emojifyHtml, emojifyText } from "../util/emoji.ts";
import { displayName, fullDate, relativeTime, statusPath } from "../util/format.ts";
import { EditHistoryButton } from "./edit-history.tsx";
import { Icon } from "./icon.tsx";
import { MediaGallery } from "./media-gallery.tsx";
import { PollView } from "./poll.tsx";
import { QuotedStatus } from "./quoted-status.tsx";
import { StatusActions } from "./status-actions.tsx";

export interface StatusCardProps {
  status: Status;
  /** Position in its feed (aria-posinset) and the feed's size (-1: unknown). */
  position?: number;
  setSize?: number;
  /** The thread's focused post: larger, with full date and counts. */
  focused?: boolean;
  /** Where it is shown, for the viewer's filters; omitted: every filter applies. */
  context?: FilterContext;
}

/** Opens mentions and hashtags of status content inside the app. */
export function onContentClick(event: MouseEvent, status: Status): void {
  const anchor = (event.target as Element).closest("a");
  if (anchor === null || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  const mention = status.mentions.find((m) => m.url === anchor.href);
  if (mention !== undefined) {
    event.preventDefault();
    navigate(`/@${mention.acct}`);
    return;
  }
  if (anchor.classList.contains("hashtag") || anchor.rel.includes("tag")) {
    const tag = status.tags.find((candidate) => candidate.url === anchor.href);
    const name = tag?.name ?? anchor.textContent?.replace(/^#/, "");
    if (name) {
      event.preventDefault();
      navigate(`/tags/${encodeURIComponent(name)}`);
    }
  }
}

export function StatusContent({ status }: { status: Status }) {
  const [expanded, setExpanded] = useState(false);
  const hasWarning = status.spoiler_text.trim() !== "";
  const body = (
    // The click handler only routes clicks on the links inside (keyboard-activated too).
    // biome-ignore lint/a11y/noStaticElementInteractions: event delegation for links.
    // biome-ignore lint/a11y/useKeyWithClickEvents: links inside handle their own keys.
    <div
      class="status-content"
      lang={status.language ?? undefined}
      onClick={(event) => onContentClick(event, status)}
      // The server sanitizes status HTML (and remote HTML on arrival) to a small allow-list.
      dangerouslySetInnerHTML={{ __html: emojifyHtml(status.content, status.emojis) }}
    />
  );
  if (!hasWarning) return body;
  return (
    <div class="content-warning">
      <p class="spoiler">
        <span
          dangerouslySetInnerHTML={{ __html: emojifyText(status.spoiler_text, status.emojis) }}
        />{" "}
        <button
          type="button"
          class="button secondary cw-toggle"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t("status.showLess") : t("status.showMore")}
        </button>
      </p>
      {expanded && body}
    </div>
  );
}

export function AccountName({ account }: { account: Status["account"] }) {
  return (
    <span
      class="display-name"
      dangerouslySetInnerHTML={{ __html: emojifyText(displayName(account), account.emojis) }}
    />
  );
}

/** Where a status is shown, as filters name it (a filter applies in some contexts only). */
export type FilterContext = "home" | "public" | "thread" | "account" | "notifications";

export function StatusCard({
  status: outer,
  position,
  setSize,
  focused,
  context,
}: StatusCardProps) {
  const status = outer.reblog ?? outer;
  const path = statusPath(status);
  const warned = status.spoiler_text.trim() !== "";
  const [showFiltered, setShowFiltered] = useState(false);
  // The viewer's filters: "hide" removes the post here, "warn" folds it behind its title.
  const matches = (outer.filtered ?? status.filtered ?? []).filter(
    (result) => context === undefined || result.filter.context.includes(context),
  );
  if (matches.some((result) => result.filter.filter_action === "hide")) return null;
  const warning = matches.find((result) => result.filter.filter_action === "warn");
  if (warning !== undefined && !showFiltered) {
    return (
      <article
        class="status filtered"
        data-status-id={status.id}
        aria-posinset={position}
        aria-setsize={setSize}
      >
        <p>
          {t("status.filtered", { title: warning.filter.title })}{" "}
          <button type="button" class="button secondary" onClick={() => setShowFiltered(true)}>
            {t("status.showAnyway")}
          </button>
        </p>
      </article>
    );
  }
  return (
    <article
      class={`status${focused ? " focused" : ""}`}
      data-status-id={status.id}
      // A feed's articles are focusable (WAI-ARIA feed pattern; j/k move between them).
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the feed pattern asks for it.
      tabIndex={0}
      aria-posinset={position}
      aria-setsize={setSize}
      aria-label={`${displayName(status.account)}, ${relativeTime(status.created_at)}`}
    >
      {outer.reblog && (
        <p class="status-prepend">
          <Icon name="boost" size={16} />
          <Link href={`/@${outer.account.acct}`}>
            {t("status.boostedBy", { name: displayName(outer.account) })}
          </Link>
        </p>
      )}
      <div class="status-body">
        <Link href={`/@${status.account.acct}`} class="status-avatar" tabIndex={-1}>
          <img src={status.account.avatar_static} alt="" width={46} height={46} class="avatar" />
        </Link>
        <div class="status-main">
          <header class="status-header">
            <Link href={`/@${status.account.acct}`} class="status-author">
              <AccountName account={status.account} />
              <span class="acct">@{status.account.acct}</span>
            </Link>
            {!focused && (
              <Link href={path} class="status-time">
                <time dateTime={status.created_at} title={fullDate(status.created_at)}>
                  {relativeTime(status.created_at)}
                </time>
              </Link>
            )}
          </header>
          <StatusContent status={status} />
          {status.media_attachments.length > 0 && (
            <MediaGallery media={status.media_attachments} sensitive={status.sensitive || warned} />
          )}
          {status.poll && <PollView poll={status.poll} status={status} />}
          {status.quote && <QuotedStatus quote={status.quote} />}
          {status.card && status.media_attachments.length === 0 && !status.quote && (
            <a
              class="preview-card"
              href={status.card.url}
              rel="noopener noreferrer"
              target="_blank"
            >
              <strong>{status.card.title}</strong>
              {status.card.description && <span>{status.card.description}</span>}
            </a>
          )}
          {focused && (
            <p class="status-meta">
              <time dateTime={status.created_at}>{fullDate(status.created_at)}</time>
              {status.edited_at && (
                <>
                  {" · "}
                  <EditHistoryButton statusId={status.id} editedAt={status.edited_at} />
                </>
              )}
              <span>
                {" "}
                · {t(`status.visibility.${status.visibility}` as "status.visibility.public")}
              </span>
            </p>
          )}
          <StatusActions status={status} />
        </div>
      </div>
    </article>
  );
}
