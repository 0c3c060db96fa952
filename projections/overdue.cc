#include "projections/overdue.h"

#include "core/incident.h"

namespace mandate::projections {

TaskLine task_line(const core::TaskState& t, core::Date on) {
  return {t.id,
          t.plan,
          t.phase,
          t.title,
          t.lead,
          t.kind,
          t.due_on,
          core::days_overdue(t, on),
          core::task_status(t)};
}

core::Result<Overdue> overdue(const Views& views, const core::Caller& caller,
                              const ViewQuery& query, const Moment& m) {
  // The tasks that can fall overdue, by the day after which they are (TaskView): those late
  // today are the prefix before today, already most overdue first.
  std::vector<const core::TaskState*> late_tasks;
  for (const auto& [after, id] : views.tasks.by_overdue_after()) {
    if (after >= m.on.days) break;
    const core::TaskState& task = *views.tasks.find(id);
    if (!core::may_see_task(caller, task)) continue;
    if (!query.plan.empty() && task.plan != query.plan) continue;
    if (!query.agency.empty() && core::find_assignment(task, query.agency) == nullptr) continue;
    late_tasks.push_back(&task);
  }
  Overdue out;
  out.tasks.reserve(late_tasks.size());
  for (const auto* t : late_tasks) out.tasks.push_back(task_line(*t, m.on));

  for (const auto& [id, i] : views.incidents.all()) {
    if (!core::may_see(caller, i)) continue;
    if (!query.agency.empty() && i.agency != query.agency && i.holder != query.agency) continue;
    if (!query.plan.empty() && i.plan != query.plan) continue;
    const auto steps = core::incident_steps(i, m.incident_deadlines, m.authorities, m.at);
    for (const auto& s : steps) {
      if (i.status != core::IncidentStatus::kClosed && !s.at && s.deadline && *s.deadline > m.at &&
          (!out.changes_at || *s.deadline < *out.changes_at)) {
        out.changes_at = s.deadline;
      }
    }
    if (!core::is_incident_late(i, steps)) continue;
    LateIncident late{i.id, i.agency, i.holder, i.status, {}, std::nullopt};
    for (const auto& s : steps) {
      if (s.late) late.late_steps.push_back(s.step);
      if (!s.at && s.deadline && !late.deadline) late.deadline = s.deadline;
    }
    out.incidents.push_back(std::move(late));
  }
  return out;
}

}  // namespace mandate::projections
