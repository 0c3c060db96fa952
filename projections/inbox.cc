#include "projections/inbox.h"

#include "core/access.h"
#include "core/task.h"
#include "projections/inspection_follow_ups.h"

namespace mandate::projections {
namespace {

std::vector<InboxReason> reasons_for(const core::TaskState& task, const core::Assignment& a,
                                     core::Date on) {
  using S = core::AssignmentStatus;
  std::vector<InboxReason> reasons;
  if (core::needs_acknowledgement(a, task)) reasons.push_back(InboxReason::kUnacknowledged);
  const bool submits =
      a.role == core::AgencyRoleOnTask::kLead || task.kind == core::TaskKind::kEach;
  const bool submitted_before =
      task.kind == core::TaskKind::kEach ? a.submission > 0 : task.submissions > 0;
  if (submits && submitted_before && a.status == S::kInProgress) {
    reasons.push_back(InboxReason::kReturned);
  }
  // Due soon: a task that can fall due, whose part for this agency is not done.
  const bool part_open = a.status != S::kApproved && a.status != S::kCancelled;
  if (core::can_fall_due(task) && part_open && task.due_on->days - on.days <= kInboxHorizonDays) {
    reasons.push_back(InboxReason::kDueSoon);
  }
  return reasons;
}

std::vector<InboxInspection> open_inspections(const Views& views, const std::string& agency) {
  std::vector<InboxInspection> rows;
  for (const auto& [id, i] : views.inspections.all()) {
    if (i.agency != agency || i.status == core::InspectionStatus::kClosed) continue;
    rows.push_back({i.id, i.kind, i.scheduled_on, i.status, i.inspecting_agency, i.plan, i.scope,
                    open_follow_ups(i, views)});
  }
  return rows;
}

}  // namespace

std::string_view name_of(InboxReason reason) {
  switch (reason) {
    case InboxReason::kUnacknowledged:
      return "unacknowledged";
    case InboxReason::kReturned:
      return "returned";
    case InboxReason::kDueSoon:
      return "due_soon";
  }
  return "";
}

core::Result<Inbox> inbox(const Views& views, const core::Caller& caller, const ViewQuery& query,
                          const Moment& m) {
  Inbox out;
  out.agency = query.agency.empty() ? caller.agency : query.agency;
  if (out.agency.empty()) {
    return core::make_error(core::ErrorCode::kValidationFailed, "name the agency", "agency");
  }
  if (!core::may_see_agency_scoped(caller, out.agency)) {
    return core::make_error(core::ErrorCode::kForbidden, "an officer sees its own inbox only",
                            "agency");
  }
  for (const std::string_view id : views.tasks.of_agency(out.agency)) {
    const core::TaskState& task = *views.tasks.find(id);
    const auto* a = core::find_assignment(task, out.agency);
    const auto status = core::task_status(task);
    if (status == core::AssignmentStatus::kApproved ||
        status == core::AssignmentStatus::kCancelled) {
      continue;
    }
    auto reasons = reasons_for(task, *a, m.on);
    if (reasons.empty()) continue;
    out.tasks.push_back({task_line(task, m.on), a->role, a->status, std::move(reasons)});
  }
  out.inspections = open_inspections(views, out.agency);
  return out;
}

}  // namespace mandate::projections
