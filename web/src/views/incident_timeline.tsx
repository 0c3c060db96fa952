// An incident's timeline exactly as recorded (GET /v1/incidents/{id}/timeline): both times on
// every entry, the actor, and the hash chain's verdict. A slider over the timeline's positions
// replays the record as it stood then (`as_of`), asked of the server, not filtered here.

import { useEffect, useState } from "preact/hooks";
import { enc, get, query, Timeline } from "../api";
import { ErrorBox, useAgencyName, useId } from "../common";
import { fmtInstant, t } from "../i18n";
import { useLive } from "../live";

function Entries({ timeline }: { timeline: Timeline }) {
  const name = useAgencyName();
  return (
    <>
      <p class={timeline.chain.verified ? "ok chain" : "error chain"} data-verified={String(timeline.chain.verified)}>
        {timeline.chain.verified ? t("chain_ok") : `${t("chain_bad")} ${timeline.chain.first_bad}`}
        <code class="hash" title={timeline.chain.head}>
          {timeline.chain.head.slice(0, 16)}…
        </code>
      </p>
      <ol class="timeline" data-as-of={timeline.as_of} data-count={timeline.entries.length}>
        {timeline.entries.map((e) => (
          <li key={e.position} data-position={e.position} data-type={e.type}>
            <div class="tl-head">
              <span class="pos">#{e.position}</span> <code>{e.type}</code>
            </div>
            <dl class="facts">
              <dt>{t("occurred_at")}</dt>
              <dd>{fmtInstant(e.occurred_at)}</dd>
              <dt>{t("recorded_at")}</dt>
              <dd>{fmtInstant(e.recorded_at)}</dd>
              <dt>{t("actor")}</dt>
              <dd>
                {e.actor.user}
                {e.actor.agency ? ` (${name(e.actor.agency)})` : ""}
              </dd>
            </dl>
            <details>
              <summary>data · {e.hash.slice(0, 12)}…</summary>
              <pre>{JSON.stringify(e.data, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}

export function IncidentTimeline({ id }: { id: string }) {
  const sliderId = useId("asof");
  const { data: full, error } = useLive(() => get<Timeline>(`/v1/incidents/${enc(id)}/timeline`), [id]);
  const positions = full?.entries.map((e) => e.position) ?? [];
  // null: follow the latest entry; otherwise the index chosen on the slider.
  const [index, setIndex] = useState<number | null>(null);
  useEffect(() => setIndex(null), [id]);
  const last = positions.length - 1;
  const at = index === null || index > last ? last : index;
  const asOf = at >= 0 ? positions[at] : undefined;
  const replaying = asOf !== undefined && at < last;
  const { data: past, error: pastError } = useLive(
    () => (replaying ? get<Timeline>(`/v1/incidents/${enc(id)}/timeline${query({ as_of: asOf })}`) : Promise.resolve(undefined)),
    [id, asOf, replaying],
  );
  const shown = replaying ? past : full;
  return (
    <div class="incident-timeline" data-incident={id}>
      <ErrorBox error={error ?? pastError} />
      {positions.length > 0 && (
        <div class="slider">
          <label for={sliderId}>
            {t("replay")} <strong data-testid="as-of">{asOf}</strong> ({at + 1} {t("of")} {positions.length})
          </label>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={last}
            step={1}
            value={at}
            aria-valuetext={`${asOf}`}
            onInput={(e) => {
              const v = Number((e.target as HTMLInputElement).value);
              setIndex(v >= last ? null : v);
            }}
          />
          <div class="ticks" aria-hidden="true">
            {positions.map((p) => (
              <span key={p}>#{p}</span>
            ))}
          </div>
        </div>
      )}
      {shown && (
        <>
          <p class="muted">
            {t("as_recorded_at")} {shown.as_of}
          </p>
          <Entries timeline={shown} />
        </>
      )}
    </div>
  );
}
