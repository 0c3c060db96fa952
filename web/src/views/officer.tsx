// The department officer's screen: the inbox (GET /v1/views/inbox), and on the task opened
// the commands its agency may give: acknowledge, report progress, submit with evidence,
// raise a difficulty; with the task's history below. Under them the agency's open inspections
// (their follow-ups are tasks of the inbox), then the transfers the officer may
// see: the agency's own, whose approved ones it records as completed, and for the Committee
// Office those awaiting its proposal.

import { useState } from "preact/hooks";
import { enc, get, InboxInspection, InboxRow, Me, post, query, Task } from "../api";
import { Badge, dueText, Empty, ErrorBox, Input, Section, useAgencyName, useCommand } from "../common";
import { t, word } from "../i18n";
import { useLive } from "../live";
import { InboxInspections } from "./inspections";
import { TaskDetail } from "./task_detail";
import { TransferList } from "./transfers";

function Done({ when }: { when: boolean }) {
  return when ? (
    <p class="ok" role="status">
      {t("done")}
    </p>
  ) : null;
}

function Acknowledge({ task, onDone }: { task: Task; onDone: () => void }) {
  const { busy, error, run } = useCommand();
  return (
    <div class="command">
      <button type="button" disabled={busy} onClick={() => run(() => post(`/v1/tasks/${enc(task.id)}/acknowledge`, {})).then((ok) => ok && onDone())}>
        {t("acknowledge")}
      </button>
      <ErrorBox error={error} />
    </div>
  );
}

function Progress({ task, onDone }: { task: Task; onDone: () => void }) {
  const [note, setNote] = useState("");
  const [percent, setPercent] = useState("");
  const [done, setDone] = useState(false);
  const { busy, error, run } = useCommand();
  const send = (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = { note };
    if (percent !== "") body.percent = Number(percent);
    run(() => post(`/v1/tasks/${enc(task.id)}/progress`, body)).then((ok) => {
      setDone(ok);
      if (ok) {
        setNote("");
        setPercent("");
        onDone();
      }
    });
  };
  return (
    <form class="command" onSubmit={send} aria-label={t("progress_title")}>
      <h4>{t("progress_title")}</h4>
      <Input label={t("note")} name="note" value={note} onInput={setNote} error={error} multiline />
      <Input label={t("percent")} name="percent" type="number" min={0} max={100} value={percent} onInput={setPercent} error={error} />
      <button type="submit" disabled={busy}>
        {t("send")}
      </button>
      <ErrorBox error={error} />
      <Done when={done} />
    </form>
  );
}

function Submit({ task, onDone }: { task: Task; onDone: () => void }) {
  const [note, setNote] = useState("");
  const [evidence, setEvidence] = useState([{ ref: "", title: "" }]);
  const [done, setDone] = useState(false);
  const { busy, error, run } = useCommand();
  const edit = (i: number, key: "ref" | "title", value: string) => setEvidence(evidence.map((e, j) => (j === i ? { ...e, [key]: value } : e)));
  const send = (e: Event) => {
    e.preventDefault();
    run(() => post(`/v1/tasks/${enc(task.id)}/submit`, { note, evidence })).then((ok) => {
      setDone(ok);
      if (ok) {
        setNote("");
        setEvidence([{ ref: "", title: "" }]);
        onDone();
      }
    });
  };
  return (
    <form class="command" onSubmit={send} aria-label={t("submit_title")}>
      <h4>{t("submit_title")}</h4>
      <Input label={t("note")} name="note" value={note} onInput={setNote} error={error} multiline />
      <fieldset>
        <legend>{t("evidence")}</legend>
        {evidence.map((item, i) => (
          <div class="evidence-row" key={i}>
            <Input label={`${t("evidence_ref")} ${i + 1}`} name={`evidence[${i}].ref`} value={item.ref} onInput={(v) => edit(i, "ref", v)} error={error} />
            <Input label={`${t("evidence_title")} ${i + 1}`} name={`evidence[${i}].title`} value={item.title} onInput={(v) => edit(i, "title", v)} error={error} />
            {evidence.length > 1 && (
              <button type="button" class="ghost" onClick={() => setEvidence(evidence.filter((_, j) => j !== i))}>
                {t("remove")}
              </button>
            )}
          </div>
        ))}
        <button type="button" class="secondary" onClick={() => setEvidence([...evidence, { ref: "", title: "" }])}>
          {t("add_evidence")}
        </button>
      </fieldset>
      <button type="submit" disabled={busy}>
        {t("submit")}
      </button>
      <ErrorBox error={error} />
      <Done when={done} />
    </form>
  );
}

function RaiseDifficulty({ task }: { task: Task }) {
  const [text, setText] = useState("");
  const [done, setDone] = useState(false);
  const { busy, error, run } = useCommand();
  const send = (e: Event) => {
    e.preventDefault();
    run(() => post(`/v1/tasks/${enc(task.id)}/difficulties`, { text })).then((ok) => {
      setDone(ok);
      if (ok) setText("");
    });
  };
  return (
    <form class="command" onSubmit={send} aria-label={t("difficulty_title")}>
      <h4>{t("difficulty_title")}</h4>
      <Input label={t("note")} name="text" value={text} onInput={setText} error={error} multiline />
      <button type="submit" class="secondary" disabled={busy}>
        {t("send")}
      </button>
      <ErrorBox error={error} />
      <Done when={done} />
    </form>
  );
}

function Commands({ task, agency, reload }: { task: Task; agency: string | null; reload: () => void }) {
  const mine = task.assignments.find((a) => a.agency === agency);
  if (!mine) return null;
  // On an `each` task the agency's own assignment has the whole lifecycle: it submits, and is
  // approved or returned, by itself.
  const each = task.kind === "each";
  const closed = each ? mine.status === "approved" || mine.status === "cancelled" : task.status === "approved" || task.status === "cancelled";
  const submits = (each || mine.role === "lead") && task.kind !== "on_event";
  const working = !closed && !mine.needs_acknowledgement && mine.status !== "submitted";
  return (
    <div class="commands">
      {mine.needs_acknowledgement && <Acknowledge task={task} onDone={reload} />}
      {working && <Progress task={task} onDone={reload} />}
      {working && submits && <Submit task={task} onDone={reload} />}
      <RaiseDifficulty task={task} />
    </div>
  );
}

export function OfficerView({ me }: { me: Me }) {
  const name = useAgencyName();
  const [open, setOpen] = useState<string | null>(null);
  const { data, error } = useLive(() => get<{ agency: string; tasks: InboxRow[]; inspections?: InboxInspection[] }>(`/v1/views/inbox${query({ agency: me.agency ?? undefined })}`), [me.agency]);
  return (
    <div class="screen">
      <div class="screen two">
        <div class="screen">
          <Section title={`${t("inbox_title")} · ${name(me.agency)}`} id="inbox">
            <ErrorBox error={error} />
            <Empty when={!!data && data.tasks.length === 0} />
            <ul class="cards inbox scroll">
              {(data?.tasks ?? []).map((row) => (
                <li key={row.task} class={`card${open === row.task ? " selected" : ""}${row.days_overdue > 0 ? " row-overdue" : ""}`} data-task={row.task}>
                  <button type="button" class="link" onClick={() => setOpen(row.task)} aria-current={open === row.task}>
                    {row.title}
                  </button>
                  <div class="muted small">
                    <code>{row.task}</code> · {row.kind === "each" ? t("role_member") : row.role === "lead" ? t("role_lead") : t("role_coord")} · {t("due_on")} {dueText(row.due_on)}
                    {row.days_overdue > 0 && (
                      <span class="badge st-overdue">
                        {t("s_overdue")} {row.days_overdue}
                      </span>
                    )}
                  </div>
                  <div>
                    <Badge status={row.assignment_status} />{" "}
                    {row.reasons.map((r) => (
                      <span key={r} class="tag">
                        {word("r_", r)}
                      </span>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          </Section>
          <InboxInspections rows={data ? data.inspections ?? [] : undefined} />
        </div>
        <div class="panel sticky">
          {open ? (
            <TaskDetail id={open} onClose={() => setOpen(null)}>
              {(task, reload) => <Commands task={task} agency={me.agency} reload={reload} />}
            </TaskDetail>
          ) : (
            <p class="muted">{t("open")}: {t("inbox_title")}</p>
          )}
        </div>
      </div>
      <TransferList me={me} title={`${t("transfers_officer_title")} · ${name(me.agency)}`} onlyAwaitingAtFirst={false} />
    </div>
  );
}
