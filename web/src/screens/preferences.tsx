// Settings inside the app (/settings/preferences): posting defaults saved to the account
// (PATCH /api/v1/accounts/update_credentials source[…]), this browser's appearance (theme,
// reduce motion), push notifications for this browser, and links to the other settings — the
// app's own lists (filters, mutes, blocks, domains) and the server's pages (profile, account,
// security, import and export).
import { useEffect, useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { CredentialAccount } from "../api/types.ts";
import { ScreenHeader } from "../components/screen-header.tsx";
import { errorMessage } from "../components/use-request.ts";
import { type TranslationKey, t } from "../i18n/index.ts";
import {
  currentPushSubscription,
  disablePush,
  enablePush,
  type PushAlerts,
  PushDenied,
  type PushPolicy,
  pushSupported,
  updatePush,
} from "../pwa/push.ts";
import { reduceMotion, setReduceMotion } from "../reduce-motion.ts";
import { Link } from "../router.tsx";
import { instance, me } from "../session.ts";
import { useStore } from "../store.ts";
import { applyTheme, currentTheme, type Theme } from "../theme.ts";
import "../styles/screens.css";
import { InlineError } from "../components/error-box.tsx";

const VISIBILITIES = ["public", "unlisted", "private", "direct"] as const;
const ALERTS = [
  "mention",
  "quote",
  "follow",
  "follow_request",
  "favourite",
  "reblog",
  "poll",
  "status",
  "update",
] as const;
const POLICIES: PushPolicy[] = ["all", "followed", "follower", "none"];

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([navigator.language], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function PostingDefaults() {
  const account = useStore(me);
  const languages = useStore(instance)?.languages ?? [];
  const source = account?.source;
  const [privacy, setPrivacy] = useState<string>(source?.privacy ?? "public");
  const [language, setLanguage] = useState(source?.language ?? "");
  const [sensitive, setSensitive] = useState(source?.sensitive ?? false);
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  const [error, setError] = useState<string | null>(null);
  const choices = [...new Set(["", ...languages, language, "en"])].filter((c) => c !== "");
  const save = async (event: Event) => {
    event.preventDefault();
    setState("saving");
    setError(null);
    try {
      const updated = await api.patch<CredentialAccount>("/api/v1/accounts/update_credentials", {
        source: { privacy, language, sensitive },
      });
      me.set(updated);
      setState("saved");
    } catch (reason) {
      setError(errorMessage(reason));
      setState("idle");
    }
  };
  return (
    <form class="form" onSubmit={save} aria-labelledby="posting-defaults">
      <h2 id="posting-defaults">{t("preferences.posting")}</h2>
      <label>
        {t("preferences.visibility")}
        <select value={privacy} onChange={(e) => setPrivacy(e.currentTarget.value)}>
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {t(`preferences.visibility.${v}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("preferences.language")}
        <select value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
          <option value="">{t("preferences.languageAuto")}</option>
          {choices.map((code) => (
            <option key={code} value={code}>
              {languageName(code)}
            </option>
          ))}
        </select>
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={sensitive}
          onChange={(e) => setSensitive(e.currentTarget.checked)}
        />
        {t("preferences.sensitive")}
      </label>
      <div class="form-row">
        <button type="submit" class="button" disabled={state === "saving"}>
          {t("preferences.save")}
        </button>
        {state === "saved" && (
          <span class="saved" role="status">
            {t("preferences.saved")}
          </span>
        )}
        <InlineError error={error} inline />
      </div>
    </form>
  );
}

function Appearance() {
  const [theme, setTheme] = useState<Theme>(currentTheme());
  const [motion, setMotion] = useState(reduceMotion());
  return (
    <section class="form" aria-labelledby="appearance">
      <h2 id="appearance">{t("preferences.appearance")}</h2>
      <p class="hint">{t("preferences.thisBrowser")}</p>
      <label>
        {t("theme.label")}
        <select
          value={theme}
          onChange={(e) => {
            const next = e.currentTarget.value as Theme;
            setTheme(next);
            applyTheme(next);
          }}
        >
          <option value="auto">{t("theme.auto")}</option>
          <option value="light">{t("theme.light")}</option>
          <option value="dark">{t("theme.dark")}</option>
        </select>
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={motion}
          onChange={(e) => {
            setMotion(e.currentTarget.checked);
            setReduceMotion(e.currentTarget.checked);
          }}
        />
        {t("preferences.reduceMotion")}
      </label>
    </section>
  );
}

function PushSettings() {
  const serverKey = useStore(instance)?.configuration.vapid.public_key ?? "";
  const supported = pushSupported() && serverKey !== "";
  const [enabled, setEnabled] = useState(false);
  const [alerts, setAlerts] = useState<PushAlerts>({
    mention: true,
    follow: true,
    follow_request: true,
    favourite: true,
    reblog: true,
    poll: true,
    quote: true,
  });
  const [policy, setPolicy] = useState<PushPolicy>("all");
  const [state, setState] = useState<"loading" | "idle" | "saving" | "saved">("loading");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    currentPushSubscription().then(
      (subscription) => {
        if (subscription !== null) {
          setEnabled(true);
          setAlerts(subscription.alerts);
          setPolicy(subscription.policy as PushPolicy);
        }
        setState("idle");
      },
      (reason: unknown) => {
        setError(errorMessage(reason));
        setState("idle");
      },
    );
  }, []);

  const run = async (work: () => Promise<unknown>) => {
    setState("saving");
    setError(null);
    try {
      await work();
      setState("saved");
    } catch (reason) {
      setError(
        reason instanceof PushDenied
          ? t(reason.message === "unsupported" ? "push.unsupported" : "push.denied")
          : errorMessage(reason),
      );
      setState("idle");
    }
  };
  // The box follows the click at once and goes back if the browser or server said no.
  const toggle = (on: boolean) => {
    setEnabled(on);
    return run(async () => {
      try {
        if (on) await enablePush(alerts, policy);
        else await disablePush();
      } catch (reason) {
        setEnabled(!on);
        throw reason;
      }
    });
  };

  return (
    <section class="form" aria-labelledby="push-settings">
      <h2 id="push-settings">{t("push.title")}</h2>
      {!supported ? (
        <p class="hint">{t("push.unsupported")}</p>
      ) : (
        <>
          <label class="check">
            <input
              type="checkbox"
              checked={enabled}
              disabled={state === "loading" || state === "saving"}
              onChange={(e) => void toggle(e.currentTarget.checked)}
            />
            {t("push.enable")}
          </label>
          <fieldset disabled={!enabled || state === "saving"}>
            <legend>{t("push.alerts")}</legend>
            {ALERTS.map((type) => (
              <label class="check" key={type}>
                <input
                  type="checkbox"
                  checked={alerts[type] === true}
                  onChange={(e) => setAlerts({ ...alerts, [type]: e.currentTarget.checked })}
                />
                {t(`push.alert.${type}` as TranslationKey)}
              </label>
            ))}
            <label>
              {t("push.policy")}
              <select
                value={policy}
                onChange={(e) => setPolicy(e.currentTarget.value as PushPolicy)}
              >
                {POLICIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`push.policy.${p}`)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              class="button"
              onClick={() => void run(() => updatePush(alerts, policy))}
            >
              {t("preferences.save")}
            </button>
          </fieldset>
        </>
      )}
      {state === "saved" && (
        <span class="saved" role="status">
          {t("preferences.saved")}
        </span>
      )}
      <InlineError error={error} />
    </section>
  );
}

/** Settings that live on the server's own pages (full page loads, not app screens). */
const SERVER_PAGES: [string, TranslationKey][] = [
  ["/settings/email", "preferences.link.email"],
  ["/settings/password", "preferences.link.password"],
  ["/settings/two_factor", "preferences.link.twoFactor"],
  ["/auth/sessions", "preferences.link.sessions"],
  ["/oauth/authorized_applications", "preferences.link.apps"],
  ["/settings/import", "preferences.link.importExport"],
  ["/settings/migration", "preferences.link.migration"],
  ["/settings/delete", "preferences.link.delete"],
];

const APP_PAGES: [string, TranslationKey][] = [
  ["/settings/profile", "preferences.link.profile"],
  ["/filters", "filters.title"],
  ["/mutes", "mutes.title"],
  ["/blocks", "blocks.title"],
  ["/domain_blocks", "domainBlocks.title"],
  ["/follow_requests", "followRequests.title"],
];

export function PreferencesScreen() {
  return (
    <>
      <ScreenHeader title={t("preferences.title")} />
      <PostingDefaults />
      <Appearance />
      <PushSettings />
      <nav class="form" aria-labelledby="more-settings">
        <h2 id="more-settings">{t("preferences.more")}</h2>
        <div class="settings-links">
          {APP_PAGES.map(([href, label]) => (
            <Link key={href} href={href}>
              {t(label)}
            </Link>
          ))}
        </div>
        <h2>{t("preferences.account")}</h2>
        <div class="settings-links">
          {SERVER_PAGES.map(([href, label]) => (
            <a key={href} href={href}>
              {t(label)}
            </a>
          ))}
        </div>
      </nav>
    </>
  );
}
