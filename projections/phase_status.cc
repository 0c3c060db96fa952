#include "projections/phase_status.h"

#include <map>

#include "core/access.h"
#include "core/task.h"

namespace mandate::projections {
namespace {

void count(AgencyProgress& p, const core::TaskState& task, const core::Assignment& a,
           core::Date on) {
  using S = core::AssignmentStatus;
  ++p.assigned;
  switch (a.status) {
    case S::kAssigned:
      ++p.unacknowledged;
      break;
    case S::kAcknowledged:
      ++p.acknowledged;
      break;
    case S::kInProgress:
      ++p.in_progress;
      break;
    case S::kSubmitted:
      ++p.submitted;
      break;
    case S::kApproved:
      ++p.approved;
      break;
    case S::kCancelled:
      ++p.cancelled;
      break;
  }
  if (a.status != S::kCancelled && a.status != S::kApproved &&
      core::is_assignment_overdue(task, a, on)) {
    ++p.overdue;
  }
}

std::vector<AgencyProgress> rows(std::map<std::string, AgencyProgress>& by_agency) {
  std::vector<AgencyProgress> out;
  out.reserve(by_agency.size());
  for (auto& [agency, p] : by_agency) {
    p.agency = agency;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

core::Result<PhaseStatus> phase_status(const Views& views, const core::Caller& caller,
                                       const ViewQuery& query, const Moment& m) {
  ASSIGN_OR_RETURN(const core::PlanState* plan, asked_plan(views, query));
  PhaseStatus status{query.plan, query.year_or(m), {}};
  // phase key ("" for standing tasks) -> agency -> figures.
  std::map<std::string, std::map<std::string, AgencyProgress>> table;
  const bool own_agency_only = core::confined_to_own_agency(caller);
  for (const auto& [id, task] : views.tasks.all()) {
    if (task.plan != query.plan || !core::may_see_task(caller, task)) continue;
    if (task.kind == core::TaskKind::kOnEvent || task.kind == core::TaskKind::kRule) continue;
    if (task.occurrence_year.has_value() && *task.occurrence_year != status.year) continue;
    std::map<std::string, AgencyProgress>* phase = nullptr;  // Made by the first one counted.
    for (const auto& a : task.assignments) {
      if (own_agency_only && a.agency != caller.agency) continue;
      if (phase == nullptr) phase = &table[task.phase.value_or("")];
      count((*phase)[a.agency], task, a, m.on);
    }
  }
  for (const auto& p : plan->phases) {
    status.phases.push_back({p.key, p.title, p.starts_on, p.ends_on, rows(table[p.key])});
  }
  if (auto standing = table.find(""); standing != table.end()) {
    status.phases.push_back(
        {std::nullopt, "standing tasks", std::nullopt, std::nullopt, rows(standing->second)});
  }
  return status;
}

}  // namespace mandate::projections
