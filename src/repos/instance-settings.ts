import type { Db } from "../db/index.ts";
import {
  DEFAULT_SETTINGS,
  type InstanceSettings,
  isSettingKey,
  type SettingKey,
} from "../domain/instance-settings.ts";

/** All settings, stored values over defaults. Unknown stored keys are ignored. */
export async function loadSettings(db: Db): Promise<InstanceSettings> {
  const rows = await db.selectFrom("instance_settings").select(["key", "value"]).execute();
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) if (isSettingKey(row.key)) settings[row.key] = row.value;
  return settings as unknown as InstanceSettings;
}

/** The newest change of any of the given settings, or null when none was ever set. */
export async function settingsUpdatedAt(db: Db, keys: SettingKey[]): Promise<string | null> {
  const row = await db
    .selectFrom("instance_settings")
    .select((eb) => eb.fn.max("updated_at").as("updated_at"))
    .where("key", "in", keys)
    .executeTakeFirst();
  return (row?.updated_at as string | null | undefined) ?? null;
}

export async function saveSetting<K extends SettingKey>(
  db: Db,
  key: K,
  value: InstanceSettings[K],
  now: Date,
): Promise<void> {
  const json = JSON.stringify(value);
  const updatedAt = now.toISOString();
  await db
    .insertInto("instance_settings")
    .values({ key, value: json, updated_at: updatedAt })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updated_at: updatedAt }))
    .execute();
}
