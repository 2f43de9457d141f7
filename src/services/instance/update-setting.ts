// Changing one instance setting from text an administrator typed (`hearth settings set`, later
// the admin UI). The rules per setting are in domain/instance-settings.ts.
import type { AppContext } from "../../context.ts";
import {
  type InstanceSettings,
  isSettingKey,
  parseSetting,
  SETTING_KEYS,
  type SettingKey,
} from "../../domain/instance-settings.ts";
import { findLocalAccountByUsername } from "../../repos/accounts.ts";
import { saveSetting } from "../../repos/instance-settings.ts";

export type UpdateSettingResult =
  | { type: "ok"; key: SettingKey; value: InstanceSettings[SettingKey] }
  | { type: "unknown-key"; key: string; knownKeys: readonly SettingKey[] }
  | { type: "invalid"; key: SettingKey; message: string };

/** Validates and stores one setting. */
export async function updateSetting(
  ctx: AppContext,
  key: string,
  text: string,
): Promise<UpdateSettingResult> {
  if (!isSettingKey(key)) return { type: "unknown-key", key, knownKeys: SETTING_KEYS };
  // People write accounts as @name; the domain rule checks the bare name.
  const input = key === "contact_account" ? text.trim().replace(/^@/, "") : text;
  const parsed = parseSetting(key, input);
  if (!parsed.ok) return { type: "invalid", key, message: parsed.error };
  let value: InstanceSettings[SettingKey] = parsed.value;
  if (key === "contact_account" && value !== "") {
    // Clients link to this account: it has to exist here. Store its name as it is spelt.
    const account = await findLocalAccountByUsername(ctx.db, value as string);
    if (account === undefined)
      return {
        type: "invalid",
        key,
        message: `contact_account: there is no local account @${value}`,
      };
    value = account.username;
  }
  await saveSetting(ctx.db, key, value, ctx.clock.now());
  return { type: "ok", key, value };
}
