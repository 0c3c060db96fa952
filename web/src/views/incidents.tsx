// The breach reports' screen (investigators, auditors, and the coordinators whose agencies
// take the chain's steps): the incidents, with who holds each and a mark on the late ones; for
// the one opened its chain as steps (reported, received by the police division, reported to
// the People's Committee, to the Ministry, the partner notified: who, when, by which deadline,
// and whether late), the steps that are the user's to take, the findings, and the timeline.

import { useEffect, useState } from "preact/hooks";
import { enc, get, Incident, IncidentStep, Me } from "../api";
import { Badge, Empty, ErrorBox, Level, Loading, Section, useActorName, useAgencyName } from "../common";
import { fmtInstant, Key, t, word } from "../i18n";
import { useLive } from "../live";
import { StepItem, Steps } from "../steps";
import { IncidentActions } from "./incident_actions";
import { IncidentTimeline } from "./incident_timeline";

// A closed incident is never late any more; an open one is while any of its steps is.
const isLate = (i: Incident) => i.status !== "closed" && i.steps.some((s) => s.late);

function useChainSteps(): (steps: IncidentStep[]) => StepItem[] {
  const actor = useActorName();
  return (steps) =>
    steps.map((s) => ({
      step: s.step,
      label: t(("step_" + s.step) as Key),
      done: s.at !== null,
      who: s.by ? actor(s.by.user, s.by.agency) : undefined,
      when: s.at ? fmtInstant(s.at) : undefined,
      deadline: s.deadline ? fmtInstant(s.deadline) : undefined,
      late: s.late,
    }));
}

function IncidentDetail({ me, id }: { me: Me; id: string }) {
  const name = useAgencyName();
  const actor = useActorName();
  const chain = useChainSteps();
  const { data: incident, error, reload } = useLive(() => get<Incident>(`/v1/incidents/${enc(id)}`), [id]);
  const shown = incident && incident.id === id ? incident : undefined;
  return (
    <article class="incident-detail" data-incident={id} data-status={shown?.status ?? ""} data-holder={shown?.holder ?? ""}>
      <ErrorBox error={error} />
      <Loading when={!shown && !error} />
      {shown && (
        <>
          <h3>
            {t("incident")} <code>{shown.id}</code>
          </h3>
          <p class="task-title">{shown.summary}</p>
          <dl class="facts">
            <dt>{t("agency")}</dt>
            <dd>{name(shown.agency)}</dd>
            <dt>{t("kind")}</dt>
            <dd>{word("k_", shown.kind)}</dd>
            <dt>{t("level")}</dt>
            <dd>
              <Level level={shown.classification} />
            </dd>
            {shown.partner && (
              <>
                <dt>{t("partner")}</dt>
                <dd>{shown.partner}</dd>
              </>
            )}
            <dt>{t("discovered_at")}</dt>
            <dd>{fmtInstant(shown.discovered_at)}</dd>
            <dt>{t("holder")}</dt>
            <dd class="holder">{name(shown.holder)}</dd>
            <dt>{t("status")}</dt>
            <dd>
              <Badge status={shown.status} />
            </dd>
            {shown.conclusion && (
              <>
                <dt>{t("conclusion")}</dt>
                <dd>{shown.conclusion}</dd>
              </>
            )}
          </dl>
          <h3>{t("chain_title")}</h3>
          <Steps items={chain(shown.steps)} label={`${t("chain_title")}: ${shown.id}`} />
          <IncidentActions me={me} incident={shown} onDone={reload} />
          {shown.findings.length > 0 && (
            <>
              <h3>{t("findings")}</h3>
              <ul class="findings">
                {shown.findings.map((f, i) => (
                  <li key={i} data-kind={f.kind}>
                    <strong>{word("f_", f.kind)}</strong>: {f.text}
                    <div class="muted small">
                      {actor(f.by.user, f.by.agency)} · {fmtInstant(f.occurred_at)}
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </article>
  );
}

export function IncidentsView({ me }: { me: Me }) {
  const name = useAgencyName();
  const [open, setOpen] = useState<string | null>(null);
  const { data, error } = useLive(() => get<{ incidents: Incident[] }>("/v1/incidents").then((r) => r.incidents), []);
  useEffect(() => {
    if (data && data.length > 0) setOpen((chosen) => chosen ?? data[0].id);
  }, [data]);
  return (
    <div class="screen two">
      <Section title={t("incidents_title")} id="incidents">
        <ErrorBox error={error} />
        <Empty when={!!data && data.length === 0} />
        <ul class="cards scroll">
          {(data ?? []).map((inc) => (
            <li key={inc.id} class={`card${open === inc.id ? " selected" : ""}${isLate(inc) ? " row-overdue" : ""}`} data-incident={inc.id} data-late={String(isLate(inc))}>
              <button type="button" class="link" onClick={() => setOpen(inc.id)} aria-current={open === inc.id}>
                {inc.summary}
              </button>
              <div class="muted small">
                <code>{inc.id}</code> · {name(inc.agency)} · {word("k_", inc.kind)} · {fmtInstant(inc.discovered_at)}
              </div>
              <div>
                <Level level={inc.classification} /> <Badge status={inc.status} />
                {inc.status !== "closed" && (
                  <span class="muted small">
                    {t("holder")}: {name(inc.holder)}
                  </span>
                )}
                {isLate(inc) && <span class="badge st-late">{t("late")}</span>}
              </div>
            </li>
          ))}
        </ul>
      </Section>
      <div class="panel sticky">
        {open ? (
          <>
            <IncidentDetail me={me} id={open} />
            <h3>{t("timeline_title")}</h3>
            <IncidentTimeline id={open} />
          </>
        ) : (
          <Empty when />
        )}
      </div>
    </div>
  );
}
