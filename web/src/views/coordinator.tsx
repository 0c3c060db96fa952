// The coordinator's screen: per plan and plan year, the agency × phase matrix
// (GET /v1/views/phase-status?year=) with the laggards in red, a click opening that agency's
// tasks; beside it the duties that are not in the matrix (set off by an event, and the
// plan's standing rules); the year's duties that have no deadline yet, which the focal
// agency's coordinators date (PATCH /v1/tasks/{id}); the submissions awaiting a decision, one
// per agency on an `each` task; the difficulties awaiting guidance; the overdue tasks, and
// beside them the breach reports whose chain is late; for the Committee Office's coordinators,
// the transfers awaiting its proposal; the year's inspections and the plan's figures of them.

import { useEffect, useState } from "preact/hooks";
import { Difficulty, enc, get, Me, OverdueIncident, OverdueRow, patch, PhaseAgency, PhaseStatus, Plan, post, query, Task, TaskDefinition, TaskSummary } from "../api";
import { agencies, Badge, decidesFor, dueText, Empty, ErrorBox, Input, Section, useAgencyName, useCommand, useHolder, useId } from "../common";
import { AUTHORITIES } from "../authorities";
import { vietnamYear } from "../days";
import { fmtDate, fmtInstant, Key, t, tf, word } from "../i18n";
import { useLive } from "../live";
import { useSignal } from "../signal";
import { PlanSelect, usePlans } from "./plan_select";
import { Inspections } from "./inspections";
import { TaskDetail } from "./task_detail";
import { TransferList } from "./transfers";

const COUNTS: (keyof PhaseAgency)[] = ["assigned", "acknowledged", "in_progress", "submitted", "approved", "overdue"];

// Duties that the matrix counts: neither set off by an event nor a standing rule.
const inMatrix = (kind: string | undefined) => kind !== "on_event" && kind !== "rule";

// The plan year a task belongs to: its occurrence's, or null for a one-off task.
function yearOf(task: TaskSummary): number | null {
  if (task.occurrence_year !== undefined) return task.occurrence_year ?? null;
  const m = /\/(\d{4})$/.exec(task.id);
  return m ? Number(m[1]) : null;
}

// A task counts in a year's view when it is not yearly, or is that year's occurrence.
const ofYear = (task: TaskSummary, year: number) => {
  const y = yearOf(task);
  return y === null || y === year;
};

// The year shown first: the current Vietnam year if the plan has opened it, else the latest
// open year before it, else the plan's first.
function defaultYear(years: number[]): number {
  const now = vietnamYear();
  if (years.length === 0 || years.includes(now)) return now;
  const before = years.filter((y) => y <= now);
  return before.length ? Math.max(...before) : Math.min(...years);
}

// How far behind an agency is on a phase, for the cell's colour.
function lag(a: PhaseAgency): "none" | "bad" | "warn" | "done" | "ok" {
  const live = a.assigned - a.cancelled;
  if (a.assigned === 0 || live === 0) return "none";
  if (a.overdue > 0) return "bad";
  if (a.approved === live) return "done";
  if (a.unacknowledged > 0) return "warn";
  return "ok";
}

function YearSelect({ years, value, onChange }: { years: number[]; value: number; onChange: (year: number) => void }) {
  const id = useId("year");
  const choices = years.includes(value) ? years : [...years, value].sort();
  return (
    <div class="field inline">
      <label for={id}>{t("year")}</label>
      <select id={id} name="year" value={value} onChange={(e) => onChange(Number((e.target as HTMLSelectElement).value))}>
        {choices.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}

function Matrix({ plan, year, onOpen }: { plan: string; year: number; onOpen: (agency: string, phase: string | null) => void }) {
  const name = useAgencyName();
  const { data, error } = useLive(() => get<PhaseStatus>(`/v1/views/phase-status${query({ plan, year })}`), [plan, year]);
  if (!data) return <ErrorBox error={error} />;
  const rows = [...new Set(data.phases.flatMap((p) => p.agencies.map((a) => a.agency)))];
  const cell = (phase: PhaseStatus["phases"][number], agency: string) => phase.agencies.find((a) => a.agency === agency);
  return (
    <div class="matrix-wrap">
      <ErrorBox error={error} />
      <table class="matrix" data-plan={data.plan} data-year={data.year ?? year} data-as-of={data.as_of}>
        <caption>
          {t("matrix_caption")}. {t("year")} {data.year ?? year}. {t("matrix_on")} {fmtDate(data.on)}.
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("agency")}</th>
            {data.phases.map((p) => (
              <th scope="col" key={p.key ?? "standing"}>
                {p.key ? `${t("phase")} ${p.key}` : t("standing_tasks")}
                <div class="muted small">{p.key && (p.starts_on || p.ends_on) ? `${fmtDate(p.starts_on)} – ${fmtDate(p.ends_on)}` : ""}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((agency) => (
            <tr key={agency}>
              <th scope="row">{name(agency)}</th>
              {data.phases.map((p) => {
                const a = cell(p, agency);
                const level = a ? lag(a) : "none";
                if (!a || level === "none") return <td key={p.key ?? "standing"} class="cell lag-none">—</td>;
                const label = `${name(agency)}, ${p.key ? `${t("phase")} ${p.key}` : t("standing_tasks")}: ` + COUNTS.map((k) => `${t(("s_" + k) as Key)} ${a[k]}`).join(", ");
                return (
                  <td key={p.key ?? "standing"} class={`cell lag-${level}`}>
                    <button
                      type="button"
                      class="cell-button"
                      aria-label={label}
                      data-agency={agency}
                      data-phase={p.key ?? ""}
                      {...Object.fromEntries(COUNTS.map((k) => [`data-${k.replace("_", "-")}`, String(a[k])]))}
                      onClick={() => onOpen(agency, p.key)}
                    >
                      <span class="pct">{Math.round(a.percent_done)}%</span>
                      <span class="counts">
                        {COUNTS.map((k) => (
                          <span key={k} class={`count c-${k}`} title={t(("s_" + k) as Key)}>
                            <b>{a[k]}</b> {t(("a_" + k) as Key)}
                          </span>
                        ))}
                      </span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The duties the matrix leaves out: those set off by an event (with what sets them off and how
// often it has), and the plan's standing rules, as text.
function DutiesByKind({ plan }: { plan: Plan }) {
  const holder = useHolder();
  const headOnEvent = useId("h");
  const headRules = useId("h");
  const onEvent = (plan.definitions ?? []).filter((d) => d.kind === "on_event");
  const rules = (plan.definitions ?? []).filter((d) => d.kind === "rule");
  if (onEvent.length === 0 && rules.length === 0) return null;
  const triggered = (d: TaskDefinition) => plan.tasks.find((x) => x.id === d.id)?.triggered ?? d.triggered;
  return (
    <aside class="duties" aria-label={t("duties_title")}>
      {onEvent.length > 0 && (
        <section aria-labelledby={headOnEvent} class="duty-list" data-kind="on_event">
          <h3 id={headOnEvent}>{t("on_event_title")}</h3>
          <ul class="cards">
            {onEvent.map((d) => {
              const times = triggered(d);
              return (
                <li key={d.id} class="card" data-duty={d.id} data-triggered={times ?? ""}>
                  <div class="card-head">
                    <strong>{d.title}</strong>
                    {d.request && <span class="tag">{t("request_tag")}</span>}
                  </div>
                  <dl class="facts">
                    <dt>{t("trigger")}</dt>
                    <dd class="trigger">{d.trigger}</dd>
                    <dt>{t("lead")}</dt>
                    <dd>{holder(d.kind, d.lead)}</dd>
                    <dt>{t("triggered")}</dt>
                    <dd class="triggered">{times ?? "—"}</dd>
                  </dl>
                  <div class="muted small">
                    <code>{d.id}</code>
                    {d.source && ` · ${t("source")} ${d.source}`}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {rules.length > 0 && (
        <section aria-labelledby={headRules} class="duty-list" data-kind="rule">
          <h3 id={headRules}>{t("rules_title")}</h3>
          <ul class="cards">
            {rules.map((d) => (
              <li key={d.id} class="card" data-duty={d.id}>
                <strong>{d.title}</strong>
                {d.description && <p class="rule-text">{d.description}</p>}
                <div class="muted small">
                  <code>{d.id}</code>
                  {d.source && ` · ${t("source")} ${d.source}`}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}

function DueForm({ task, onDone }: { task: TaskSummary; onDone: () => void }) {
  const [due, setDue] = useState("");
  const { busy, error, run } = useCommand();
  const id = useId("due");
  const invalid = error?.problem.field === "due_on";
  const save = (e: Event) => {
    e.preventDefault();
    run(() => patch(`/v1/tasks/${enc(task.id)}`, { due_on: due })).then((ok) => ok && onDone());
  };
  return (
    <form class="inline-form" onSubmit={save} aria-label={`${t("set_due")}: ${task.id}`}>
      <div class={invalid ? "field invalid" : "field"}>
        <label for={id}>{t("due_on")}</label>
        <input id={id} name="due_on" type="date" required value={due} aria-invalid={invalid ? "true" : undefined} onInput={(e) => setDue((e.target as HTMLInputElement).value)} />
      </div>
      <button type="submit" disabled={busy || !due}>
        {t("save")}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

// The duties of one plan year that have no deadline yet (a yearly duty whose document gives no
// day): a warning naming them, and for the focal agency's coordinators a date to set on each.
function UndatedDuties({ plan, year, decides, onChange }: { plan: Plan; year: number; decides: boolean; onChange: () => void }) {
  const holder = useHolder();
  const undated = plan.tasks.filter((x) => inMatrix(x.kind) && yearOf(x) === year && !x.due_on && x.status !== "cancelled");
  if (undated.length === 0) return null;
  return (
    <div class="warning" role="status" data-year={year} data-count={undated.length}>
      <strong>{tf("undated_warning", { n: undated.length, year })}</strong>
      <ul class="undated">
        {undated.map((x) => (
          <li key={x.id} data-task={x.id}>
            <span>
              {x.title}{" "}
              <span class="muted small">
                <code>{x.id}</code> · {holder(x.kind, x.lead)}
              </span>
            </span>
            {decides && <DueForm task={x} onDone={onChange} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AgencyTasks({ plan, year, agency, phase, onClose }: { plan: string; year: number; agency: string; phase: string | null; onClose: () => void }) {
  const name = useAgencyName();
  const holder = useHolder();
  const [open, setOpen] = useState<string | null>(null);
  const { data, error } = useLive(
    () =>
      get<{ tasks: TaskSummary[] }>(`/v1/tasks${query({ plan, agency, phase: phase ?? undefined })}`).then((r) =>
        r.tasks.filter((x) => x.phase === phase && inMatrix(x.kind) && ofYear(x, year)),
      ),
    [plan, agency, phase, year],
  );
  return (
    <div class="agency-tasks" data-agency={agency}>
      <header class="panel-head">
        <h3>
          {t("tasks_of")} {name(agency)} · {phase ? `${t("phase")} ${phase}` : t("standing_tasks")} · {year}
        </h3>
        <button type="button" class="ghost" onClick={onClose}>
          {t("close")}
        </button>
      </header>
      <ErrorBox error={error} />
      <Empty when={!!data && data.length === 0} />
      <table class="grid">
        <thead>
          <tr>
            <th scope="col">{t("task")}</th>
            <th scope="col">{t("lead")}</th>
            <th scope="col">{t("due_on")}</th>
            <th scope="col">{t("status")}</th>
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((task) => (
            <tr key={task.id} class={task.overdue ? "row-overdue" : ""} data-task={task.id} data-kind={task.kind ?? ""}>
              <td>
                <button type="button" class="link" onClick={() => setOpen(task.id)}>
                  {task.title}
                </button>
                <div class="muted small">
                  <code>{task.id}</code> · {word("kd_", task.kind)}
                  {task.request && <span class="tag">{t("request_tag")}</span>}
                </div>
              </td>
              <td>{holder(task.kind, task.lead)}</td>
              <td>{dueText(task.due_on)}</td>
              <td>
                <Badge status={task.status} />
                {task.overdue && <span class="badge st-overdue">{t("s_overdue")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <TaskDetail id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

function OverdueTasks({ rows }: { rows: OverdueRow[] }) {
  const holder = useHolder();
  return (
    <section class="overdue-part" aria-label={t("overdue_tasks")}>
      <h3>{t("overdue_tasks")}</h3>
      <Empty when={rows.length === 0} />
      {rows.length > 0 && (
        <div class="scroll">
          <table class="grid overdue">
            <thead>
              <tr>
                <th scope="col">{t("days_overdue")}</th>
                <th scope="col">{t("task")}</th>
                <th scope="col">{t("lead")}</th>
                <th scope="col">{t("due_on")}</th>
                <th scope="col">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.task} data-task={row.task}>
                  <td class="num strong">{row.days_overdue}</td>
                  <td>
                    {row.title}
                    <div class="muted small">
                      <code>{row.task}</code> · {row.plan}
                    </div>
                  </td>
                  <td>{holder(row.kind, row.lead)}</td>
                  <td>{dueText(row.due_on)}</td>
                  <td>
                    <Badge status={row.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// Breach reports whose chain is late: which steps were (or by now are) late, who holds the
// report, and the deadline of the step it waits on.
function LateIncidents({ rows }: { rows: OverdueIncident[] }) {
  const name = useAgencyName();
  return (
    <section class="overdue-part" aria-label={t("late_incidents")}>
      <h3>{t("late_incidents")}</h3>
      <Empty when={rows.length === 0} />
      {rows.length > 0 && (
        <table class="grid late-incidents">
          <thead>
            <tr>
              <th scope="col">{t("incident")}</th>
              <th scope="col">{t("holder")}</th>
              <th scope="col">{t("late_steps")}</th>
              <th scope="col">{t("due_on")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.incident} data-incident={row.incident} data-late-steps={row.late_steps.join(" ")}>
                <td>
                  <code>{row.incident}</code>
                  <div class="muted small">{name(row.agency)}</div>
                  <Badge status={row.status} />
                </td>
                <td>{name(row.holder)}</td>
                <td>
                  {row.late_steps.map((s) => (
                    <span key={s} class="badge st-late">
                      {t(("step_" + s) as Key)}
                    </span>
                  ))}
                </td>
                <td>{row.deadline ? fmtInstant(row.deadline) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// What is behind: the overdue tasks, and beside them the breach reports whose chain is late
// (GET /v1/views/overdue answers both, filtered alike).
function OverdueList() {
  const all = useSignal(agencies);
  const [plan, setPlan] = useState("");
  const [agency, setAgency] = useState("");
  const agencyId = useId("agency");
  const { data, error } = useLive(
    () => get<{ tasks: OverdueRow[]; incidents?: OverdueIncident[]; on: string }>(`/v1/views/overdue${query({ plan, agency })}`),
    [plan, agency],
  );
  return (
    <Section title={t("overdue_title")} id="overdue">
      <div class="filters">
        <PlanSelect value={plan} onChange={setPlan} allowAll />
        <div class="field inline">
          <label for={agencyId}>{t("agency")}</label>
          <select id={agencyId} value={agency} onChange={(e) => setAgency((e.target as HTMLSelectElement).value)}>
            <option value="">{t("all_agencies")}</option>
            {[...all.values()].map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorBox error={error} />
      {data && (
        <div class="overdue-layout">
          <OverdueTasks rows={data.tasks} />
          <LateIncidents rows={data.incidents ?? []} />
        </div>
      )}
    </Section>
  );
}

// One submission awaiting a decision: a joint task's (the lead's), or one agency's own on an
// `each` task, which the approval and the return name.
interface Submission {
  task: TaskSummary;
  agency: string | null;
  focal: string | null; // The task's own focal_agency (an inspection's follow-up), else null.
}

function ReviewRow({ item, decides, onDone }: { item: Submission; decides: boolean; onDone: () => void }) {
  const name = useAgencyName();
  const holder = useHolder();
  const { task, agency } = item;
  const [reason, setReason] = useState("");
  const [open, setOpen] = useState(false);
  const { busy, error, run } = useCommand();
  const whose = agency ? { agency } : {};
  const approve = () => run(() => post(`/v1/tasks/${enc(task.id)}/approve`, whose)).then((ok) => ok && onDone());
  const giveBack = (e: Event) => {
    e.preventDefault();
    run(() => post(`/v1/tasks/${enc(task.id)}/return`, { reason, ...whose })).then((ok) => {
      if (ok) {
        setReason("");
        onDone();
      }
    });
  };
  const label = agency ? `${task.title} · ${name(agency)}` : task.title;
  return (
    <li class="card" data-task={task.id} data-agency={agency ?? ""} aria-label={label}>
      <div class="card-head">
        <button type="button" class="link" onClick={() => setOpen(!open)} aria-expanded={open}>
          {task.title}
        </button>
        <span class="muted small">
          <code>{task.id}</code> · {agency ? `${t("submitted_by")}: ${name(agency)}` : holder(task.kind, task.lead)} · {t("due_on")} {dueText(task.due_on)}
        </span>
      </div>
      {decides && (
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
        </div>
      )}
      <ErrorBox error={error} />
      {open && <TaskDetail id={task.id} onClose={() => setOpen(false)} />}
    </li>
  );
}

// The submissions of a plan awaiting a decision. A joint task waits as one (its status is the
// lead's); an `each` task waits once per agency whose own assignment is submitted, which only
// the task itself says (GET /v1/tasks/{id}).
async function submissions(plan: string): Promise<Submission[]> {
  const { tasks } = await get<{ tasks: TaskSummary[] }>(`/v1/tasks${query({ plan })}`);
  // Only the task itself says whether it names its own focal agency, so the submitted ones
  // are read in full too.
  const submitted = tasks.filter((x) => x.kind !== "each" && x.status === "submitted");
  const jointDetails = await Promise.all(submitted.map((x) => get<Task>(`/v1/tasks/${enc(x.id)}`)));
  const joint = submitted.map((task, i) => ({ task, agency: null, focal: jointDetails[i].focal_agency ?? null }));
  const open = tasks.filter((x) => x.kind === "each" && x.status !== "approved" && x.status !== "cancelled");
  const details = await Promise.all(open.map((x) => get<Task>(`/v1/tasks/${enc(x.id)}`)));
  const each = details.flatMap((d, i) => d.assignments.filter((a) => a.status === "submitted").map((a) => ({ task: open[i], agency: a.agency, focal: d.focal_agency ?? null })));
  return [...joint, ...each].sort((a, b) => a.task.id.localeCompare(b.task.id) || (a.agency ?? "").localeCompare(b.agency ?? ""));
}

// A submission is decided by the plan's focal agency, or by the task's own focal agency when it
// names one (an inspection's follow-up: the inspecting agency).
function ReviewQueue({ me, plan, decides, focal }: { me: Me; plan: string; decides: boolean; focal: string | undefined }) {
  const name = useAgencyName();
  const { data, error, reload } = useLive(() => (plan ? submissions(plan) : Promise.resolve([])), [plan]);
  return (
    <Section title={t("review_title")} id="review">
      {!decides && focal && <p class="muted small">{tf("only_focal", { agency: name(focal) })}</p>}
      <ErrorBox error={error} />
      <Empty when={!!data && data.length === 0} />
      <ul class="cards">
        {(data ?? []).map((item) => (
          <ReviewRow key={`${item.task.id} ${item.agency ?? ""}`} item={item} decides={item.focal ? decidesFor(me, item.focal) : decides} onDone={reload} />
        ))}
      </ul>
    </Section>
  );
}

function DifficultyRow({ d, onDone }: { d: Difficulty; onDone: () => void }) {
  const name = useAgencyName();
  const [text, setText] = useState("");
  const { busy, error, run } = useCommand();
  const send = (e: Event) => {
    e.preventDefault();
    run(() => post(`/v1/difficulties/${enc(d.id)}/guidance`, { text })).then((ok) => {
      if (ok) {
        setText("");
        onDone();
      }
    });
  };
  return (
    <li class="card" data-difficulty={d.id}>
      <div class="card-head">
        <strong>{d.text}</strong>
        <span class="muted small">
          {t("raised_by")}: {name(d.agency)} · <code>{d.task}</code> · {fmtInstant(d.raised_at)}
        </span>
      </div>
      <form class="inline-form" onSubmit={send}>
        <Input label={t("guidance")} name="text" value={text} onInput={setText} error={error} multiline />
        <button type="submit" disabled={busy}>
          {t("give_guidance")}
        </button>
      </form>
      <ErrorBox error={error} />
    </li>
  );
}

function Difficulties() {
  const { data, error, reload } = useLive(() => get<{ difficulties: Difficulty[] }>("/v1/difficulties?answered=false").then((r) => r.difficulties), []);
  return (
    <Section title={t("difficulties_title")} id="difficulties">
      <ErrorBox error={error} />
      <Empty when={!!data && data.length === 0} />
      <ul class="cards">
        {(data ?? []).map((d) => (
          <DifficultyRow key={d.id} d={d} onDone={reload} />
        ))}
      </ul>
    </Section>
  );
}

export function CoordinatorView({ me }: { me: Me }) {
  const { data: plans } = usePlans();
  const [plan, setPlan] = useState("");
  // null until the plan's years are known; then the user's choice.
  const [year, setYear] = useState<number | null>(null);
  const [opened, setOpened] = useState<{ agency: string; phase: string | null } | null>(null);
  const { data: detail, error, reload } = useLive(() => (plan ? get<Plan>(`/v1/plans/${enc(plan)}`) : Promise.resolve(undefined)), [plan]);
  const current = detail && detail.id === plan ? detail : undefined;
  useEffect(() => {
    // The first plan until one is chosen; a choice made meanwhile wins (an effect may run
    // after the user's own change).
    if (plans && plans.length > 0) setPlan((chosen) => chosen || plans[0].id);
  }, [plans]);
  useEffect(() => {
    // A plan that has not opened the year shown starts at its own default year.
    if (current) setYear((y) => (y !== null && (current.years ?? []).includes(y) ? y : defaultYear(current.years ?? [])));
  }, [current?.id, (current?.years ?? []).join()]);
  const decides = decidesFor(me, current?.focal_agency);
  const shown = current && year !== null ? year : null;
  return (
    <div class="screen">
      <Section
        title={t("matrix_title")}
        id="matrix"
        actions={
          <div class="filters">
            <PlanSelect
              value={plan}
              onChange={(p) => {
                setPlan(p);
                setOpened(null);
              }}
            />
            {current && shown !== null && <YearSelect years={current.years ?? []} value={shown} onChange={setYear} />}
          </div>
        }
      >
        <ErrorBox error={error} />
        {current && shown !== null && (
          <>
            <UndatedDuties plan={current} year={shown} decides={decides} onChange={reload} />
            <div class="matrix-layout">
              <Matrix plan={current.id} year={shown} onOpen={(agency, phase) => setOpened({ agency, phase })} />
              <DutiesByKind plan={current} />
            </div>
            {opened && <AgencyTasks plan={current.id} year={shown} agency={opened.agency} phase={opened.phase} onClose={() => setOpened(null)} />}
          </>
        )}
      </Section>
      <div class="columns">
        <ReviewQueue me={me} plan={plan} decides={decides} focal={current?.focal_agency} />
        <Difficulties />
      </div>
      {current && shown !== null && <Inspections me={me} plan={current.id} focal={current.focal_agency} year={shown} />}
      <OverdueList />
      {me.agency === AUTHORITIES.committee_office && <TransferList me={me} title={t("transfers_officer_title")} onlyAwaitingAtFirst />}
    </div>
  );
}
