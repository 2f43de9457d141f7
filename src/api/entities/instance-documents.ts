// The instance's sub-resources:
// ExtendedDescription — https://docs.joinmastodon.org/entities/ExtendedDescription/
// PrivacyPolicy — https://docs.joinmastodon.org/entities/PrivacyPolicy/
// TermsOfService — https://docs.joinmastodon.org/entities/TermsOfService/
// and the weekly activity of GET /api/v1/instance/activity.
import type { WeekActivity } from "../../repos/instance-activity.ts";
import type { InstanceDocument } from "../../services/instance/get-instance-documents.ts";
import { textToHtml } from "./text.ts";

export interface ExtendedDescription {
  updated_at: string;
  content: string;
}

export type PrivacyPolicy = ExtendedDescription;

export interface TermsOfService {
  effective_date: string;
  effective: boolean;
  content: string;
  succeeded_by: string | null;
}

/** One week of GET /api/v1/instance/activity; Mastodon sends every number as a string. */
export interface Activity {
  week: string;
  statuses: string;
  logins: string;
  registrations: string;
}

export function toExtendedDescription(document: InstanceDocument): ExtendedDescription {
  return { updated_at: document.updatedAt, content: textToHtml(document.text) };
}

export function toPrivacyPolicy(document: InstanceDocument): PrivacyPolicy {
  return { updated_at: document.updatedAt, content: textToHtml(document.text) };
}

export function toTermsOfService(terms: { text: string; effectiveDate: string }): TermsOfService {
  return {
    effective_date: terms.effectiveDate,
    effective: true,
    content: textToHtml(terms.text),
    succeeded_by: null,
  };
}

export function toActivity(week: WeekActivity): Activity {
  return {
    // Midnight UTC of the week's Monday, in Unix seconds.
    week: String(Date.parse(`${week.week}T00:00:00Z`) / 1000),
    statuses: String(week.statuses),
    logins: String(week.logins),
    registrations: String(week.registrations),
  };
}
