// A procedure as its steps, in order: for each, whether it was taken, who took it and when,
// its deadline where it has one, and a mark when it was (or by now is) late. Transfers and
// breach reports both show theirs this way; each builds the items from its own answer.

import { ComponentChildren } from "preact";
import { t } from "./i18n";

export interface StepItem {
  step: string; // The API's name of the step (data-step), for tests and styles.
  label: string;
  done: boolean;
  who?: string;
  when?: string; // Already formatted: an instant or a day.
  deadline?: string;
  late?: boolean;
  details?: ComponentChildren;
}

export function Steps({ items, label }: { items: StepItem[]; label: string }) {
  return (
    <ol class="steps" aria-label={label}>
      {items.map((s) => (
        <li key={s.step} class={`step${s.done ? " done" : " pending"}${s.late ? " late" : ""}`} data-step={s.step} data-done={String(s.done)} data-late={String(!!s.late)}>
          <div class="step-head">
            <strong>{s.label}</strong>
            {s.late && <span class="badge st-late">{t("late")}</span>}
          </div>
          {s.done ? (
            <div class="step-who">
              {s.who && <span class="by">{s.who}</span>}
              {s.who && s.when && " · "}
              {s.when && <span class="when">{s.when}</span>}
            </div>
          ) : (
            <div class="muted small">{t("pending")}</div>
          )}
          {s.deadline && (
            <div class="small step-deadline">
              {t("due_on")}: {s.deadline}
            </div>
          )}
          {s.details}
        </li>
      ))}
    </ol>
  );
}
