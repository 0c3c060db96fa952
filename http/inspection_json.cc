#include "http/inspection_json.h"

#include <optional>

#include "core/task.h"
#include "http/json_values.h"
#include "projections/inspection_follow_ups.h"

namespace mandate::http {

using nlohmann::json;

json inspection_json(const core::InspectionState& i, const projections::Views& views) {
  json findings = json::array(), follow_ups = json::array();
  for (const auto& f : i.findings) {
    findings.push_back({{"number", f.number},
                        {"text", f.text},
                        {"severity", core::name_of(f.severity)},
                        {"remedy_due_on", date_or_null(f.remedy_due_on)},
                        {"follow_up_task", empty_as_null(f.follow_up_task)},
                        {"recorded_at", core::format_instant(f.recorded_at)},
                        {"by", {{"user", f.by.user}, {"agency", empty_as_null(f.by.agency)}}}});
    if (f.follow_up_task.empty()) continue;
    const core::TaskState* task = views.tasks.find(f.follow_up_task);
    follow_ups.push_back(
        {{"task", f.follow_up_task},
         {"finding", f.number},
         {"due_on", date_or_null(task ? task->due_on : f.remedy_due_on)},
         {"status", task ? json(core::name_of(core::task_status(*task))) : json(nullptr)}});
  }
  return {
      {"id", i.id},
      {"plan", empty_as_null(i.plan)},
      {"inspecting_agency", i.inspecting_agency},
      {"agency", i.agency},
      {"kind", core::name_of(i.kind)},
      {"scheduled_on", core::format_date(i.scheduled_on)},
      {"team", i.team},
      {"scope", i.scope},
      {"status", core::name_of(i.status)},
      {"planned_at", core::format_instant(i.planned_at)},
      {"planned_by", {{"user", i.planned_by.user}, {"agency", empty_as_null(i.planned_by.agency)}}},
      {"started_at", instant_or_null(i.started_at)},
      {"closed_at", instant_or_null(i.closed_at)},
      {"closed_by", empty_as_null(i.closed_by)},
      {"conclusion", empty_as_null(i.conclusion)},
      {"findings", findings},
      {"follow_ups", follow_ups},
      {"open_follow_ups", projections::open_follow_ups(i, views)}};
}

}  // namespace mandate::http
