// The dashboard: sign in with a token (kept in sessionStorage only), ask the server who that
// is (GET /v1/me), and show the screens its roles allow, kept current from the log.

import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { Agency, ApiError, call, get, Me, Role, storedToken, storeToken } from "./api";
import { agencies, ErrorBox, useId } from "./common";
import { Key, lang, Lang, t } from "./i18n";
import { liveMode, startLive } from "./live";
import { useSignal } from "./signal";
import { ApproverView } from "./views/approver";
import { CoordinatorView } from "./views/coordinator";
import { IncidentsView } from "./views/incidents";
import { OfficerView } from "./views/officer";
import "./style.css";

type Screen = "coordinator" | "officer" | "approver" | "incidents";
const SCREENS: Screen[] = ["coordinator", "officer", "approver", "incidents"];

// The roles each screen is for. The breach reports are read by investigators and auditors, and
// their chain's steps are taken by coordinators of the agencies it passes through.
const SCREEN_ROLES: Record<Screen, Role[]> = {
  coordinator: ["coordinator"],
  officer: ["officer"],
  approver: ["approver"],
  incidents: ["investigator", "auditor", "coordinator"],
};

// The screens a user's roles open; an admin may do everything, so sees them all.
function screensFor(me: Me): Screen[] {
  if (me.roles.includes("admin")) return SCREENS;
  return SCREENS.filter((s) => SCREEN_ROLES[s].some((r) => me.roles.includes(r)));
}

const SCREEN_LABELS: Record<Screen, Key> = {
  coordinator: "role_coordinator",
  officer: "role_officer",
  approver: "role_approver",
  incidents: "screen_incidents",
};

function currentScreen(available: Screen[]): Screen | undefined {
  const wanted = location.hash.replace(/^#\/?/, "") as Screen;
  return available.includes(wanted) ? wanted : available[0];
}

function LanguageSwitch() {
  const current = useSignal(lang);
  const id = useId("lang");
  return (
    <div class="field inline lang">
      <label for={id}>{t("language")}</label>
      <select id={id} value={current} onChange={(e) => lang.set((e.target as HTMLSelectElement).value as Lang)}>
        <option value="vi">Tiếng Việt</option>
        <option value="en">English</option>
      </select>
    </div>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (token: string, me: Me) => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const id = useId("token");
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const me = await call<Me>("GET", "/v1/me", undefined, token.trim());
      onSignedIn(token.trim(), me);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError({ status: 0, code: "network" }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in" tabIndex={-1}>
      <form onSubmit={submit} class="panel" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t("sign_in")}</h1>
        <div class="field">
          <label for={id}>{t("token")}</label>
          <input id={id} name="token" type="password" autoComplete="off" required value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} aria-describedby={`${id}-help`} />
          <p id={`${id}-help`} class="muted small">
            {t("token_help")}
          </p>
        </div>
        <button type="submit" disabled={busy || !token.trim()}>
          {busy ? t("signing_in") : t("sign_in")}
        </button>
        <ErrorBox error={error} />
      </form>
    </main>
  );
}

function LiveIndicator() {
  const mode = useSignal(liveMode);
  const key: Key = mode === "sse" ? "live_sse" : "live_off";
  return (
    <span class={`live live-${mode}`} role="status" data-mode={mode}>
      <i aria-hidden="true" /> {t(key)}
    </span>
  );
}

function Dashboard({ me, token, onSignOut }: { me: Me; token: string; onSignOut: () => void }) {
  const available = screensFor(me);
  const [screen, setScreen] = useState(currentScreen(available));
  useEffect(() => {
    const onHash = () => setScreen(currentScreen(available));
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [me]);
  useEffect(() => startLive(token, me.roles), [token]);
  useEffect(() => {
    get<{ agencies: Agency[] }>("/v1/agencies").then(
      (r) => agencies.set(new Map(r.agencies.map((a) => [a.id, a]))),
      () => undefined,
    );
  }, [token]);
  return (
    <>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">M</span>
          <span>{t("app_title")}</span>
        </div>
        <nav aria-label="screens" class="tabs">
          {available.map((s) => (
            <a key={s} href={`#/${s}`} aria-current={s === screen ? "page" : undefined} data-screen={s}>
              {t(SCREEN_LABELS[s])}
            </a>
          ))}
        </nav>
        <div class="who">
          <LiveIndicator />
          <span data-testid="me">
            {t("signed_in_as")}: <strong>{me.name || me.user}</strong>
          </span>
          <LanguageSwitch />
          <button type="button" class="ghost" onClick={onSignOut}>
            {t("sign_out")}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {!screen && <p class="muted">{t("no_role_view")}</p>}
        {screen === "coordinator" && <CoordinatorView me={me} />}
        {screen === "officer" && <OfficerView me={me} />}
        {screen === "approver" && <ApproverView me={me} />}
        {screen === "incidents" && <IncidentsView me={me} />}
      </main>
    </>
  );
}

function App() {
  useSignal(lang); // Re-render everything when the language changes.
  const [session, setSession] = useState<{ token: string; me: Me } | null>(null);
  const [checking, setChecking] = useState(!!storedToken());
  useEffect(() => {
    const token = storedToken();
    if (!token) return;
    call<Me>("GET", "/v1/me", undefined, token).then(
      (me) => setSession({ token, me }),
      () => storeToken(null),
    ).finally(() => setChecking(false));
  }, []);
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          // The hash names the screen: move the focus instead of the hash.
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        {t("skip")}
      </a>
      {checking ? (
        <p class="muted">{t("loading")}</p>
      ) : session ? (
        <Dashboard
          me={session.me}
          token={session.token}
          onSignOut={() => {
            storeToken(null);
            setSession(null);
          }}
        />
      ) : (
        <>
          <header class="top">
            <div class="brand">
              <span class="logo" aria-hidden="true">M</span>
              <span>{t("app_title")}</span>
            </div>
            <div class="who">
              <LanguageSwitch />
            </div>
          </header>
          <SignIn
            onSignedIn={(token, me) => {
              storeToken(token);
              setSession({ token, me });
            }}
          />
        </>
      )}
    </>
  );
}

document.documentElement.lang = lang.value;
render(<App />, document.getElementById("app")!);
