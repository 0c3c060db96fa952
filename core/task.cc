#include "core/task.h"

#include <algorithm>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/access.h"

// decide() for tasks lives in core/task_decide.cc; this file folds events and answers queries.

namespace mandate::core {
namespace {

Assignment fresh_assignment(std::string agency, AgencyRoleOnTask role) {
  Assignment a;
  a.agency = std::move(agency);
  a.role = role;
  return a;
}

Assignment* find_mutable(TaskState& state, std::string_view agency) {
  for (Assignment& a : state.assignments) {
    if (a.agency == agency) return &a;
  }
  return nullptr;
}

void apply(TaskState& state, const TaskAssigned& e) {
  state.id = e.id;
  state.plan = e.plan;
  state.definition = e.definition;
  state.phase = e.phase;
  state.section = e.section;
  state.title = e.title;
  state.description = e.description;
  state.lead = e.lead;
  state.focal_agency = e.focal_agency;
  state.kind = e.kind;
  state.request = e.request;
  state.due_on = e.due_on;
  state.occurrence_year = e.occurrence_year;
  state.revision = 1;
  state.submissions = 0;
  state.cancelled = false;
  state.assignments.clear();
  if (!e.lead.empty()) {
    state.assignments.push_back(fresh_assignment(e.lead, AgencyRoleOnTask::kLead));
  }
  for (const std::string& c : e.coordinators) {
    state.assignments.push_back(fresh_assignment(c, AgencyRoleOnTask::kCoordinator));
  }
}

void apply(TaskState& state, const TaskAcknowledged& e, Instant recorded_at) {
  Assignment* a = find_mutable(state, e.agency);
  if (a == nullptr) return;
  if (a->status == AssignmentStatus::kAssigned) a->status = AssignmentStatus::kAcknowledged;
  a->acknowledged_at = recorded_at;
  a->acknowledged_revision = e.revision;
}

void apply(TaskState& state, const TaskProgressReported& e) {
  if (Assignment* a = find_mutable(state, e.agency)) a->status = AssignmentStatus::kInProgress;
}

void apply(TaskState& state, const TaskSubmitted& e) {
  state.submissions = std::max(state.submissions, e.submission);
  if (Assignment* a = find_mutable(state, e.agency)) {
    a->status = AssignmentStatus::kSubmitted;
    if (state.kind == TaskKind::kEach) a->submission = e.submission;
  }
}

void apply(TaskState& state, const TaskApproved& e) {
  if (!e.agency.empty()) {
    if (Assignment* a = find_mutable(state, e.agency)) a->status = AssignmentStatus::kApproved;
    return;
  }
  for (Assignment& a : state.assignments) {
    if (a.status != AssignmentStatus::kCancelled) a.status = AssignmentStatus::kApproved;
  }
}

void apply(TaskState& state, const TaskReturned& e) {
  const std::string& agency = e.agency.empty() ? state.lead : e.agency;
  if (Assignment* a = find_mutable(state, agency)) a->status = AssignmentStatus::kInProgress;
}

void apply(TaskState& state, const TaskExtended& e) {
  state.due_on = e.due_on;
  ++state.revision;
}

void apply(TaskState& state, const TaskDueSet& e) { state.due_on = e.due_on; }

void apply(TaskState& state, const TaskRevised& e) {
  if (e.description.has_value()) state.description = *e.description;
  std::erase_if(state.assignments, [&](const Assignment& a) {
    return a.role != AgencyRoleOnTask::kLead &&
           std::find(e.coordinators_removed.begin(), e.coordinators_removed.end(), a.agency) !=
               e.coordinators_removed.end();
  });
  for (const std::string& agency : e.coordinators_added) {
    if (find_mutable(state, agency) == nullptr) {
      state.assignments.push_back(fresh_assignment(agency, AgencyRoleOnTask::kCoordinator));
    }
  }
  ++state.revision;
}

void apply(TaskState& state, const TaskCancelled&) {
  state.cancelled = true;
  for (Assignment& a : state.assignments) a.status = AssignmentStatus::kCancelled;
}

}  // namespace

void evolve(TaskState& state, const RecordedEvent& event) {
  state.version = event.version;
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, TaskAcknowledged>) {
          apply(state, e, event.recorded_at);
        } else if constexpr (std::is_same_v<E, TaskAssigned> ||
                             std::is_same_v<E, TaskProgressReported> ||
                             std::is_same_v<E, TaskSubmitted> || std::is_same_v<E, TaskApproved> ||
                             std::is_same_v<E, TaskReturned> || std::is_same_v<E, TaskExtended> ||
                             std::is_same_v<E, TaskRevised> || std::is_same_v<E, TaskCancelled> ||
                             std::is_same_v<E, TaskDueSet>) {
          apply(state, e);
        }
      },
      event.data);
}

const Assignment* find_assignment(const TaskState& state, std::string_view agency) {
  for (const Assignment& a : state.assignments) {
    if (a.agency == agency) return &a;
  }
  return nullptr;
}

AssignmentStatus task_status(const TaskState& state) {
  if (state.kind == TaskKind::kEach) {
    if (state.cancelled) return AssignmentStatus::kCancelled;
    // The statuses are declared from least to most advanced, cancelled last.
    std::optional<AssignmentStatus> least;
    for (const Assignment& a : state.assignments) {
      if (a.status == AssignmentStatus::kCancelled) continue;
      if (!least || a.status < *least) least = a.status;
    }
    return least.value_or(AssignmentStatus::kAssigned);
  }
  const Assignment* lead = find_assignment(state, state.lead);
  return lead == nullptr ? AssignmentStatus::kAssigned : lead->status;
}

bool may_see_task(const Caller& caller, const TaskState& state) {
  return !confined_to_own_agency(caller) ||
         (!caller.agency.empty() && find_assignment(state, caller.agency) != nullptr);
}

bool needs_acknowledgement(const Assignment& assignment, const TaskState& state) {
  const AssignmentStatus status = task_status(state);
  if (state.cancelled || status == AssignmentStatus::kApproved) return false;
  return assignment.acknowledged_revision < state.revision;
}

bool can_fall_due(const TaskState& state) {
  return state.due_on.has_value() && !state.request && state.kind != TaskKind::kOnEvent &&
         state.kind != TaskKind::kRule;
}

namespace {

bool finished(AssignmentStatus status) {
  return status == AssignmentStatus::kApproved || status == AssignmentStatus::kCancelled;
}

}  // namespace

bool is_settled(const TaskState& state) {
  return state.version > 0 && (state.cancelled || finished(task_status(state)));
}

bool is_overdue(const TaskState& state, Date on) {
  const auto after = overdue_after(state);
  return after && *after < on;
}

std::optional<Date> overdue_after(const TaskState& state) {
  if (!can_fall_due(state) || finished(task_status(state))) return std::nullopt;
  return state.due_on;
}

std::optional<Date> overdue_after(const TaskState& state, const Assignment& assignment) {
  if (!can_fall_due(state)) return std::nullopt;
  const bool open =
      state.kind == TaskKind::kEach ? !finished(assignment.status) : !finished(task_status(state));
  return open ? state.due_on : std::nullopt;
}

bool is_assignment_overdue(const TaskState& state, const Assignment& assignment, Date on) {
  const auto after = overdue_after(state, assignment);
  return after && *after < on;
}

int days_overdue(const TaskState& state, Date on) {
  return is_overdue(state, on) ? on.days - state.due_on->days : 0;
}

}  // namespace mandate::core
