// Enrolling a second factor: forced when the admin made one mandatory for one of the user's
// roles, or chosen from the account menu. The server makes a key (POST /v1/me/second-factor)
// and stores it only once a code of it is confirmed, so leaving this screen leaves nothing.

import { useEffect, useState } from "preact/hooks";
import { Me, post, SecondFactorKey } from "../api";
import { ErrorBox, Input, useCommand } from "../common";
import { t, tf } from "../i18n";
import { QrCode } from "../qr_code";

// "JBSW Y3DP EHPK 3PXP": a base32 key in groups of four, as authenticator apps print them, so
// that it can be typed without losing one's place. Apps ignore the spaces.
export function groupedKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

interface Props {
  me: Me;
  forced: boolean;
  onEnrolled: () => void;
  onCancel?: () => void;
}

export function SecondFactorEnrol({ me, forced, onEnrolled, onCancel }: Props) {
  const [key, setKey] = useState<SecondFactorKey | undefined>(undefined);
  const [code, setCode] = useState("");
  const begin = useCommand();
  const confirm = useCommand();
  useEffect(() => {
    void begin.run(async () => setKey(await post<SecondFactorKey>("/v1/me/second-factor")));
  }, [me.user]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!key) return;
    const ok = await confirm.run(() => post("/v1/me/second-factor/confirm", { secret: key.secret, code: code.trim() }));
    if (ok) onEnrolled();
    else setCode("");
  };
  const mismatch = confirm.error?.problem.field === "code";
  const already = begin.error?.problem.code === "conflict";
  return (
    <section class="panel account-form second-factor" aria-labelledby="second-factor-title" data-forced={forced ? "true" : "false"}>
      <h1 id="second-factor-title">{t("enrol_second_factor")}</h1>
      <p>{forced ? t("enrol_required_intro") : t("enrol_intro")}</p>
      <ErrorBox error={begin.error} message={already ? t("second_factor_already") : undefined} />
      {key && (
        <div class="totp-key">
          <QrCode text={key.otpauth_uri} label={t("totp_qr")} />
          <dl>
            <dt>{t("totp_key")}</dt>
            <dd>
              <code class="secret" data-testid="totp-secret">
                {groupedKey(key.secret)}
              </code>
            </dd>
            <dt>{t("totp_uri")}</dt>
            <dd>
              <code class="uri" data-testid="totp-uri">
                {key.otpauth_uri}
              </code>
            </dd>
          </dl>
          <p class="muted small">{tf("totp_kind", { algorithm: key.algorithm, digits: key.digits, period: key.period })}</p>
        </div>
      )}
      <form onSubmit={submit} aria-label={t("enrol_second_factor")}>
        <Input label={t("one_time_code")} name="code" value={code} onInput={setCode} error={confirm.error} required autoComplete="one-time-code" inputMode="numeric" />
        <div class="actions">
          <button type="submit" disabled={!key || confirm.busy || !code.trim()}>
            {t("confirm")}
          </button>
          {onCancel && (
            <button type="button" class="ghost" onClick={onCancel}>
              {t("back")}
            </button>
          )}
        </div>
        <ErrorBox error={confirm.error} message={mismatch ? t("code_mismatch") : undefined} />
      </form>
    </section>
  );
}
