// The account menu in the top bar: who is signed in, whether a second factor is on, and the
// ways to change the password or set one up. A native disclosure (details/summary): keyboard
// and screen readers know it without scripts of ours.

import { useRef } from "preact/hooks";
import { Me } from "../api";
import { t } from "../i18n";

export type AccountPage = "password" | "second_factor";

export function AccountMenu({ me, onOpen }: { me: Me; onOpen: (page: AccountPage) => void }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const open = (page: AccountPage) => {
    if (menu.current) menu.current.open = false;
    onOpen(page);
  };
  return (
    <details class="account" ref={menu}>
      <summary data-testid="me">
        {t("signed_in_as")}: <strong>{me.name || me.user}</strong>
      </summary>
      <div class="account-menu">
        <p class="muted small" data-second-factor={me.second_factor_enrolled ? "on" : "off"}>
          {me.user} · {t(me.second_factor_enrolled ? "second_factor_on" : "second_factor_off")}
        </p>
        <button type="button" class="ghost" onClick={() => open("password")}>
          {t("change_password")}
        </button>
        {!me.second_factor_enrolled && (
          <button type="button" class="ghost" onClick={() => open("second_factor")}>
            {t("enrol_second_factor")}
          </button>
        )}
      </div>
    </details>
  );
}
