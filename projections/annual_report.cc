#include "projections/annual_report.h"

#include "core/access.h"
#include "core/inspection.h"
#include "core/task.h"

namespace mandate::projections {
namespace {

const core::TaskDefinition* report_definition(const core::PlanState& plan) {
  for (const char* section : {"reporting", "summary"}) {
    for (const auto& d : plan.tasks) {
      if (d.recurrence && d.section == section) return &d;
    }
  }
  return nullptr;
}

InspectionFigures inspection_figures(const Views& views, const core::Caller& caller,
                                     const std::string& plan, int year) {
  InspectionFigures f;
  for (const auto& [id, i] : views.inspections.all()) {
    if (i.plan != plan || core::year_of(i.scheduled_on) != year || !core::may_see(caller, i)) {
      continue;
    }
    ++f.planned;
    if (i.status == core::InspectionStatus::kClosed) ++f.closed;
    f.findings += static_cast<int>(i.findings.size());
    for (const std::string& task_id : core::follow_up_tasks(i)) {
      const core::TaskState* task = views.tasks.find(task_id);
      if (task != nullptr && core::is_settled(*task)) {
        ++f.follow_ups_closed;
      } else {
        ++f.follow_ups_open;
      }
    }
  }
  return f;
}

}  // namespace

core::Result<AnnualReport> annual_report(const Views& views, const core::Caller& caller,
                                         const ViewQuery& query, const Moment& m) {
  ASSIGN_OR_RETURN(const core::PlanState* plan, asked_plan(views, query));
  AnnualReport report;
  report.plan = query.plan;
  report.year = query.year_or(m);
  report.inspections = inspection_figures(views, caller, query.plan, report.year);
  const auto* definition = report_definition(*plan);
  if (definition == nullptr) return report;
  const std::string task_id = definition->id + "/" + std::to_string(report.year);
  const auto* task = views.tasks.find(task_id);
  if (task == nullptr || !core::may_see_task(caller, *task)) return report;
  report.task = task_id;
  report.due_on = task->due_on;
  for (const auto& a : task->assignments) {
    if (core::confined_to_own_agency(caller) && a.agency != caller.agency) continue;
    report.agencies.push_back({a.agency, a.role, a.status, a.acknowledged_at,
                               core::is_assignment_overdue(*task, a, m.on)});
  }
  return report;
}

}  // namespace mandate::projections
