#include "projections/phase_status.h"

#include <map>

#include "core/access.h"
#include "core/task.h"
#include "projections/task_view.h"

namespace mandate::projections {
namespace {

// Adds one row of counts (of the tasks of the year asked, or of no particular year).
void add(AgencyProgress& p, const StatusCounts& c, core::Date on) {
  using S = core::AssignmentStatus;
  const auto n = [&](S s) { return c.by_status[static_cast<size_t>(s)]; };
  p.assigned += c.assigned();
  p.unacknowledged += n(S::kAssigned);
  p.acknowledged += n(S::kAcknowledged);
  p.in_progress += n(S::kInProgress);
  p.submitted += n(S::kSubmitted);
  p.approved += n(S::kApproved);
  p.cancelled += n(S::kCancelled);
  p.overdue += c.overdue_on(on);
}

// The agencies of one phase: the tasks of no particular year and those of `year`, merged by
// agency; only `agency` when the caller is confined to its own.
std::vector<AgencyProgress> rows(const TaskView& tasks, const std::string& plan, int year,
                                 std::string_view phase, const std::string* agency, core::Date on) {
  std::map<std::string_view, AgencyProgress> by_agency;
  for (const std::optional<int32_t> y : {std::optional<int32_t>(), std::optional<int32_t>(year)}) {
    const AgencyCounts* counts = tasks.counts(plan, y, phase);
    if (counts == nullptr) continue;
    if (agency != nullptr) {
      if (auto it = counts->find(*agency); it != counts->end())
        add(by_agency[*agency], it->second, on);
      continue;
    }
    for (const auto& [name, c] : *counts) add(by_agency[name], c, on);
  }
  std::vector<AgencyProgress> out;
  out.reserve(by_agency.size());
  for (auto& [name, p] : by_agency) {
    p.agency = std::string(name);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

core::Result<PhaseStatus> phase_status(const Views& views, const core::Caller& caller,
                                       const ViewQuery& query, const Moment& m) {
  ASSIGN_OR_RETURN(const core::PlanState* plan, asked_plan(views, query));
  PhaseStatus status{query.plan, query.year_or(m), {}};
  // Counted as the events were applied (TaskView): a read walks the plan's agencies only.
  const std::string* agency = core::confined_to_own_agency(caller) ? &caller.agency : nullptr;
  for (const auto& p : plan->phases) {
    status.phases.push_back({p.key, p.title, p.starts_on, p.ends_on,
                             rows(views.tasks, query.plan, status.year, p.key, agency, m.on)});
  }
  auto standing = rows(views.tasks, query.plan, status.year, "", agency, m.on);
  if (!standing.empty()) {
    status.phases.push_back(
        {std::nullopt, "standing tasks", std::nullopt, std::nullopt, std::move(standing)});
  }
  return status;
}

}  // namespace mandate::projections
