// Editing one's profile inside the app (/settings/profile): display name, bio, avatar and
// header pictures, up to the server's number of extra fields, and whether followers need
// approval, the account is a bot, and it is listed in the directory. Saved in one
// PATCH /api/v1/accounts/update_credentials (multipart, as the pictures need).
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { CredentialAccount } from "../api/types.ts";
import { ScreenHeader } from "../components/screen-header.tsx";
import { errorMessage } from "../components/use-request.ts";
import { t } from "../i18n/index.ts";
import { Link } from "../router.tsx";
import { instance, me } from "../session.ts";
import { useStore } from "../store.ts";
import "../styles/screens.css";
import { InlineError } from "../components/error-box.tsx";

export function EditProfileScreen() {
  const account = useStore(me);
  const limits = useStore(instance)?.configuration.accounts;
  const maxFields = limits?.max_profile_fields ?? 4;
  const [name, setName] = useState(account?.display_name ?? "");
  const [note, setNote] = useState(account?.source.note ?? "");
  const [fields, setFields] = useState(() => {
    const given = (account?.source.fields ?? []).map((f) => ({ name: f.name, value: f.value }));
    while (given.length < maxFields) given.push({ name: "", value: "" });
    return given;
  });
  const [locked, setLocked] = useState(account?.locked ?? false);
  const [bot, setBot] = useState(account?.bot ?? false);
  const [discoverable, setDiscoverable] = useState(account?.discoverable ?? false);
  const [avatar, setAvatar] = useState<File | null>(null);
  const [header, setHeader] = useState<File | null>(null);
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  const [error, setError] = useState<string | null>(null);
  if (account === null) return null;

  const save = async (event: Event) => {
    event.preventDefault();
    setState("saving");
    setError(null);
    const form = new FormData();
    form.set("display_name", name);
    form.set("note", note);
    form.set("locked", String(locked));
    form.set("bot", String(bot));
    form.set("discoverable", String(discoverable));
    fields.forEach((field, i) => {
      form.set(`fields_attributes[${i}][name]`, field.name);
      form.set(`fields_attributes[${i}][value]`, field.value);
    });
    if (avatar !== null) form.set("avatar", avatar);
    if (header !== null) form.set("header", header);
    try {
      me.set(await api.patch<CredentialAccount>("/api/v1/accounts/update_credentials", form));
      setAvatar(null);
      setHeader(null);
      setState("saved");
    } catch (reason) {
      setError(errorMessage(reason));
      setState("idle");
    }
  };

  return (
    <>
      <ScreenHeader title={t("editProfile.title")} back />
      <form class="form" onSubmit={save}>
        <label>
          {t("editProfile.displayName")}
          <input
            value={name}
            maxLength={limits?.max_display_name_length ?? 30}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label>
          {t("editProfile.bio")}
          <textarea
            rows={4}
            value={note}
            maxLength={limits?.max_note_length ?? 500}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        <div class="form-row">
          <label>
            {t("editProfile.avatar")}
            <input
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp"
              onChange={(e) => setAvatar(e.currentTarget.files?.[0] ?? null)}
            />
          </label>
          <label>
            {t("editProfile.header")}
            <input
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp"
              onChange={(e) => setHeader(e.currentTarget.files?.[0] ?? null)}
            />
          </label>
        </div>
        <fieldset>
          <legend>{t("editProfile.fields")}</legend>
          {fields.map((field, i) => (
            <div class="form-row" key={i}>
              <label>
                {t("editProfile.fieldName", { n: i + 1 })}
                <input
                  value={field.name}
                  maxLength={limits?.profile_field_name_limit ?? 255}
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setFields(fields.map((f, j) => (j === i ? { ...f, name: value } : f)));
                  }}
                />
              </label>
              <label>
                {t("editProfile.fieldValue", { n: i + 1 })}
                <input
                  value={field.value}
                  maxLength={limits?.profile_field_value_limit ?? 255}
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setFields(fields.map((f, j) => (j === i ? { ...f, value } : f)));
                  }}
                />
              </label>
            </div>
          ))}
        </fieldset>
        <label class="check">
          <input
            type="checkbox"
            checked={locked}
            onChange={(e) => setLocked(e.currentTarget.checked)}
          />
          {t("editProfile.locked")}
        </label>
        <label class="check">
          <input type="checkbox" checked={bot} onChange={(e) => setBot(e.currentTarget.checked)} />
          {t("editProfile.bot")}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={discoverable === true}
            onChange={(e) => setDiscoverable(e.currentTarget.checked)}
          />
          {t("editProfile.discoverable")}
        </label>
        <div class="form-row">
          <button type="submit" class="button" disabled={state === "saving"}>
            {t("preferences.save")}
          </button>
          <Link href={`/@${account.acct}`}>{t("editProfile.view")}</Link>
          {state === "saved" && (
            <span class="saved" role="status">
              {t("preferences.saved")}
            </span>
          )}
        </div>
        <InlineError error={error} />
      </form>
    </>
  );
}
