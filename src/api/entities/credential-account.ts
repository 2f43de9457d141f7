// CredentialAccount — https://docs.joinmastodon.org/entities/Account/#CredentialAccount
// The signed-in person's own Account, plus `source` (what they typed, for the edit form) and
// their full `role`.
import type { RoleDefinition } from "../../domain/permissions.ts";
import type { UserSettings } from "../../domain/user-settings.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { type Account, type AccountExtras, type Field, toAccount } from "./account.ts";
import { type Role, toRole } from "./role.ts";

export interface Source {
  privacy: UserSettings["defaultPrivacy"];
  sensitive: boolean;
  language: string | null;
  note: string;
  fields: Field[];
  follow_requests_count: number;
  hide_collections: boolean | null;
  discoverable: boolean | null;
  indexable: boolean;
  attribution_domains: string[];
  quote_policy: "public" | "followers" | "nobody";
}

export interface CredentialAccount extends Account {
  source: Source;
  role: Role;
}

export interface CredentialAccountInput {
  account: AccountRow;
  role: RoleDefinition;
  settings: UserSettings;
  /** Pending follow requests (follows come with a later issue). */
  followRequestsCount?: number;
}

export function toCredentialAccount(
  input: CredentialAccountInput,
  baseUrl: string,
  extras: Omit<AccountExtras, "role"> = {},
): CredentialAccount {
  const { account, role, settings } = input;
  return {
    ...toAccount(account, baseUrl, { ...extras, role }),
    source: {
      privacy: settings.defaultPrivacy,
      sensitive: settings.defaultSensitive,
      language: settings.defaultLanguage,
      note: account.note_source ?? "",
      // Values as typed: clients put them back in the edit form.
      fields: (account.fields ?? []).map((f) => ({
        name: f.name,
        value: f.source ?? f.value,
        verified_at: f.verified_at ?? null,
      })),
      follow_requests_count: input.followRequestsCount ?? 0,
      hide_collections: account.hide_collections ?? false,
      discoverable: account.discoverable,
      indexable: Boolean(account.indexable),
      attribution_domains: [],
      quote_policy: settings.defaultQuotePolicy,
    },
    role: toRole(role),
  };
}
