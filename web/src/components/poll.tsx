// A poll: choices to vote on while it is open and unvoted, results otherwise.
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { Poll, Status } from "../api/types.ts";
import { t } from "../i18n/index.ts";
import { statusUpdated } from "../status-events.ts";
import { emojifyText } from "../util/emoji.ts";
import { fullDate } from "../util/format.ts";
import { errorMessage } from "./use-request.ts";

export function PollView({ poll: initial, status }: { poll: Poll; status: Status }) {
  const [poll, setPoll] = useState(initial);
  const [chosen, setChosen] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [showResults, setShowResults] = useState(false);
  const results = poll.expired || poll.voted === true || showResults;
  const total = poll.voters_count ?? poll.votes_count;

  const vote = async () => {
    setError(null);
    try {
      const updated = await api.post<Poll>(`/api/v1/polls/${poll.id}/votes`, { choices: chosen });
      setPoll(updated);
      statusUpdated({ ...status, poll: updated });
    } catch (reason) {
      setError(errorMessage(reason));
    }
  };
  const name = `poll-${poll.id}`;
  return (
    <fieldset class="poll">
      <legend class="visually-hidden">{t("poll.vote")}</legend>
      {poll.options.map((option, index) => {
        const votes = option.votes_count ?? 0;
        const percent = poll.votes_count === 0 ? 0 : Math.round((votes / poll.votes_count) * 100);
        const label = (
          <span dangerouslySetInnerHTML={{ __html: emojifyText(option.title, poll.emojis) }} />
        );
        if (results) {
          return (
            <div class="poll-result" key={option.title}>
              <span class="poll-bar" style={{ width: `${percent}%` }} />
              <strong>{option.votes_count === null ? "" : `${percent}%`}</strong> {label}
              {poll.own_votes?.includes(index) && " ✓"}
            </div>
          );
        }
        return (
          <label class="poll-option" key={option.title}>
            <input
              type={poll.multiple ? "checkbox" : "radio"}
              name={name}
              checked={chosen.includes(index)}
              onChange={(event) => {
                const on = (event.target as HTMLInputElement).checked;
                if (!poll.multiple) setChosen([index]);
                else setChosen(on ? [...chosen, index] : chosen.filter((i) => i !== index));
              }}
            />{" "}
            {label}
          </label>
        );
      })}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <p class="poll-footer">
        {!results && (
          <>
            <button type="button" class="button" disabled={chosen.length === 0} onClick={vote}>
              {t("poll.vote")}
            </button>{" "}
            <button type="button" class="icon-button" onClick={() => setShowResults(true)}>
              {t("poll.showResults")}
            </button>{" "}
          </>
        )}
        {t("poll.voters", { count: total })} ·{" "}
        {poll.expired || poll.expires_at === null
          ? t("poll.closed")
          : t("poll.endsAt", { date: fullDate(poll.expires_at) })}
      </p>
    </fieldset>
  );
}
