// Inspections of agencies (docs/api.md, "Inspections"). On the coordinator's screen: the year's
// inspections (status, kind, inspected agency, day, open follow-ups) with the plan's figures as
// the annual report counts them, a form to plan one, and on the one opened its findings, a form
// to record another (a remedy day opens a follow-up task for the inspected agency), the
// follow-ups with their status (a submitted one approved or returned here, by the inspecting
// agency) and the close, which the server refuses while a follow-up is open. In the inspected
// agency's inbox: its open inspections.

import { useState } from "preact/hooks";
import { enc, get, InboxInspection, Inspection, InspectionFigures, InspectionKind, Me, post, query, Severity } from "../api";
import { agencies, Badge, Checkbox, decidesFor, dueText, Empty, ErrorBox, Input, Section, useActorName, useAgencyName, useCommand, useId } from "../common";
import { fmtDate, fmtInstant, Key, t, tf, word } from "../i18n";
import { useLive } from "../live";
import { useSignal } from "../signal";
import { TaskDetail } from "./task_detail";

const SEVERITIES: Severity[] = ["low", "medium", "high"];
const KINDS: InspectionKind[] = ["periodic", "surprise"];

function Select<T extends string>({ label, name, value, choices, words, onChange }: { label: string; name: string; value: T; choices: T[]; words: (v: T) => string; onChange: (v: T) => void }) {
  const id = useId(name);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value as T)}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {words(c)}
          </option>
        ))}
      </select>
    </div>
  );
}

// The year's figures of the plan's inspections, from GET /v1/views/annual-report.
function Figures({ plan, year }: { plan: string; year: number }) {
  const { data, error } = useLive(() => get<{ inspections?: InspectionFigures }>(`/v1/views/annual-report${query({ plan, year })}`), [plan, year]);
  const f = data?.inspections;
  return (
    <div class="inspection-figures">
      <ErrorBox error={error} />
      {f && (
        <dl
          class="facts"
          aria-label={tf("figures_title", { year })}
          data-plan={plan}
          data-year={year}
          data-planned={f.planned}
          data-closed={f.closed}
          data-findings={f.findings}
          data-follow-ups-open={f.follow_ups.open}
          data-follow-ups-closed={f.follow_ups.closed}
        >
          <dt>{t("fig_planned")}</dt>
          <dd>{f.planned}</dd>
          <dt>{t("fig_closed")}</dt>
          <dd>{f.closed}</dd>
          <dt>{t("fig_findings")}</dt>
          <dd>{f.findings}</dd>
          <dt>{t("fig_follow_ups_open")}</dt>
          <dd>{f.follow_ups.open}</dd>
          <dt>{t("fig_follow_ups_closed")}</dt>
          <dd>{f.follow_ups.closed}</dd>
        </dl>
      )}
    </div>
  );
}

// Under the selected plan when the caller is a coordinator of its focal agency (else the plan is
// left out and the caller's own agency inspects); the checkbox says which.
function PlanForm({ me, plan, focal, year, onDone }: { me: Me; plan: string; focal: string | undefined; year: number; onDone: (id: string) => void }) {
  const all = useSignal(agencies);
  const [id, setId] = useState("");
  const [agency, setAgency] = useState("");
  const [kind, setKind] = useState<InspectionKind>("periodic");
  const [day, setDay] = useState("");
  const [team, setTeam] = useState("");
  const [scope, setScope] = useState("");
  const [underPlan, setUnderPlan] = useState(decidesFor(me, focal));
  const { busy, error, run } = useCommand();
  const agencyId = useId("agency");
  const invalidAgency = error?.problem.field === "agency";
  const send = (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = {
      agency,
      kind,
      scheduled_on: day,
      team: team.split("\n").map((s) => s.trim()).filter(Boolean),
      scope,
    };
    if (id.trim()) body.id = id.trim();
    if (underPlan && plan) body.plan = plan;
    let made = "";
    run(async () => {
      made = (await post<Inspection>("/v1/inspections", body)).id;
    }).then((ok) => {
      if (!ok) return;
      setId("");
      setTeam("");
      setScope("");
      onDone(made);
    });
  };
  return (
    <form class="command inspection-plan" onSubmit={send} aria-label={t("plan_inspection")}>
      <h4>{t("plan_inspection")}</h4>
      <Input label={t("inspection_id")} name="id" value={id} onInput={setId} error={error} />
      <div class={invalidAgency ? "field invalid" : "field"}>
        <label for={agencyId}>{t("inspected_agency")}</label>
        <select id={agencyId} name="agency" required value={agency} aria-invalid={invalidAgency ? "true" : undefined} onChange={(e) => setAgency((e.target as HTMLSelectElement).value)}>
          <option value="" />
          {[...all.values()].map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <Select label={t("kind")} name="kind" value={kind} choices={KINDS} words={(k) => t(("ik_" + k) as Key)} onChange={setKind} />
      <Input label={t("scheduled_on")} name="scheduled_on" type="date" required value={day} onInput={setDay} error={error} />
      <Input label={t("team")} name="team" value={team} onInput={setTeam} error={error} multiline />
      <Input label={t("scope")} name="scope" value={scope} onInput={setScope} error={error} multiline />
      {plan && <Checkbox label={tf("under_plan", { plan })} name="plan" checked={underPlan} onChange={setUnderPlan} />}
      <p class="muted small">{tf("inspections_of_year", { year })}</p>
      <button type="submit" disabled={busy || !agency || !day}>
        {t("plan_inspection_submit")}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

function FindingForm({ inspection, onDone }: { inspection: Inspection; onDone: () => void }) {
  const [text, setText] = useState("");
  const [severity, setSeverity] = useState<Severity>("medium");
  const [due, setDue] = useState("");
  const { busy, error, run } = useCommand();
  const send = (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = { text, severity };
    if (due) body.remedy_due_on = due;
    run(() => post(`/v1/inspections/${enc(inspection.id)}/findings`, body)).then((ok) => {
      if (!ok) return;
      setText("");
      setDue("");
      onDone();
    });
  };
  return (
    <form class="command" onSubmit={send} aria-label={t("record_finding")}>
      <h4>{t("record_finding")}</h4>
      <Input label={t("finding_text")} name="text" value={text} onInput={setText} error={error} multiline />
      <Select label={t("severity")} name="severity" value={severity} choices={SEVERITIES} words={(s) => t(("sev_" + s) as Key)} onChange={setSeverity} />
      <Input label={t("remedy_due_on")} name="remedy_due_on" type="date" value={due} onInput={setDue} error={error} />
      <button type="submit" disabled={busy}>
        {t("record")}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

function CloseForm({ inspection, onDone }: { inspection: Inspection; onDone: () => void }) {
  const [conclusion, setConclusion] = useState("");
  const { busy, error, run } = useCommand();
  const send = (e: Event) => {
    e.preventDefault();
    run(() => post(`/v1/inspections/${enc(inspection.id)}/close`, { conclusion })).then((ok) => ok && onDone());
  };
  return (
    <form class="command" onSubmit={send} aria-label={t("close_inspection")}>
      <h4>{t("close_inspection")}</h4>
      {inspection.open_follow_ups > 0 && <p class="muted small">{tf("close_inspection_needs", { n: inspection.open_follow_ups })}</p>}
      <Input label={t("conclusion")} name="conclusion" value={conclusion} onInput={setConclusion} error={error} multiline />
      <button type="submit" class="secondary" disabled={busy}>
        {t("close_inspection")}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

// A submitted follow-up, decided by the inspecting agency (the task's own focal_agency).
function FollowUpDecision({ task, onDone }: { task: string; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const { busy, error, run } = useCommand();
  const approve = () => run(() => post(`/v1/tasks/${enc(task)}/approve`, {})).then((ok) => ok && onDone());
  const giveBack = (e: Event) => {
    e.preventDefault();
    run(() => post(`/v1/tasks/${enc(task)}/return`, { reason })).then((ok) => {
      if (ok) {
        setReason("");
        onDone();
      }
    });
  };
  return (
    <div class="actions">
      <button type="button" disabled={busy} onClick={approve}>
        {t("approve")}
      </button>
      <form class="inline-form" onSubmit={giveBack}>
        <Input label={t("reason")} name="reason" value={reason} onInput={setReason} error={error} />
        <button type="submit" class="secondary" disabled={busy}>
          {t("return")}
        </button>
      </form>
      <ErrorBox error={error} />
    </div>
  );
}

export function InspectionDetail({ id, me, onClose }: { id: string; me: Me; onClose: () => void }) {
  const name = useAgencyName();
  const actor = useActorName();
  const [task, setTask] = useState<string | null>(null);
  const { data: insp, error, reload } = useLive(() => get<Inspection>(`/v1/inspections/${enc(id)}`), [id]);
  const acts = !!insp && decidesFor(me, insp.inspecting_agency);
  const open = !!insp && insp.status !== "closed";
  return (
    <article class="inspection-detail" aria-label={`${t("inspection")} ${id}`} data-inspection={id} data-status={insp?.status ?? ""} data-open-follow-ups={insp?.open_follow_ups ?? ""}>
      <header class="panel-head">
        <h3>
          {t("inspection")} <code>{id}</code>
        </h3>
        <button type="button" class="ghost" onClick={onClose}>
          {t("close")}
        </button>
      </header>
      <ErrorBox error={error} />
      {insp && (
        <>
          <dl class="facts">
            <dt>{t("status")}</dt>
            <dd>
              <Badge status={insp.status} />
            </dd>
            <dt>{t("kind")}</dt>
            <dd>{word("ik_", insp.kind)}</dd>
            <dt>{t("inspected_agency")}</dt>
            <dd>{name(insp.agency)}</dd>
            <dt>{t("inspecting_agency")}</dt>
            <dd>{name(insp.inspecting_agency)}</dd>
            <dt>{t("plan")}</dt>
            <dd>{insp.plan ?? t("no_plan")}</dd>
            <dt>{t("scheduled_on")}</dt>
            <dd>{fmtDate(insp.scheduled_on)}</dd>
            <dt>{t("team")}</dt>
            <dd>{insp.team.join(", ")}</dd>
            <dt>{t("scope")}</dt>
            <dd>{insp.scope}</dd>
            {insp.conclusion && (
              <>
                <dt>{t("conclusion")}</dt>
                <dd>
                  {insp.conclusion} <span class="muted small">{actor(insp.closed_by?.user, insp.closed_by?.agency)} · {fmtInstant(insp.closed_at)}</span>
                </dd>
              </>
            )}
          </dl>
          <h4>{t("findings")}</h4>
          <Empty when={insp.findings.length === 0} />
          <ol class="findings">
            {insp.findings.map((f) => (
              <li key={f.number} data-finding={f.number} data-severity={f.severity}>
                <span class={`badge sev-${f.severity}`}>{word("sev_", f.severity)}</span> {f.text}
                <div class="muted small">
                  {actor(f.by.user, f.by.agency)} · {fmtInstant(f.recorded_at)}
                  {f.remedy_due_on && ` · ${t("due_on")} ${fmtDate(f.remedy_due_on)}`}
                </div>
              </li>
            ))}
          </ol>
          <h4>{t("follow_ups")}</h4>
          <Empty when={insp.follow_ups.length === 0} />
          <ul class="cards follow-ups">
            {insp.follow_ups.map((f) => (
              <li key={f.task} class="card" data-task={f.task} data-status={f.status ?? ""}>
                <div class="card-head">
                  <button type="button" class="link" onClick={() => setTask(task === f.task ? null : f.task)} aria-expanded={task === f.task}>
                    <code>{f.task}</code>
                  </button>
                  <span class="muted small">
                    #{f.finding} · {t("due_on")} {dueText(f.due_on)}
                  </span>{" "}
                  {f.status && <Badge status={f.status} />}
                </div>
                {acts && f.status === "submitted" && <FollowUpDecision task={f.task} onDone={reload} />}
                {task === f.task && <TaskDetail id={f.task} onClose={() => setTask(null)} />}
              </li>
            ))}
          </ul>
          {open && !acts && <p class="muted small">{tf("only_inspecting", { agency: name(insp.inspecting_agency) })}</p>}
          {open && acts && (
            <div class="commands">
              <FindingForm inspection={insp} onDone={reload} />
              <CloseForm inspection={insp} onDone={reload} />
            </div>
          )}
        </>
      )}
    </article>
  );
}

// The coordinator's part: the year's inspections, the plan's figures, planning one, opening one.
export function Inspections({ me, plan, focal, year }: { me: Me; plan: string; focal: string | undefined; year: number }) {
  const name = useAgencyName();
  const [opened, setOpened] = useState<string | null>(null);
  const [planning, setPlanning] = useState(false);
  const { data, error, reload } = useLive(() => get<{ inspections: Inspection[] }>(`/v1/inspections${query({ year })}`).then((r) => r.inspections), [year]);
  const planner = me.roles.includes("coordinator") || me.roles.includes("admin");
  return (
    <Section
      title={t("inspections_title")}
      id="inspections"
      actions={
        planner && (
          <button type="button" class="secondary" aria-expanded={planning} onClick={() => setPlanning(!planning)}>
            {t("plan_inspection")}
          </button>
        )
      }
    >
      <h3>{tf("figures_title", { year })}</h3>
      {plan && <Figures plan={plan} year={year} />}
      {planning && (
        <PlanForm
          me={me}
          plan={plan}
          focal={focal}
          year={year}
          onDone={(id) => {
            setPlanning(false);
            setOpened(id);
            reload();
          }}
        />
      )}
      <h3>{tf("inspections_of_year", { year })}</h3>
      <ErrorBox error={error} />
      <Empty when={!!data && data.length === 0} />
      {data && data.length > 0 && (
        <div class="scroll">
          <table class="grid inspections">
            <thead>
              <tr>
                <th scope="col">{t("inspection")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("kind")}</th>
                <th scope="col">{t("inspected_agency")}</th>
                <th scope="col">{t("scheduled_on")}</th>
                <th scope="col">{t("open_follow_ups")}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((i) => (
                <tr key={i.id} data-inspection={i.id} data-status={i.status} data-open-follow-ups={i.open_follow_ups}>
                  <td>
                    <button type="button" class="link" onClick={() => setOpened(i.id)} aria-current={opened === i.id}>
                      {i.scope}
                    </button>
                    <div class="muted small">
                      <code>{i.id}</code> · {i.plan ?? t("no_plan")} · {name(i.inspecting_agency)}
                    </div>
                  </td>
                  <td>
                    <Badge status={i.status} />
                  </td>
                  <td>{word("ik_", i.kind)}</td>
                  <td>{name(i.agency)}</td>
                  <td>{fmtDate(i.scheduled_on)}</td>
                  <td class="num">{i.open_follow_ups}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {opened && <InspectionDetail id={opened} me={me} onClose={() => setOpened(null)} />}
    </Section>
  );
}

// The inspected agency's open inspections, as its inbox lists them.
// Undefined while the inbox loads.
export function InboxInspections({ rows }: { rows: InboxInspection[] | undefined }) {
  const name = useAgencyName();
  return (
    <Section title={t("inbox_inspections")} id="inbox-inspections">
      <Empty when={!!rows && rows.length === 0} />
      <ul class="cards" data-count={rows?.length ?? ""}>
        {(rows ?? []).map((r) => (
          <li key={r.inspection} class="card" data-inspection={r.inspection} data-status={r.status} data-open-follow-ups={r.open_follow_ups}>
            <div class="card-head">
              <strong>{r.scope}</strong> <Badge status={r.status} />
            </div>
            <div class="muted small">
              <code>{r.inspection}</code> · {word("ik_", r.kind)} · {t("scheduled_on")} {fmtDate(r.scheduled_on)} · {t("inspecting_agency")}: {name(r.inspecting_agency)}
            </div>
            <div class="small">
              {t("open_follow_ups")}: <b>{r.open_follow_ups}</b>
            </div>
          </li>
        ))}
      </ul>
    </Section>
  );
}
