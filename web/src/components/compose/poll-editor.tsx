// The poll part of the composer: options (up to the instance's limit), several choices or
// one, and a duration.
import { t } from "../../i18n/index.ts";
import { Icon } from "../icon.tsx";
import type { PollDraft } from "./drafts.ts";

const DURATIONS: [number, "5m" | "30m" | "1h" | "6h" | "1d" | "3d" | "7d"][] = [
  [300, "5m"],
  [1800, "30m"],
  [3600, "1h"],
  [21600, "6h"],
  [86400, "1d"],
  [259200, "3d"],
  [604800, "7d"],
];

export function PollEditor({
  poll,
  maxOptions,
  maxLength,
  onChange,
}: {
  poll: PollDraft;
  maxOptions: number;
  maxLength: number;
  onChange: (poll: PollDraft) => void;
}) {
  const setOption = (index: number, value: string) =>
    onChange({ ...poll, options: poll.options.map((o, i) => (i === index ? value : o)) });
  return (
    <fieldset class="poll-editor">
      <legend class="visually-hidden">{t("compose.addPoll")}</legend>
      {poll.options.map((option, index) => (
        <div class="poll-editor-option" key={index}>
          <input
            type="text"
            value={option}
            maxLength={maxLength}
            aria-label={t("compose.pollOption", { n: index + 1 })}
            placeholder={t("compose.pollOption", { n: index + 1 })}
            onInput={(event) => setOption(index, (event.target as HTMLInputElement).value)}
          />
          {poll.options.length > 2 && (
            <button
              type="button"
              class="icon-button"
              aria-label={t("compose.pollRemoveOption", { n: index + 1 })}
              onClick={() =>
                onChange({ ...poll, options: poll.options.filter((_, i) => i !== index) })
              }
            >
              <Icon name="close" size={16} />
            </button>
          )}
        </div>
      ))}
      <div class="poll-editor-settings">
        {poll.options.length < maxOptions && (
          <button
            type="button"
            class="button secondary"
            onClick={() => onChange({ ...poll, options: [...poll.options, ""] })}
          >
            {t("compose.pollAddOption")}
          </button>
        )}
        <label class="choice">
          <input
            type="checkbox"
            checked={poll.multiple}
            onChange={(event) =>
              onChange({ ...poll, multiple: (event.target as HTMLInputElement).checked })
            }
          />{" "}
          {t("compose.pollMultiple")}
        </label>
        <label>
          <span class="visually-hidden">{t("compose.pollDuration")}</span>
          <select
            value={String(poll.expiresIn)}
            aria-label={t("compose.pollDuration")}
            onChange={(event) =>
              onChange({ ...poll, expiresIn: Number((event.target as HTMLSelectElement).value) })
            }
          >
            {DURATIONS.map(([seconds, name]) => (
              <option key={seconds} value={String(seconds)}>
                {t(`compose.duration.${name}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </fieldset>
  );
}
