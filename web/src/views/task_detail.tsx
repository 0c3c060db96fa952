// One task: what it asks, who holds it in which state, and everything it went through
// (GET /v1/tasks/{id}: assignments and history). Shared by the coordinator and the officer.

import { ComponentChildren } from "preact";
import { enc, get, Task } from "../api";
import { Badge, dueText, ErrorBox, Loading, useAgencyName, useHolder } from "../common";
import { fmtInstant, t, word } from "../i18n";
import { useLive } from "../live";

export function TaskDetail({ id, onClose, children }: { id: string; onClose: () => void; children?: (task: Task, reload: () => void) => ComponentChildren }) {
  const name = useAgencyName();
  const holder = useHolder();
  const { data: task, error, reload } = useLive(() => get<Task>(`/v1/tasks/${enc(id)}`), [id]);
  return (
    <article class="task-detail" aria-label={`${t("task")} ${id}`} data-task={id}>
      <header class="panel-head">
        <h3>
          {t("task")} <code>{id}</code>
        </h3>
        <button type="button" class="ghost" onClick={onClose}>
          {t("close")}
        </button>
      </header>
      <ErrorBox error={error} />
      <Loading when={!task && !error} />
      {task && (
        <>
          <p class="task-title">{task.title}</p>
          {task.description && <p class="muted">{task.description}</p>}
          <dl class="facts">
            <dt>{t("kind")}</dt>
            <dd>
              {word("kd_", task.kind ?? "joint")}
              {task.request && <span class="tag">{t("request_tag")}</span>}
            </dd>
            {task.kind === "on_event" && task.trigger && (
              <>
                <dt>{t("trigger")}</dt>
                <dd>{task.trigger}</dd>
              </>
            )}
            {task.kind === "on_event" && task.triggered !== undefined && (
              <>
                <dt>{t("triggered")}</dt>
                <dd>{task.triggered}</dd>
              </>
            )}
            <dt>{t("lead")}</dt>
            <dd>{holder(task.kind, task.lead)}</dd>
            <dt>{t("due_on")}</dt>
            <dd>
              {task.kind === "on_event" ? "—" : dueText(task.due_on)}
              {task.overdue && (
                <span class="badge st-overdue">
                  {t("s_overdue")} {task.days_overdue}
                </span>
              )}
            </dd>
            <dt>{t("status")}</dt>
            <dd>
              <Badge status={task.status} />
            </dd>
          </dl>
          {children?.(task, reload)}
          <h4>{t("assignments")}</h4>
          <table class="grid">
            <thead>
              <tr>
                <th scope="col">{t("agency")}</th>
                <th scope="col">{t("role_on_task")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("s_acknowledged")}</th>
              </tr>
            </thead>
            <tbody>
              {task.assignments.map((a) => (
                <tr key={a.agency} data-agency={a.agency}>
                  <td>{name(a.agency)}</td>
                  <td>{task.kind === "each" ? t("role_member") : a.role === "lead" ? t("role_lead") : t("role_coord")}</td>
                  <td>
                    <Badge status={a.status} />
                  </td>
                  <td>{fmtInstant(a.acknowledged_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {task.history && (
            <>
              <h4>{t("history")}</h4>
              <ol class="history">
                {task.history.map((h) => (
                  <li key={h.position}>
                    <span class="when">{fmtInstant(h.recorded_at)}</span> <code>{h.type}</code>{" "}
                    <span class="who">
                      {h.actor.user}
                      {h.actor.agency ? ` (${name(h.actor.agency)})` : ""}
                    </span>
                    {h.changes.length > 0 && (
                      <ul class="changes">
                        {h.changes.map((c, i) => (
                          <li key={i}>
                            <code>{c.field}</code>: {c.from === null ? "∅" : word("s_", c.from)} → {c.to === null ? "∅" : word("s_", c.to)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </article>
  );
}
