// Pieces every screen uses: the error box that says what went wrong and where, labelled
// inputs that mark the field at fault, agency names, status badges.

import { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { ApiError, Agency, Me, Role, TaskKind } from "./api";
import { fmtDate, Key, t, statusWord, word } from "./i18n";
import { signal, useSignal } from "./signal";

export const agencies = signal<Map<string, Agency>>(new Map());

export function useAgencyName(): (id: string | null | undefined) => string {
  const map = useSignal(agencies);
  return (id) => (id ? map.get(id)?.name ?? id : "");
}

export function errorWords(error: ApiError): string {
  const code = error.problem.code;
  const key = ("e_" + code) as Key;
  try {
    const known = t(key);
    if (known !== undefined) return known;
  } catch {
    // Unknown code: said generically below.
  }
  return `${t("e_other")} ${error.problem.status || ""}`.trim();
}

// The problem in words: what kind of error (or `message`, where the form knows better), the
// field at fault, and the server's own detail.
export function ErrorBox({ error, message }: { error: ApiError | undefined; message?: string }) {
  if (!error) return null;
  const { code, field, detail } = error.problem;
  return (
    <div class="error" role="alert" data-code={code} data-field={field ?? ""}>
      <strong>{message ?? errorWords(error)}</strong>
      {field && (
        <span>
          {" "}
          ({t("field")} <code>{field}</code>)
        </span>
      )}
      {detail && (
        <div class="detail">
          {t("server_says")}: {detail}
        </div>
      )}
    </div>
  );
}

// Runs a command for a form: keeps the error for the form to show, clears it on success and
// leaves the inputs alone either way (the form clears them itself on success only).
export function useCommand(): {
  busy: boolean;
  error: ApiError | undefined;
  run: (action: () => Promise<unknown>) => Promise<boolean>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      setError(undefined);
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, code: "network" }));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

let nextId = 0;
export function useId(prefix: string): string {
  const [id] = useState(() => `${prefix}-${++nextId}`);
  return id;
}

interface InputProps {
  label: string;
  name: string; // The API's field name, so that an error naming it marks this input.
  value: string;
  onInput: (value: string) => void;
  error?: ApiError;
  type?: "text" | "number" | "date" | "password";
  required?: boolean;
  multiline?: boolean;
  min?: number;
  max?: number;
  // For the sign-in and password forms, so that password managers fill the right field.
  autoComplete?: string;
  inputMode?: "numeric" | "text";
  help?: string; // A sentence under the field, read out with it.
}

export function Input({ label, name, value, onInput, error, type = "text", required, multiline, min, max, autoComplete, inputMode, help }: InputProps) {
  const id = useId(name.replace(/[^a-z0-9]/gi, "-"));
  const invalid = !!error?.problem.field && error.problem.field === name;
  const common = {
    id,
    name,
    value,
    required,
    autoComplete,
    inputMode,
    "aria-invalid": invalid ? ("true" as const) : undefined,
    "aria-describedby": help ? `${id}-help` : undefined,
    onInput: (e: Event) => onInput((e.target as HTMLInputElement).value),
  };
  return (
    <div class={invalid ? "field invalid" : "field"}>
      <label for={id}>{label}</label>
      {multiline ? (
        <textarea rows={2} {...common} />
      ) : type === "number" ? (
        <input type="number" min={min} max={max} {...common} />
      ) : type === "date" ? (
        <input type="date" {...common} />
      ) : type === "password" ? (
        <input type="password" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
      {help && (
        <p id={`${id}-help`} class="muted small">
          {help}
        </p>
      )}
    </div>
  );
}

// A checkbox with its label after it; `name` is the API's field, as for Input.
export function Checkbox({ label, name, checked, onChange }: { label: string; name: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId(name.replace(/[^a-z0-9]/gi, "-"));
  return (
    <div class="field inline check">
      <input id={id} name={name} type="checkbox" checked={checked} onChange={(e) => onChange((e.target as HTMLInputElement).checked)} />
      <label for={id}>{label}</label>
    </div>
  );
}

// Who took a step: the user, and the agency they acted for when the answer names it.
export function useActorName(): (user: string | null | undefined, agency?: string | null) => string {
  const name = useAgencyName();
  return (user, agency) => [user ?? "", agency ? `(${name(agency)})` : ""].filter(Boolean).join(" ");
}

export function hasRole(me: Me, ...roles: Role[]): boolean {
  return roles.some((r) => me.roles.includes(r));
}

export function Badge({ status }: { status: string }) {
  return <span class={`badge st-${status}`}>{statusWord(status)}</span>;
}

export function Level({ level }: { level: string }) {
  return <span class={`badge lv-${level}`}>{word("c_", level)}</span>;
}

export function Section({ title, id, children, actions }: { title: string; id?: string; children: ComponentChildren; actions?: ComponentChildren }) {
  const heading = useId("h");
  return (
    <section class="panel" aria-labelledby={heading} id={id}>
      <header class="panel-head">
        <h2 id={heading}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Loading({ when }: { when: boolean }) {
  return when ? <p class="muted">{t("loading")}</p> : null;
}

export function Empty({ when }: { when: boolean }) {
  return when ? <p class="muted">{t("empty")}</p> : null;
}

// Who holds a duty, for a list: its lead, or "each agency" on an `each` task (no lead).
export function useHolder(): (kind: TaskKind | undefined, lead: string | null | undefined) => string {
  const name = useAgencyName();
  return (kind, lead) => (kind === "each" || !lead ? t("each_agency") : name(lead));
}

// A due date, or the words saying there is none yet.
export function dueText(due: string | null | undefined): string {
  return due ? fmtDate(due) : t("no_due");
}

// Whether `me` may approve, return, extend, cancel and set due dates on a plan's tasks: an
// admin, or a coordinator of the plan's focal agency (anyone else is answered 403).
export function decidesFor(me: Me, focalAgency: string | null | undefined): boolean {
  if (me.roles.includes("admin")) return true;
  return me.roles.includes("coordinator") && !!focalAgency && me.agency === focalAgency;
}
