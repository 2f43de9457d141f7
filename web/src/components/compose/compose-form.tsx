// The composer: text with a live character count (the instance's max_characters), content
// warning, visibility, language, media with alt text and focal point, poll, custom emoji,
// @/#/: autocomplete, reply or quote context, scheduling. Errors show in place; the draft is
// kept until a post succeeds.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ComposeRequest } from "../../compose-state.ts";
import { locale, t } from "../../i18n/index.ts";
import { instance } from "../../session.ts";
import { useStore } from "../../store.ts";
import { ErrorBox } from "../error-box.tsx";
import { Icon } from "../icon.tsx";
import { AccountName } from "../status.tsx";
import { Autocomplete } from "./autocomplete-list.tsx";
import { countCharacters, graphemeLength } from "./count.ts";
import { EmojiPicker } from "./emoji-picker.tsx";
import { MediaEditor } from "./media-editor.tsx";
import { PollEditor } from "./poll-editor.tsx";
import { useCompose } from "./use-compose.ts";

const VISIBILITIES = ["public", "unlisted", "private", "direct"] as const;
const LANGUAGES = ["en", "de", "es", "fr", "it", "ja", "nl", "pl", "pt", "sv", "uk", "zh"];
const languageNames = new Intl.DisplayNames([locale], { type: "language" });

function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function ComposeForm({
  request,
  onDone,
}: {
  request: ComposeRequest;
  onDone: (result: "posted" | "scheduled") => void;
}) {
  const info = useStore(instance);
  const compose = useCompose(request, onDone);
  const { draft, setDraft } = compose;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState(0);
  const limits = info?.configuration;
  const max = limits?.statuses.max_characters ?? 500;
  const perUrl = limits?.statuses.characters_reserved_per_url ?? 23;
  const used =
    countCharacters(draft.text, perUrl) + (draft.warning ? graphemeLength(draft.spoiler) : 0);
  const left = max - used;
  // Posting waits for uploads and their processing (the server refuses unprocessed media).
  const uploading = compose.uploads.some(
    (u) => u.error === null && (u.media === null || u.media.url === null),
  );
  const maxMedia = limits?.statuses.max_media_attachments ?? 4;
  const empty = draft.text.trim() === "" && compose.uploads.length === 0;
  const context = draft.replyTo ?? draft.quote;

  useEffect(() => {
    const element = textarea.current;
    if (element === null) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);

  const insertAt = (start: number, end: number, text: string) => {
    const next = `${draft.text.slice(0, start)}${text}${draft.text.slice(end)}`;
    setDraft({ text: next });
    const position = start + text.length;
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(position, position);
      setCaret(position);
    });
  };

  return (
    <form
      class="compose-form"
      onSubmit={(event) => {
        event.preventDefault();
        void compose.submit();
      }}
    >
      {compose.restored && <p class="muted">{t("compose.draftRestored")}</p>}
      {compose.editing && <p class="compose-context">{t("compose.editing")}</p>}
      {context && (
        <div class="compose-context">
          <span>
            {draft.replyTo
              ? t("compose.replyingTo", { acct: `@${context.account.acct}` })
              : t("compose.quoting", { acct: `@${context.account.acct}` })}{" "}
            <AccountName account={context.account} />
          </span>
          <button
            type="button"
            class="icon-button"
            aria-label={draft.replyTo ? t("compose.cancelReply") : t("compose.cancelQuote")}
            onClick={() => setDraft(draft.replyTo ? { replyTo: null } : { quote: null })}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
      {draft.warning && (
        <input
          type="text"
          class="compose-cw"
          value={draft.spoiler}
          placeholder={t("compose.cwPlaceholder")}
          aria-label={t("compose.cw")}
          onInput={(event) => setDraft({ spoiler: (event.target as HTMLInputElement).value })}
        />
      )}
      <div class="compose-text">
        <textarea
          ref={textarea}
          value={draft.text}
          rows={5}
          lang={draft.language}
          placeholder={t("compose.placeholder")}
          aria-label={t("compose.label")}
          aria-describedby="compose-count"
          onInput={(event) => {
            const element = event.target as HTMLTextAreaElement;
            setDraft({ text: element.value });
            setCaret(element.selectionStart);
          }}
          onKeyUp={(event) => setCaret((event.target as HTMLTextAreaElement).selectionStart)}
          onClick={(event) => setCaret((event.target as HTMLTextAreaElement).selectionStart)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void compose.submit();
            }
          }}
        />
        <Autocomplete text={draft.text} caret={caret} textarea={textarea} onPick={insertAt} />
      </div>
      {compose.uploads.length > 0 && (
        <div class="compose-media">
          {compose.uploads.map((item) => (
            <MediaEditor
              key={item.key}
              item={item}
              descriptionLimit={limits?.media_attachments.description_limit ?? 1500}
              onDescription={(description) => compose.setMedia(item.key, { description })}
              onFocus={(focus) => compose.setMedia(item.key, { focus })}
              onRemove={() => compose.removeMedia(item.key)}
            />
          ))}
        </div>
      )}
      {draft.poll && (
        <PollEditor
          poll={draft.poll}
          maxOptions={limits?.polls.max_options ?? 4}
          maxLength={limits?.polls.max_characters_per_option ?? 50}
          onChange={(poll) => setDraft({ poll })}
        />
      )}
      <div class="compose-tools">
        <input
          ref={files}
          type="file"
          multiple
          hidden
          accept={(
            limits?.media_attachments.supported_mime_types ?? ["image/*", "video/*", "audio/*"]
          ).join(",")}
          onChange={(event) => {
            const input = event.target as HTMLInputElement;
            if (input.files) compose.addFiles(input.files);
            input.value = "";
          }}
        />
        <button
          type="button"
          class="icon-button"
          aria-label={t("compose.addMedia")}
          title={t("compose.addMedia")}
          disabled={compose.uploads.length >= maxMedia || draft.poll !== null}
          onClick={() => files.current?.click()}
        >
          <Icon name="image" />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={draft.poll ? t("compose.removePoll") : t("compose.addPoll")}
          aria-pressed={draft.poll !== null}
          disabled={compose.uploads.length > 0 || compose.editing !== null}
          onClick={() =>
            setDraft({
              poll: draft.poll ? null : { options: ["", ""], expiresIn: 86400, multiple: false },
            })
          }
        >
          <Icon name="poll" />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={t("compose.cwToggle")}
          aria-pressed={draft.warning}
          onClick={() => setDraft({ warning: !draft.warning })}
        >
          <Icon name="warning" />
        </button>
        <EmojiPicker
          onPick={(code) => {
            const at = textarea.current?.selectionStart ?? draft.text.length;
            const pad = at > 0 && !/\s$/.test(draft.text.slice(0, at)) ? " " : "";
            insertAt(at, at, `${pad}:${code}: `);
          }}
        />
        <select
          value={draft.visibility}
          aria-label={t("compose.visibility")}
          disabled={compose.editing !== null}
          onChange={(event) => setDraft({ visibility: (event.target as HTMLSelectElement).value })}
        >
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {t(`status.visibility.${v}`)}
            </option>
          ))}
        </select>
        <select
          value={draft.language}
          aria-label={t("compose.language")}
          onChange={(event) => setDraft({ language: (event.target as HTMLSelectElement).value })}
        >
          {[...new Set([draft.language, ...LANGUAGES])].map((code) => (
            <option key={code} value={code}>
              {languageName(code)}
            </option>
          ))}
        </select>
      </div>
      {compose.editing === null && (
        <label class="compose-schedule">
          {t("compose.scheduleAt")}{" "}
          <input
            type="datetime-local"
            value={draft.scheduledAt}
            onInput={(event) => setDraft({ scheduledAt: (event.target as HTMLInputElement).value })}
          />
        </label>
      )}
      {compose.error !== null && <ErrorBox message={compose.error} />}
      <div class="compose-footer">
        <span id="compose-count" class={`char-count${left < 0 ? " over" : ""}`} aria-live="polite">
          {left >= 0
            ? t("compose.charsLeft", { count: left })
            : t("compose.tooLong", { count: -left })}
        </span>
        {compose.editing === null && !empty && (
          <button type="button" class="button secondary" onClick={compose.discard}>
            {t("compose.discard")}
          </button>
        )}
        <button
          type="submit"
          class="button"
          disabled={left < 0 || empty || uploading || compose.submitting}
        >
          {compose.editing
            ? t("compose.submitEdit")
            : draft.scheduledAt !== ""
              ? t("compose.schedule")
              : t("compose.submit")}
        </button>
      </div>
    </form>
  );
}
