// Changing one's password: forced after a first password (set by an admin, or the admin's own
// from admin.password), or chosen from the account menu. Current, new and repeated; the rules
// are shown before typing, and a refusal names the field at fault and the rule it broke.

import { useEffect, useState } from "preact/hooks";
import { ApiError, get, Me, post, SignInPolicy } from "../api";
import { ErrorBox, Input, useCommand } from "../common";
import { t, tf } from "../i18n";
import { brokenRule, DEFAULT_PASSWORD_LIMITS, PasswordLimits } from "../password_rules";

// The limits the server announces, read when the session may read them.
function usePasswordLimits(readable: boolean): PasswordLimits {
  const [limits, setLimits] = useState(DEFAULT_PASSWORD_LIMITS);
  useEffect(() => {
    if (!readable) return;
    get<SignInPolicy>("/v1/policy/sign-in").then((p) => setLimits(p.password), () => undefined);
  }, [readable]);
  return limits;
}

interface Props {
  me: Me;
  forced: boolean; // A first password: nothing else is open until it is changed.
  onChanged: () => void;
  onCancel?: () => void;
}

export function PasswordChange({ me, forced, onChanged, onCancel }: Props) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState<ApiError | undefined>(undefined);
  const [done, setDone] = useState(false);
  const limits = usePasswordLimits(!me.must_change_password && !me.second_factor_enrolment_required);
  const { busy, error, run } = useCommand();

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    // The server never sees the repetition: a typing slip is caught here.
    if (next !== repeat) {
      setMismatch(new ApiError({ status: 422, code: "validation_failed", field: "new_password_repeat" }));
      return;
    }
    setMismatch(undefined);
    const ok = await run(() => post("/v1/me/password", { current_password: current, new_password: next }));
    if (!ok) return;
    setCurrent("");
    setNext("");
    setRepeat("");
    setDone(true);
    onChanged();
  };

  const shown = mismatch ?? error;
  const field = shown?.problem.code === "validation_failed" ? shown.problem.field : undefined;
  const message =
    field === "current_password" ? t("pw_current_wrong")
    : field === "new_password" ? tf(brokenRule(next, current, limits, me.user, me.name), { min: limits.min_length, max: limits.max_length })
    : field === "new_password_repeat" ? t("pw_mismatch")
    : undefined;
  const title = forced ? t("change_first_password") : t("change_password");
  return (
    <section class="panel account-form" aria-labelledby="password-title" data-forced={forced ? "true" : "false"}>
      <h1 id="password-title">{title}</h1>
      {forced && <p>{t("change_first_password_intro")}</p>}
      <form onSubmit={submit} aria-label={title}>
        <Input label={t("current_password")} name="current_password" type="password" value={current} onInput={setCurrent} error={shown} required autoComplete="current-password" />
        <Input
          label={t("new_password")}
          name="new_password"
          type="password"
          value={next}
          onInput={setNext}
          error={shown}
          required
          autoComplete="new-password"
          help={tf("password_policy", { min: limits.min_length, max: limits.max_length })}
        />
        <Input label={t("new_password_repeat")} name="new_password_repeat" type="password" value={repeat} onInput={setRepeat} error={shown} required autoComplete="new-password" />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t("save_password")}
          </button>
          {onCancel && (
            <button type="button" class="ghost" onClick={onCancel}>
              {t("back")}
            </button>
          )}
        </div>
        <ErrorBox error={shown} message={message} />
        {done && !forced && (
          <p class="notice" role="status" data-notice="password_changed">
            {t("password_changed")}
          </p>
        )}
      </form>
    </section>
  );
}
