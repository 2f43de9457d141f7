// The instance's long texts: extended description, privacy policy, terms of service. Each is
// a setting in plain text; these say what to show and since when.
import type { AppContext } from "../../context.ts";
import { loadSettings, settingsUpdatedAt } from "../../repos/instance-settings.ts";
import {
  DEFAULT_PRIVACY_POLICY_UPDATED_AT,
  defaultPrivacyPolicy,
} from "./default-privacy-policy.ts";

export interface InstanceDocument {
  /** Plain text, blank lines between paragraphs. */
  text: string;
  /** ISO 8601. */
  updatedAt: string;
}

/** The about text; dated from when it was last set, or from the server's start when never. */
export async function getExtendedDescription(ctx: AppContext): Promise<InstanceDocument> {
  const [settings, updatedAt] = await Promise.all([
    loadSettings(ctx.db),
    settingsUpdatedAt(ctx.db, ["extended_description"]),
  ]);
  return {
    text: settings.extended_description,
    updatedAt: updatedAt ?? ctx.startedAt.toISOString(),
  };
}

/** The privacy policy: the administrator's, or the default one when none is set. */
export async function getPrivacyPolicy(ctx: AppContext): Promise<InstanceDocument> {
  const [settings, updatedAt] = await Promise.all([
    loadSettings(ctx.db),
    settingsUpdatedAt(ctx.db, ["privacy_policy"]),
  ]);
  if (settings.privacy_policy.trim() !== "") {
    return { text: settings.privacy_policy, updatedAt: updatedAt ?? ctx.startedAt.toISOString() };
  }
  const text = defaultPrivacyPolicy({
    title: settings.title,
    domain: ctx.config.domain,
    contactEmail: settings.contact_email,
  });
  // Cleared after being set: the default has applied since then.
  const since =
    updatedAt !== null && updatedAt > DEFAULT_PRIVACY_POLICY_UPDATED_AT
      ? updatedAt
      : DEFAULT_PRIVACY_POLICY_UPDATED_AT;
  return { text, updatedAt: since };
}

export type TermsOfServiceResult =
  | { type: "none" }
  | {
      type: "ok";
      text: string;
      /** YYYY-MM-DD, the day the current terms were set. */
      effectiveDate: string;
    };

/**
 * The current terms of service. There is one version: setting new terms makes them effective
 * at once (Mastodon's scheduled versions, `succeeded_by`, come with the admin interface).
 */
export async function getTermsOfService(ctx: AppContext): Promise<TermsOfServiceResult> {
  const [settings, updatedAt] = await Promise.all([
    loadSettings(ctx.db),
    settingsUpdatedAt(ctx.db, ["terms_of_service"]),
  ]);
  if (settings.terms_of_service.trim() === "") return { type: "none" };
  const since = updatedAt ?? ctx.startedAt.toISOString();
  return { type: "ok", text: settings.terms_of_service, effectiveDate: since.slice(0, 10) };
}
