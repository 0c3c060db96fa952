#include "http/inspection_json.h"

#include <optional>

#include "core/task.h"

namespace mandate::http {
namespace {

using nlohmann::json;

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json instant_or_null(const std::optional<core::Instant>& i) {
  return i ? json(core::format_instant(*i)) : json(nullptr);
}

json date_or_null(const std::optional<core::Date>& d) {
  return d ? json(core::format_date(*d)) : json(nullptr);
}

// Follow-up tasks of `inspection` that are not settled; one the views do not know yet counts
// as open, as the close rule would count it.
int open_follow_ups(const core::InspectionState& inspection, const projections::Views& views) {
  int open = 0;
  for (const std::string& id : core::follow_up_tasks(inspection)) {
    const core::TaskState* task = views.tasks.find(id);
    if (task == nullptr || !core::is_settled(*task)) ++open;
  }
  return open;
}

}  // namespace

json inspection_json(const core::InspectionState& i, const projections::Views& views) {
  json findings = json::array(), follow_ups = json::array();
  for (const auto& f : i.findings) {
    findings.push_back({{"number", f.number},
                        {"text", f.text},
                        {"severity", core::name_of(f.severity)},
                        {"remedy_due_on", date_or_null(f.remedy_due_on)},
                        {"follow_up_task", text_or_null(f.follow_up_task)},
                        {"recorded_at", core::format_instant(f.recorded_at)},
                        {"by", {{"user", f.by.user}, {"agency", text_or_null(f.by.agency)}}}});
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
      {"plan", text_or_null(i.plan)},
      {"inspecting_agency", i.inspecting_agency},
      {"agency", i.agency},
      {"kind", core::name_of(i.kind)},
      {"scheduled_on", core::format_date(i.scheduled_on)},
      {"team", i.team},
      {"scope", i.scope},
      {"status", core::name_of(i.status)},
      {"planned_at", core::format_instant(i.planned_at)},
      {"planned_by", {{"user", i.planned_by.user}, {"agency", text_or_null(i.planned_by.agency)}}},
      {"started_at", instant_or_null(i.started_at)},
      {"closed_at", instant_or_null(i.closed_at)},
      {"closed_by", text_or_null(i.closed_by)},
      {"conclusion", text_or_null(i.conclusion)},
      {"findings", findings},
      {"follow_ups", follow_ups},
      {"open_follow_ups", open_follow_ups(i, views)}};
}

json inbox_inspections(const projections::Views& views, const std::string& agency) {
  json rows = json::array();
  for (const auto& [id, i] : views.inspections.all()) {
    if (i.agency != agency || i.status == core::InspectionStatus::kClosed) continue;
    rows.push_back({{"inspection", i.id},
                    {"kind", core::name_of(i.kind)},
                    {"scheduled_on", core::format_date(i.scheduled_on)},
                    {"status", core::name_of(i.status)},
                    {"inspecting_agency", i.inspecting_agency},
                    {"plan", text_or_null(i.plan)},
                    {"scope", i.scope},
                    {"open_follow_ups", open_follow_ups(i, views)}});
  }
  return rows;
}

json inspection_figures(const projections::Views& views, const core::Caller& caller,
                        const std::string& plan, int year) {
  int planned = 0, closed = 0, findings = 0, open = 0, done = 0;
  for (const auto& [id, i] : views.inspections.all()) {
    if (i.plan != plan || core::year_of(i.scheduled_on) != year || !core::may_see(caller, i)) {
      continue;
    }
    ++planned;
    if (i.status == core::InspectionStatus::kClosed) ++closed;
    findings += static_cast<int>(i.findings.size());
    for (const std::string& task_id : core::follow_up_tasks(i)) {
      const core::TaskState* task = views.tasks.find(task_id);
      if (task != nullptr && core::is_settled(*task)) {
        ++done;
      } else {
        ++open;
      }
    }
  }
  return {{"planned", planned},
          {"closed", closed},
          {"findings", findings},
          {"follow_ups", {{"open", open}, {"closed", done}}}};
}

}  // namespace mandate::http
