// The approver's screen: the transfers awaiting this approver's decision, and no others
// unless asked (GET /v1/transfers?awaiting=me: those the approver is competent for), each with
// its procedure's steps and the approval's number, date and signer; and the yearly statistics
// (GET /v1/views/transfer-stats) as a bar chart in plain SVG.

import { useState } from "preact/hooks";
import { get, Me, query, TransferStats } from "../api";
import { Empty, ErrorBox, Section, useId } from "../common";
import { t, word } from "../i18n";
import { useLive } from "../live";
import { vietnamYear } from "../days";
import { TransferList } from "./transfers";

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

export function ApproverView({ me }: { me: Me }) {
  return (
    <div class="screen two wide-first">
      <TransferList me={me} title={t("transfers_title")} onlyAwaitingAtFirst />
      <Stats />
    </div>
  );
}
