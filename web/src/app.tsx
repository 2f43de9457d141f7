// The app: the session is loaded, then the current route's screen renders inside the layout.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { onUnauthorized } from "./api/client.ts";
import { ErrorBox } from "./components/error-box.tsx";
import { KeyboardHelp } from "./components/keyboard-help.tsx";
import { Layout } from "./components/layout.tsx";
import { errorMessage } from "./components/use-request.ts";
import { t } from "./i18n/index.ts";
import { installShortcuts } from "./keyboard.ts";
import { matcher, useLocation } from "./router.tsx";
import { routes } from "./routes.ts";
import { loadSession, signedOut } from "./session.ts";
import { useStore } from "./store.ts";
import { disconnect } from "./streaming/connection.ts";

export function App() {
  const location = useLocation();
  const match = useMemo(() => matcher(routes), []);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const isSignedOut = useStore(signedOut);

  useEffect(
    () =>
      onUnauthorized(() => {
        signedOut.set(true);
        disconnect();
      }),
    [],
  );
  useEffect(() => installShortcuts(), []);
  useEffect(() => {
    setError(null);
    loadSession().then(
      () => setReady(true),
      (reason: unknown) => setError(errorMessage(reason)),
    );
  }, [attempt]);

  // After moving to another screen, focus goes to it (screen readers announce the new screen;
  // j/k start from its first post). Not on the first load: the browser starts at the top.
  const firstPath = useRef(location.path);
  useEffect(() => {
    if (location.path === firstPath.current) return;
    firstPath.current = "";
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [location.path]);

  const found = match(location.path);
  let screen = null;
  if (error !== null)
    screen = <ErrorBox message={error} onRetry={() => setAttempt((n) => n + 1)} />;
  else if (!ready) screen = <p class="loading">{t("app.loading")}</p>;
  else if (found === null) screen = <p class="empty">{t("app.notFound")}</p>;
  else {
    const Screen = found.route.component;
    screen = <Screen key={location.path} params={found.params} query={location.query} />;
  }
  return (
    <Layout path={location.path}>
      {isSignedOut && (
        <div class="notice" role="alert">
          <p>{t("app.signedOut")}</p>
          <a class="button" href={`/auth/sign_in?return_to=${encodeURIComponent(location.path)}`}>
            {t("app.signIn")}
          </a>
        </div>
      )}
      {screen}
      <KeyboardHelp />
    </Layout>
  );
}
