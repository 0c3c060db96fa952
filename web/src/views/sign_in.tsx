// The sign-in form: user name and password, and the one-time code once the server answers that
// the user has a second factor. Each refusal is said in words of its own; the server never says
// which of name, password or code was wrong, so neither does the form. A 429 says how long to
// wait and holds the button until then.

import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, Me } from "../api";
import { ErrorBox, Input } from "../common";
import { t, tf } from "../i18n";
import { signIn } from "../session";

// Why the form is shown again: the session ended under the user, or the user signed out.
export type SignInNotice = "expired" | "signed_out" | undefined;

// The seconds left of a 429's Retry-After, counting down to 0.
function useWait(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = window.setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [left]);
  return [left, setLeft];
}

function refusalWords(error: ApiError, wait: number): string | undefined {
  const { code, field, retry_after } = error.problem;
  if (code === "rate_limited") return retry_after ? tf("rate_limited_wait", { seconds: Math.max(wait, 1) }) : t("rate_limited_busy");
  if (code === "validation_failed" && field === "user") return t("sign_in_user_invalid");
  if (code === "validation_failed" && field === "password") return t("sign_in_password_invalid");
  return undefined; // The code's own words (sign_in_failed, network, ...).
}

export function SignIn({ notice, user: lastUser, onSignedIn }: { notice: SignInNotice; user?: string; onSignedIn: (me: Me) => void }) {
  const [user, setUser] = useState(lastUser ?? "");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [askCode, setAskCode] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // Why the form came back is news until the user tries again.
  const [tried, setTried] = useState(false);
  const [wait, setWait] = useWait();
  // The wait is over: the refusal no longer holds.
  useEffect(() => {
    if (wait === 0 && error?.problem.code === "rate_limited" && error.problem.retry_after) setError(undefined);
  }, [wait]);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (askCode) form.current?.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
  }, [askCode]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setTried(true);
    try {
      onSignedIn(await signIn({ user: user.trim(), password, code: askCode ? code.trim() : undefined }));
    } catch (err) {
      const failure = err instanceof ApiError ? err : new ApiError({ status: 0, code: "network" });
      if (failure.problem.code === "second_factor_required") {
        // Not a mistake: the password was right and the code is the next thing to ask.
        setAskCode(true);
        setError(undefined);
      } else {
        setError(failure);
        if (failure.problem.retry_after) setWait(failure.problem.retry_after);
        // A code is good for one sign-in only: a wrong or spent one is typed again.
        if (askCode) setCode("");
      }
    } finally {
      setBusy(false);
    }
  };
  const waiting = error?.problem.code === "rate_limited" && wait > 0;
  return (
    <main id="main" class="sign-in" tabIndex={-1}>
      <form ref={form} onSubmit={submit} class="panel" aria-labelledby="sign-in-title" data-asks-code={askCode ? "true" : "false"}>
        <h1 id="sign-in-title">{t("sign_in")}</h1>
        {notice && !tried && (
          <p class={`notice notice-${notice}`} role="status" data-notice={notice}>
            {t(notice === "expired" ? "session_expired_notice" : "signed_out_notice")}
          </p>
        )}
        <Input label={t("user_name")} name="user" value={user} onInput={setUser} error={error} required autoComplete="username" />
        <Input label={t("password")} name="password" type="password" value={password} onInput={setPassword} error={error} required autoComplete="current-password" />
        {askCode && (
          <>
            <p class="notice" role="status" data-notice="second_factor">
              {t("second_factor_asked")}
            </p>
            <Input
              label={t("one_time_code")}
              name="code"
              value={code}
              onInput={setCode}
              error={error}
              required
              autoComplete="one-time-code"
              inputMode="numeric"
              help={t("one_time_code_help")}
            />
          </>
        )}
        <button type="submit" disabled={busy || waiting || !user.trim() || !password}>
          {busy ? t("signing_in") : t("sign_in")}
        </button>
        <ErrorBox error={error} message={error && refusalWords(error, wait)} />
      </form>
    </main>
  );
}
