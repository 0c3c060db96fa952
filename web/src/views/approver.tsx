// The approver's screen: transfer requests with their level, partner and channel, approved
// with the approval's document number or rejected with a reason; and the yearly statistics
// (GET /v1/views/transfer-stats) as a bar chart in plain SVG.

import { useState } from "preact/hooks";
import { enc, get, post, query, Transfer, TransferStats } from "../api";
import { Badge, Empty, ErrorBox, Input, Level, Section, useAgencyName, useCommand, useId } from "../common";
import { fmtInstant, t, word } from "../i18n";
import { useLive } from "../live";
import { vietnamYear } from "../days";

function Decide({ transfer, onDone }: { transfer: Transfer; onDone: () => void }) {
  const [approvalRef, setApprovalRef] = useState("");
  const [reason, setReason] = useState("");
  const approve = useCommand();
  const reject = useCommand();
  return (
    <div class="actions">
      <form
        class="inline-form"
        aria-label={t("approve")}
        onSubmit={(e) => {
          e.preventDefault();
          approve.run(() => post(`/v1/transfers/${enc(transfer.id)}/approve`, { approval_ref: approvalRef })).then((ok) => ok && onDone());
        }}
      >
        <Input label={t("approval_ref")} name="approval_ref" value={approvalRef} onInput={setApprovalRef} error={approve.error} />
        <button type="submit" disabled={approve.busy}>
          {t("approve")}
        </button>
      </form>
      <form
        class="inline-form"
        aria-label={t("reject")}
        onSubmit={(e) => {
          e.preventDefault();
          reject.run(() => post(`/v1/transfers/${enc(transfer.id)}/reject`, { reason })).then((ok) => ok && onDone());
        }}
      >
        <Input label={t("reason")} name="reason" value={reason} onInput={setReason} error={reject.error} />
        <button type="submit" class="danger" disabled={reject.busy}>
          {t("reject")}
        </button>
      </form>
      <ErrorBox error={approve.error ?? reject.error} />
    </div>
  );
}

function Transfers() {
  const name = useAgencyName();
  const [onlyRequested, setOnlyRequested] = useState(true);
  const checkId = useId("only");
  const { data, error, reload } = useLive(
    () => get<{ transfers: Transfer[] }>(`/v1/transfers${query({ status: onlyRequested ? "requested" : undefined })}`).then((r) => r.transfers),
    [onlyRequested],
  );
  return (
    <Section
      title={t("transfers_title")}
      id="transfers"
      actions={
        <div class="field inline check">
          <input id={checkId} type="checkbox" checked={onlyRequested} onChange={(e) => setOnlyRequested((e.target as HTMLInputElement).checked)} />
          <label for={checkId}>{t("only_requested")}</label>
        </div>
      }
    >
      <ErrorBox error={error} />
      <Empty when={!!data && data.length === 0} />
      <ul class="cards scroll">
        {(data ?? []).map((tr) => (
          <li key={tr.id} class="card" data-transfer={tr.id} data-status={tr.status}>
            <div class="card-head">
              <strong>{tr.document.title}</strong> <code>{tr.document.ref}</code> <Level level={tr.document.classification} /> <Badge status={tr.status} />
            </div>
            <dl class="facts">
              <dt>{t("agency")}</dt>
              <dd>{name(tr.agency)}</dd>
              <dt>{t("direction")}</dt>
              <dd>{word("", tr.direction)}</dd>
              <dt>{t("partner")}</dt>
              <dd>{tr.partner}</dd>
              <dt>{t("channel")}</dt>
              <dd>{word("ch_", tr.channel)}</dd>
              <dt>{t("purpose")}</dt>
              <dd>{tr.purpose}</dd>
              <dt>{t("recorded_at")}</dt>
              <dd>{fmtInstant(tr.recorded_at)}</dd>
              {tr.approval && (
                <>
                  <dt>{t("approval_ref")}</dt>
                  <dd>{tr.approval.approval_ref}</dd>
                </>
              )}
              {tr.rejection && (
                <>
                  <dt>{t("reason")}</dt>
                  <dd>{tr.rejection.reason}</dd>
                </>
              )}
            </dl>
            {tr.status === "requested" && tr.direction === "outbound" && <Decide transfer={tr} onDone={reload} />}
          </li>
        ))}
      </ul>
    </Section>
  );
}

const LEVEL_COLOURS: Record<string, string> = { confidential: "#3b7dd8", secret: "#d98a1c", top_secret: "#b3261e" };

// Bars per partner and direction, stacked by classification.
function StatsChart({ stats }: { stats: TransferStats }) {
  const groups = new Map<string, Map<string, number>>();
  for (const row of stats.rows) {
    const key = `${row.partner} · ${word("", row.direction)}`;
    const g = groups.get(key) ?? new Map<string, number>();
    g.set(row.classification, (g.get(row.classification) ?? 0) + row.count);
    groups.set(key, g);
  }
  const entries = [...groups.entries()];
  const max = Math.max(1, ...entries.map(([, g]) => [...g.values()].reduce((a, b) => a + b, 0)));
  const barH = 28;
  const left = 130;
  const width = 560;
  const height = entries.length * (barH + 12) + 40;
  const scale = (n: number) => (n / max) * (width - left - 50);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${t("stats_title")} ${stats.year}`} width="100%">
        {entries.map(([key, g], i) => {
          let x = left;
          const y = 10 + i * (barH + 12);
          const total = [...g.values()].reduce((a, b) => a + b, 0);
          return (
            <g key={key}>
              <text x={left - 8} y={y + barH / 2 + 5} text-anchor="end" class="axis">
                {key}
              </text>
              {["confidential", "secret", "top_secret"].map((level) => {
                const n = g.get(level) ?? 0;
                if (!n) return null;
                const w = scale(n);
                const rect = (
                  <rect key={level} x={x} y={y} width={w} height={barH} fill={LEVEL_COLOURS[level]}>
                    <title>{`${word("c_", level)}: ${n}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + barH / 2 + 5} class="axis strong">
                {total}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {Object.entries(LEVEL_COLOURS).map(([level, colour]) => (
          <span key={level}>
            <i style={{ background: colour }} /> {word("c_", level)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function Stats() {
  const yearId = useId("year");
  const [year, setYear] = useState(vietnamYear());
  const { data, error } = useLive(() => get<TransferStats>(`/v1/views/transfer-stats${query({ year })}`), [year]);
  const years = Array.from({ length: 6 }, (_, i) => vietnamYear() - i);
  return (
    <Section
      title={t("stats_title")}
      id="stats"
      actions={
        <div class="field inline">
          <label for={yearId}>{t("year")}</label>
          <select id={yearId} value={year} onChange={(e) => setYear(Number((e.target as HTMLSelectElement).value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      }
    >
      <ErrorBox error={error} />
      <Empty when={!!data && data.rows.length === 0} />
      {data && data.rows.length > 0 && <StatsChart stats={data} />}
    </Section>
  );
}

export function ApproverView() {
  return (
    <div class="screen two">
      <Transfers />
      <Stats />
    </div>
  );
}
