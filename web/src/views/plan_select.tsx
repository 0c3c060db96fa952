import { get, PlanSummary } from "../api";
import { useId } from "../common";
import { t } from "../i18n";
import { useLive } from "../live";

export function usePlans() {
  return useLive(() => get<{ plans: PlanSummary[] }>("/v1/plans").then((r) => r.plans), []);
}

// A plan picker; `allowAll` adds "every plan" as the empty choice.
export function PlanSelect({ value, onChange, allowAll }: { value: string; onChange: (id: string) => void; allowAll?: boolean }) {
  const id = useId("plan");
  const { data: plans } = usePlans();
  return (
    <div class="field inline">
      <label for={id}>{t("plan")}</label>
      <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {allowAll && <option value="">{t("all_plans")}</option>}
        {(plans ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.code} · {p.id}
          </option>
        ))}
      </select>
    </div>
  );
}
