// The dashboard: sign in with a user name and password (the session is a cookie the page never
// sees), ask the server who that is (GET /v1/me, also after a reload), settle first what the
// user owes (a first password to change, a mandatory second factor to enrol), and show the
// screens its roles allow, kept current from the log. A session the server stops taking sends
// the page back to the sign-in form, saying so.

import { ComponentChildren, render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Agency, get, Me, Role, sessionTrouble, setCsrfToken } from "./api";
import { agencies, ErrorBox, errorWords, useCommand, useId } from "./common";
import { Key, lang, Lang, t } from "./i18n";
import { liveMode, startLive } from "./live";
import { signOut, whoIsSignedIn } from "./session";
import { useSignal } from "./signal";
import { AccountMenu, AccountPage } from "./views/account_menu";
import { ApproverView } from "./views/approver";
import { CoordinatorView } from "./views/coordinator";
import { IncidentsView } from "./views/incidents";
import { OfficerView } from "./views/officer";
import { PasswordChange } from "./views/password_change";
import { SecondFactorEnrol } from "./views/second_factor";
import { SignIn, SignInNotice } from "./views/sign_in";
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

function LiveIndicator() {
  const mode = useSignal(liveMode);
  const key: Key = mode === "sse" ? "live_sse" : "live_off";
  return (
    <span class={`live live-${mode}`} role="status" data-mode={mode}>
      <i aria-hidden="true" /> {t(key)}
    </span>
  );
}

function TopBar({ nav, children }: { nav?: ComponentChildren; children: ComponentChildren }) {
  return (
    <header class="top">
      <div class="brand">
        <span class="logo" aria-hidden="true">M</span>
        <span>{t("app_title")}</span>
      </div>
      {nav}
      <div class="who">{children}</div>
    </header>
  );
}

// Signs out on the server before leaving: a refusal is shown, since the session may still be
// open and the user should know it.
function SignOutButton({ onSignedOut }: { onSignedOut: () => void }) {
  const { busy, error, run } = useCommand();
  return (
    <>
      <button type="button" class="ghost" disabled={busy} onClick={async () => (await run(signOut)) && onSignedOut()}>
        {t("sign_out")}
      </button>
      {error && (
        <div class="sign-out-error">
          <ErrorBox error={error} message={`${t("sign_out_failed")}: ${errorWords(error)}`} />
        </div>
      )}
    </>
  );
}

// What the user owes before the dashboard opens: nothing but that screen, and a way out.
function Owed({ me, onSettled, onSignedOut }: { me: Me; onSettled: () => void; onSignedOut: () => void }) {
  return (
    <>
      <TopBar>
        <span>
          {t("signed_in_as")}: <strong>{me.name || me.user}</strong>
        </span>
        <LanguageSwitch />
        <SignOutButton onSignedOut={onSignedOut} />
      </TopBar>
      <main id="main" class="account-page" tabIndex={-1}>
        {me.must_change_password ? (
          <PasswordChange me={me} forced onChanged={onSettled} />
        ) : (
          <SecondFactorEnrol me={me} forced onEnrolled={onSettled} />
        )}
      </main>
    </>
  );
}

function Dashboard({ me, onMeChanged, onSignedOut }: { me: Me; onMeChanged: () => void; onSignedOut: () => void }) {
  const available = screensFor(me);
  const [screen, setScreen] = useState(currentScreen(available));
  const [page, setPage] = useState<AccountPage | null>(null);
  const [notice, setNotice] = useState<Key | null>(null);
  useEffect(() => {
    const onHash = () => {
      setScreen(currentScreen(available));
      setPage(null);
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [me]);
  useEffect(() => startLive(me.roles), [me.user, me.session?.id]);
  useEffect(() => {
    get<{ agencies: Agency[] }>("/v1/agencies").then(
      (r) => agencies.set(new Map(r.agencies.map((a) => [a.id, a]))),
      () => undefined,
    );
  }, [me.user]);
  const openPage = (p: AccountPage) => {
    setNotice(null);
    setPage(p);
  };
  return (
    <>
      <TopBar
        nav={
          <nav aria-label="screens" class="tabs">
            {available.map((s) => (
              <a key={s} href={`#/${s}`} aria-current={!page && s === screen ? "page" : undefined} data-screen={s}>
                {t(SCREEN_LABELS[s])}
              </a>
            ))}
          </nav>
        }
      >
        <LiveIndicator />
        <AccountMenu me={me} onOpen={openPage} />
        <LanguageSwitch />
        <SignOutButton onSignedOut={onSignedOut} />
      </TopBar>
      <main id="main" tabIndex={-1}>
        {notice && (
          <p class="notice" role="status" data-notice={notice}>
            {t(notice)}
          </p>
        )}
        {page === "password" && <PasswordChange me={me} forced={false} onChanged={onMeChanged} onCancel={() => setPage(null)} />}
        {page === "second_factor" && (
          <SecondFactorEnrol
            me={me}
            forced={false}
            onEnrolled={() => {
              setPage(null);
              setNotice("second_factor_enrolled_msg");
              onMeChanged();
            }}
            onCancel={() => setPage(null)}
          />
        )}
        {!page && !screen && <p class="muted">{t("no_role_view")}</p>}
        {!page && screen === "coordinator" && <CoordinatorView me={me} />}
        {!page && screen === "officer" && <OfficerView me={me} />}
        {!page && screen === "approver" && <ApproverView me={me} />}
        {!page && screen === "incidents" && <IncidentsView me={me} />}
      </main>
    </>
  );
}

// `user` on the sign-in form: whoever's session just ended, so that signing in again is quick.
type Phase = { kind: "checking" } | { kind: "signed_out"; notice: SignInNotice; user?: string } | { kind: "signed_in"; me: Me };

function App() {
  useSignal(lang); // Re-render everything when the language changes.
  const [phase, setPhase] = useState<Phase>({ kind: "checking" });
  // For the listeners below, which outlive a render.
  const current = useRef(phase);
  current.current = phase;

  // Asks the server who is signed in: after a load, after a password change or an enrolment,
  // and when a call was refused for what the user owes.
  const refresh = async () => {
    let me: Me | null = null;
    try {
      me = await whoIsSignedIn();
    } catch {
      // The server could not say: the sign-in form, whose own call will say why.
    }
    const was = current.current;
    if (me) setPhase({ kind: "signed_in", me });
    else if (was.kind === "signed_in") setPhase({ kind: "signed_out", notice: "expired", user: was.me.user });
    else setPhase({ kind: "signed_out", notice: undefined });
  };
  useEffect(() => {
    void refresh();
    return sessionTrouble.subscribe((news) => {
      const was = current.current;
      if (!news || was.kind !== "signed_in") return;
      if (news.kind === "ended") {
        setCsrfToken(null);
        setPhase({ kind: "signed_out", notice: "expired", user: was.me.user });
      } else {
        void refresh();
      }
    });
  }, []);
  const signedOut = () => setPhase({ kind: "signed_out", notice: "signed_out" });

  let body: ComponentChildren;
  if (phase.kind === "checking") {
    body = <p class="muted">{t("loading")}</p>;
  } else if (phase.kind === "signed_out") {
    body = (
      <>
        <TopBar>
          <LanguageSwitch />
        </TopBar>
        <SignIn notice={phase.notice} user={phase.user} onSignedIn={(me) => setPhase({ kind: "signed_in", me })} />
      </>
    );
  } else if (phase.me.must_change_password || phase.me.second_factor_enrolment_required) {
    body = <Owed me={phase.me} onSettled={() => void refresh()} onSignedOut={signedOut} />;
  } else {
    body = <Dashboard me={phase.me} onMeChanged={() => void refresh()} onSignedOut={signedOut} />;
  }
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
      {body}
    </>
  );
}

document.documentElement.lang = lang.value;
render(<App />, document.getElementById("app")!);
