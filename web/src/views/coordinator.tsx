// The coordinator's screen: per plan, the agency × phase matrix (GET /v1/views/phase-status)
// with the laggards in red, a click opening that agency's tasks; the overdue list; the
// submissions awaiting a decision; the difficulties awaiting guidance.

import { useEffect, useState } from "preact/hooks";
import { Difficulty, enc, get, OverdueRow, PhaseAgency, PhaseStatus, post, query, TaskSummary } from "../api";
import { agencies, Badge, Empty, ErrorBox, Input, Section, useAgencyName, useCommand, useId } from "../common";
import { fmtDate, fmtInstant, Key, t } from "../i18n";
import { useLive } from "../live";
import { useSignal } from "../signal";
import { PlanSelect, usePlans } from "./plan_select";
import { TaskDetail } from "./task_detail";

const COUNTS: (keyof PhaseAgency)[] = ["assigned", "acknowledged", "in_progress", "submitted", "approved", "overdue"];

// How far behind an agency is on a phase, for the cell's colour.
function lag(a: PhaseAgency): "none" | "bad" | "warn" | "done" | "ok" {
  const live = a.assigned - a.cancelled;
  if (a.assigned === 0 || live === 0) return "none";
  if (a.overdue > 0) return "bad";
  if (a.approved === live) return "done";
  if (a.unacknowledged > 0) return "warn";
  return "ok";
}

function Matrix({ plan, onOpen }: { plan: string; onOpen: (agency: string, phase: string | null) => void }) {
  const name = useAgencyName();
  const { data, error } = useLive(() => get<PhaseStatus>(`/v1/views/phase-status${query({ plan })}`), [plan]);
  if (!data) return <ErrorBox error={error} />;
  const rows = [...new Set(data.phases.flatMap((p) => p.agencies.map((a) => a.agency)))];
  const cell = (phase: PhaseStatus["phases"][number], agency: string) => phase.agencies.find((a) => a.agency === agency);
  return (
    <div class="matrix-wrap">
      <ErrorBox error={error} />
      <table class="matrix" data-plan={data.plan} data-as-of={data.as_of}>
        <caption>
          {t("matrix_caption")}. {t("matrix_on")} {fmtDate(data.on)}.
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("agency")}</th>
            {data.phases.map((p) => (
              <th scope="col" key={p.key ?? "standing"}>
                {p.key ? `${t("phase")} ${p.key}` : t("standing_tasks")}
                <div class="muted small">{p.key ? `${fmtDate(p.starts_on)} – ${fmtDate(p.ends_on)}` : ""}</div>
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

function AgencyTasks({ plan, agency, phase, onClose }: { plan: string; agency: string; phase: string | null; onClose: () => void }) {
  const name = useAgencyName();
  const [open, setOpen] = useState<string | null>(null);
  const { data, error } = useLive(
    () => get<{ tasks: TaskSummary[] }>(`/v1/tasks${query({ plan, agency, phase: phase ?? undefined })}`).then((r) => r.tasks.filter((x) => x.phase === phase)),
    [plan, agency, phase],
  );
  return (
    <div class="agency-tasks" data-agency={agency}>
      <header class="panel-head">
        <h3>
          {t("tasks_of")} {name(agency)} · {phase ? `${t("phase")} ${phase}` : t("standing_tasks")}
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
            <tr key={task.id} class={task.overdue ? "row-overdue" : ""}>
              <td>
                <button type="button" class="link" onClick={() => setOpen(task.id)}>
                  {task.title}
                </button>
                <div class="muted small">
                  <code>{task.id}</code>
                </div>
              </td>
              <td>{name(task.lead)}</td>
              <td>{fmtDate(task.due_on)}</td>
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

function OverdueList() {
  const name = useAgencyName();
  const all = useSignal(agencies);
  const [plan, setPlan] = useState("");
  const [agency, setAgency] = useState("");
  const agencyId = useId("agency");
  const { data, error } = useLive(() => get<{ tasks: OverdueRow[]; on: string }>(`/v1/views/overdue${query({ plan, agency })}`), [plan, agency]);
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
      <Empty when={!!data && data.tasks.length === 0} />
      {data && data.tasks.length > 0 && (
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
            {data.tasks.map((row) => (
              <tr key={row.task} data-task={row.task}>
                <td class="num strong">{row.days_overdue}</td>
                <td>
                  {row.title}
                  <div class="muted small">
                    <code>{row.task}</code> · {row.plan}
                  </div>
                </td>
                <td>{name(row.lead)}</td>
                <td>{fmtDate(row.due_on)}</td>
                <td>
                  <Badge status={row.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </Section>
  );
}

function ReviewRow({ task, onDone }: { task: TaskSummary; onDone: () => void }) {
  const name = useAgencyName();
  const [reason, setReason] = useState("");
  const [open, setOpen] = useState(false);
  const { busy, error, run } = useCommand();
  const approve = () => run(() => post(`/v1/tasks/${enc(task.id)}/approve`, {})).then((ok) => ok && onDone());
  const giveBack = (e: Event) => {
    e.preventDefault();
    run(() => post(`/v1/tasks/${enc(task.id)}/return`, { reason })).then((ok) => {
      if (ok) {
        setReason("");
        onDone();
      }
    });
  };
  return (
    <li class="card" data-task={task.id}>
      <div class="card-head">
        <button type="button" class="link" onClick={() => setOpen(!open)} aria-expanded={open}>
          {task.title}
        </button>
        <span class="muted small">
          <code>{task.id}</code> · {name(task.lead)} · {t("due_on")} {fmtDate(task.due_on)}
        </span>
      </div>
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
      <ErrorBox error={error} />
      {open && <TaskDetail id={task.id} onClose={() => setOpen(false)} />}
    </li>
  );
}

function ReviewQueue({ plan }: { plan: string }) {
  const { data, error, reload } = useLive(() => get<{ tasks: TaskSummary[] }>(`/v1/tasks${query({ plan, status: "submitted" })}`).then((r) => r.tasks), [plan]);
  return (
    <Section title={t("review_title")} id="review">
      <ErrorBox error={error} />
      <Empty when={!!data && data.length === 0} />
      <ul class="cards">
        {(data ?? []).map((task) => (
          <ReviewRow key={task.id} task={task} onDone={reload} />
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

export function CoordinatorView() {
  const { data: plans } = usePlans();
  const [plan, setPlan] = useState("");
  const [opened, setOpened] = useState<{ agency: string; phase: string | null } | null>(null);
  useEffect(() => {
    // The first plan until one is chosen; a choice made meanwhile wins (an effect may run
    // after the user's own change).
    if (plans && plans.length > 0) setPlan((chosen) => chosen || plans[0].id);
  }, [plans]);
  return (
    <div class="screen">
      <Section title={t("matrix_title")} id="matrix" actions={<PlanSelect value={plan} onChange={(p) => { setPlan(p); setOpened(null); }} />}>
        {plan && <Matrix plan={plan} onOpen={(agency, phase) => setOpened({ agency, phase })} />}
        {plan && opened && <AgencyTasks plan={plan} agency={opened.agency} phase={opened.phase} onClose={() => setOpened(null)} />}
      </Section>
      <div class="columns">
        <ReviewQueue plan={plan} />
        <Difficulties />
      </div>
      <OverdueList />
    </div>
  );
}
