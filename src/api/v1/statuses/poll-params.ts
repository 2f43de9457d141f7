// The parts of POST /api/v1/statuses for polls and scheduling, read from Rails-style
// (`poll[options][]=a`, `poll[expires_in]=300`) or JSON bodies.
import type { PollInput } from "../../../domain/polls.ts";
import { parseScheduledAt, SCHEDULE_ERRORS } from "../../../domain/scheduling.ts";
import { unprocessable } from "../../../lib/errors.ts";
import {
  optionalBoolean,
  optionalInteger,
  optionalString,
  type Params,
  stringList,
} from "../../params.ts";

/** `poll[...]`, or undefined when absent or blank (Mastodon ignores a blank poll). */
export function readPoll(params: Params): PollInput | undefined {
  const raw = params.poll;
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw !== "object" || Array.isArray(raw))
    throw unprocessable("Validation failed: poll must be an object");
  const poll = raw as Params;
  if (Object.keys(poll).length === 0) return undefined;
  return {
    options: stringList(poll, "options"),
    // Missing: no end, which Mastodon refuses as "too far into the future".
    expiresIn: optionalInteger(poll, "expires_in") ?? Number.NaN,
    multiple: optionalBoolean(poll, "multiple") ?? false,
    hideTotals: optionalBoolean(poll, "hide_totals") ?? false,
  };
}

/** `scheduled_at`: an ISO-8601 time, or undefined. */
export function readScheduledAt(params: Params): Date | undefined {
  const value = optionalString(params, "scheduled_at");
  if (value === undefined || value.trim() === "") return undefined;
  const at = parseScheduledAt(value.trim());
  if (at === undefined) throw unprocessable(SCHEDULE_ERRORS.invalid);
  return at;
}
