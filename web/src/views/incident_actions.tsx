// The steps of a breach report's chain that are the user's to take, as the incident's answer
// stands: the police division receives a reported one; the agency holding it escalates it to
// the next office; the police division and the holder add findings, and the Ministry's
// department records that the partner was notified once the incident has reached it;
// investigators of the police division or the Ministry close it, which the server allows only
// once a cause and a remediation are recorded (said here when it refuses).

import { useState } from "preact/hooks";
import { enc, FindingKind, Incident, Me, post } from "../api";
import { AUTHORITIES, nextHop } from "../authorities";
import { ErrorBox, hasRole, Input, useAgencyName, useCommand, useId } from "../common";
import { t, tf, word } from "../i18n";

const GENERAL_FINDINGS: FindingKind[] = ["verification", "cause", "remediation", "note"];
const NEEDED_TO_CLOSE: FindingKind[] = ["cause", "remediation"];

// What the user may do with the incident now; every verdict is the server's again on send.
export function incidentTurns(me: Me, incident: Incident) {
  const a = AUTHORITIES;
  const admin = hasRole(me, "admin");
  const open = incident.status !== "closed";
  const handles = hasRole(me, "coordinator") || admin;
  const finds = hasRole(me, "coordinator", "investigator") || admin;
  const received = incident.status !== "reported";
  // Not even an admin receives: receipt makes the receiving agency the holder.
  const receives = open && !received && hasRole(me, "coordinator", "investigator") && me.agency === a.police_division;
  const next = received ? nextHop(incident.holder) : null;
  const escalatesTo = open && next && handles && (admin || me.agency === incident.holder) ? next : null;
  const kinds: FindingKind[] = [];
  if (open && finds && (admin || me.agency === a.police_division || (received && me.agency === incident.holder))) kinds.push(...GENERAL_FINDINGS);
  const partner = incident.steps.find((s) => s.step === "partner");
  if (open && finds && (admin || me.agency === a.ministry_division) && incident.holder === a.ministry_division && partner && !partner.at) {
    kinds.push("partner_notified");
  }
  const closes = open && (hasRole(me, "investigator") || admin) && (admin || me.agency === a.police_division || me.agency === a.ministry_division);
  return { receives, escalatesTo, kinds, closes };
}

function Receive({ incident, onDone }: { incident: Incident; onDone: () => void }) {
  const { busy, error, run } = useCommand();
  return (
    <div class="command">
      <button type="button" disabled={busy} onClick={() => run(() => post(`/v1/incidents/${enc(incident.id)}/receive`, {})).then((ok) => ok && onDone())}>
        {t("receive")}
      </button>
      <ErrorBox error={error} />
    </div>
  );
}

function Escalate({ incident, to, onDone }: { incident: Incident; to: string; onDone: () => void }) {
  const name = useAgencyName();
  const [note, setNote] = useState("");
  const { busy, error, run } = useCommand();
  const send = (e: Event) => {
    e.preventDefault();
    run(() => post(`/v1/incidents/${enc(incident.id)}/escalate`, { to, note })).then((ok) => {
      if (ok) {
        setNote("");
        onDone();
      }
    });
  };
  const label = `${t("escalate_to")} ${name(to)}`;
  return (
    <form class="command" onSubmit={send} aria-label={t("escalate_title")} data-to={to}>
      <h4>{t("escalate_title")}</h4>
      <Input label={t("note")} name="note" value={note} onInput={setNote} error={error} multiline />
      <button type="submit" disabled={busy}>
        {label}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

function AddFinding({ incident, kinds, onDone }: { incident: Incident; kinds: FindingKind[]; onDone: () => void }) {
  const [kind, setKind] = useState<FindingKind>(kinds[0]);
  const [text, setText] = useState("");
  const { busy, error, run } = useCommand();
  const kindId = useId("kind");
  const chosen = kinds.includes(kind) ? kind : kinds[0];
  const send = (e: Event) => {
    e.preventDefault();
    run(() => post(`/v1/incidents/${enc(incident.id)}/findings`, { kind: chosen, text })).then((ok) => {
      if (ok) {
        setText("");
        onDone();
      }
    });
  };
  return (
    <form class="command" onSubmit={send} aria-label={t("finding_title")}>
      <h4>{t("finding_title")}</h4>
      <div class={error?.problem.field === "kind" ? "field invalid" : "field"}>
        <label for={kindId}>{t("kind")}</label>
        <select id={kindId} name="kind" value={chosen} onChange={(e) => setKind((e.target as HTMLSelectElement).value as FindingKind)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {word("f_", k)}
            </option>
          ))}
        </select>
      </div>
      <Input label={t("note")} name="text" value={text} onInput={setText} error={error} multiline />
      <button type="submit" disabled={busy}>
        {t("record")}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

function Close({ incident, onDone }: { incident: Incident; onDone: () => void }) {
  const [conclusion, setConclusion] = useState("");
  const { busy, error, run } = useCommand();
  const missing = NEEDED_TO_CLOSE.filter((k) => !incident.findings.some((f) => f.kind === k));
  const send = (e: Event) => {
    e.preventDefault();
    run(() => post(`/v1/incidents/${enc(incident.id)}/close`, { conclusion })).then((ok) => ok && onDone());
  };
  // The server refuses a close before a cause and a remediation are recorded (409): said in
  // the words of the rule, with what is still missing.
  const refused = error?.problem.code === "conflict" && missing.length > 0;
  return (
    <form class="command" onSubmit={send} aria-label={t("close_incident_title")}>
      <h4>{t("close_incident_title")}</h4>
      <Input label={t("conclusion")} name="conclusion" value={conclusion} onInput={setConclusion} error={error} multiline />
      <button type="submit" class="secondary" disabled={busy}>
        {t("close_incident")}
      </button>
      {refused && (
        <p class="warning close-needs" role="alert" data-missing={missing.join(" ")}>
          {tf("close_needs", { missing: missing.map((k) => word("f_", k)).join(", ") })}
        </p>
      )}
      <ErrorBox error={error} />
    </form>
  );
}

export function IncidentActions({ me, incident, onDone }: { me: Me; incident: Incident; onDone: () => void }) {
  const turns = incidentTurns(me, incident);
  const none = !turns.receives && !turns.escalatesTo && turns.kinds.length === 0 && !turns.closes;
  if (incident.status === "closed") return null;
  if (none) return <p class="muted small no-turn">{t("not_your_turn")}</p>;
  return (
    <div class="commands">
      {turns.receives && <Receive incident={incident} onDone={onDone} />}
      {turns.escalatesTo && <Escalate incident={incident} to={turns.escalatesTo} onDone={onDone} />}
      {turns.kinds.length > 0 && <AddFinding incident={incident} kinds={turns.kinds} onDone={onDone} />}
      {turns.closes && <Close incident={incident} onDone={onDone} />}
    </div>
  );
}
