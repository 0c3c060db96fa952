// decide() for tasks (declared in core/task.h). Each command has one function below that runs
// the checks in the order every aggregate uses: existence, visibility, permission, fields,
// state.

#include <algorithm>
#include <type_traits>
#include <utility>

#include "core/access.h"
#include "core/field_rules.h"
#include "core/occurrences.h"
#include "core/task.h"

namespace mandate::core {
namespace {

constexpr uint32_t kMaxPercent = 100;

Error validation(std::string message, std::string field) {
  return make_error(ErrorCode::kValidationFailed, std::move(message), std::move(field));
}

Error conflict(std::string message) { return make_error(ErrorCode::kConflict, std::move(message)); }

Decision one_event(const TaskState& state, EventData event) {
  return single_stream(task_stream(state.id), state.version,
                       {NewEvent{std::move(event), std::nullopt}});
}

// Existence and visibility: both answer kNotFound, so that a caller confined to its agency
// cannot tell a task it is not on from a task that does not exist.
Status check_visible(const TaskState& state, const Caller& caller) {
  if (state.version == 0 || !may_see_task(caller, state)) {
    return make_error(ErrorCode::kNotFound, "no such task");
  }
  return ok_status();
}

// The assignment through which the caller works on the task: an officer's own agency's.
Result<const Assignment*> acting_assignment(const TaskState& state, const Caller& caller) {
  if (!may(caller, Action::kWorkOnTasks)) {
    return make_error(ErrorCode::kForbidden, "only an officer of an assigned agency may do this");
  }
  const Assignment* a = caller.agency.empty() ? nullptr : find_assignment(state, caller.agency);
  if (a == nullptr) {
    return make_error(ErrorCode::kForbidden,
                      "the caller's agency is not assigned to task " + state.id);
  }
  return a;
}

// Decisions on a task are the focal agency's (fidelity: focal_agency was stored and never
// consulted): its coordinators, or an admin. The focal agency is the task's own when it names
// one (an inspection's follow-up is the inspecting agency's to approve), else its plan's.
Status require_focal_coordinator(const TaskState& state, const Caller& caller,
                                 const Directory& directory) {
  if (!may(caller, Action::kCoordinateTasks)) {
    return make_error(ErrorCode::kForbidden, "only a coordinator may do this");
  }
  if (caller.is_admin()) return ok_status();
  const std::string focal = state.focal_agency.empty()
                                ? directory.plan_facts(state.plan).focal_agency
                                : state.focal_agency;
  if (focal.empty() || caller.agency != focal) {
    return make_error(ErrorCode::kForbidden,
                      "only a coordinator of the focal agency " + focal + " may do this");
  }
  return ok_status();
}

// A task that is approved or cancelled takes no more changes.
Status check_open(const TaskState& state) {
  if (state.cancelled) return conflict("task " + state.id + " is cancelled");
  if (task_status(state) == AssignmentStatus::kApproved) {
    return conflict("task " + state.id + " is approved");
  }
  return ok_status();
}

Status require_present(std::string_view text, const char* field) {
  if (is_blank(text)) return validation(std::string(field) + " is required", field);
  return ok_status();
}

Result<Decision> decide_one(const TaskState& state, const AcknowledgeTask&, const Caller& caller,
                            const Directory&) {
  ASSIGN_OR_RETURN(const Assignment* a, acting_assignment(state, caller));
  RETURN_IF_ERROR(check_open(state));
  if (a->status != AssignmentStatus::kAssigned && a->acknowledged_revision >= state.revision) {
    return conflict(a->agency + " already acknowledged revision " + std::to_string(state.revision) +
                    " of task " + state.id);
  }
  return one_event(state, TaskAcknowledged{a->agency, state.revision});
}

Result<Decision> decide_one(const TaskState& state, const ReportProgress& c, const Caller& caller,
                            const Directory&) {
  ASSIGN_OR_RETURN(const Assignment* a, acting_assignment(state, caller));
  RETURN_IF_ERROR(require_present(c.note, "note"));
  if (c.percent.has_value() && *c.percent > kMaxPercent) {
    return validation("percent is from 0 to 100", "percent");
  }
  RETURN_IF_ERROR(check_open(state));
  if (a->status == AssignmentStatus::kAssigned) {
    return conflict(a->agency + " must acknowledge task " + state.id + " first");
  }
  if (a->status == AssignmentStatus::kSubmitted) {
    return conflict("task " + state.id + " is submitted and awaits review");
  }
  return one_event(state, TaskProgressReported{a->agency, c.note, c.percent});
}

Result<Decision> decide_one(const TaskState& state, const SubmitTask& c, const Caller& caller,
                            const Directory&) {
  ASSIGN_OR_RETURN(const Assignment* a, acting_assignment(state, caller));
  if (state.kind != TaskKind::kEach && a->role != AgencyRoleOnTask::kLead) {
    return make_error(ErrorCode::kForbidden,
                      "only the lead agency " + state.lead + " submits task " + state.id);
  }
  if (c.evidence.empty()) return validation("a submission needs evidence", "evidence");
  for (size_t i = 0; i < c.evidence.size(); ++i) {
    if (is_blank(c.evidence[i].ref)) {
      return validation("evidence needs a ref", "evidence[" + std::to_string(i) + "].ref");
    }
  }
  RETURN_IF_ERROR(check_open(state));
  if (a->status == AssignmentStatus::kApproved) {
    return conflict(a->agency + "'s part of task " + state.id + " is approved");
  }
  if (a->status == AssignmentStatus::kAssigned) {
    return conflict(a->agency + " must acknowledge task " + state.id + " first");
  }
  if (a->status == AssignmentStatus::kSubmitted) {
    return conflict("task " + state.id + " is already submitted");
  }
  return one_event(state, TaskSubmitted{a->agency, state.submissions + 1, c.note, c.evidence});
}

// Approve and return judge the latest submission: of the task (joint), or of the named
// agency's part (each). The answer is the submission number and the agency ("" for joint).
Result<std::pair<uint32_t, std::string>> reviewed_submission(const TaskState& state,
                                                             const std::string& agency) {
  if (state.kind != TaskKind::kEach) {
    if (!agency.empty()) return validation("agency is only for an each task", "agency");
    if (task_status(state) == AssignmentStatus::kSubmitted) {
      return std::pair<uint32_t, std::string>{state.submissions, ""};
    }
    if (state.submissions == 0) return conflict("task " + state.id + " was never submitted");
    return conflict("task " + state.id + " is not awaiting review");
  }
  if (is_blank(agency)) return validation("an each task is reviewed agency by agency", "agency");
  const Assignment* a = find_assignment(state, agency);
  if (a == nullptr) return validation(agency + " holds no part of task " + state.id, "agency");
  if (a->status == AssignmentStatus::kSubmitted) {
    return std::pair<uint32_t, std::string>{a->submission, agency};
  }
  if (a->submission == 0) return conflict(agency + " never submitted task " + state.id);
  return conflict(agency + "'s part of task " + state.id + " is not awaiting review");
}

Result<Decision> decide_one(const TaskState& state, const ApproveTask& c, const Caller& caller,
                            const Directory& directory) {
  RETURN_IF_ERROR(require_focal_coordinator(state, caller, directory));
  RETURN_IF_ERROR(check_open(state));
  ASSIGN_OR_RETURN(auto reviewed, reviewed_submission(state, c.agency));
  return one_event(state, TaskApproved{reviewed.first, c.note, reviewed.second});
}

Result<Decision> decide_one(const TaskState& state, const ReturnTask& c, const Caller& caller,
                            const Directory& directory) {
  RETURN_IF_ERROR(require_focal_coordinator(state, caller, directory));
  RETURN_IF_ERROR(require_present(c.reason, "reason"));
  RETURN_IF_ERROR(check_open(state));
  ASSIGN_OR_RETURN(auto reviewed, reviewed_submission(state, c.agency));
  return one_event(state, TaskReturned{reviewed.first, c.reason, reviewed.second});
}

Result<Decision> decide_one(const TaskState& state, const SetTaskDue& c, const Caller& caller,
                            const Directory& directory) {
  RETURN_IF_ERROR(require_focal_coordinator(state, caller, directory));
  if (state.kind == TaskKind::kOnEvent || state.kind == TaskKind::kRule) {
    return validation("an " + std::string(name_of(state.kind)) + " duty is never dated", "due_on");
  }
  RETURN_IF_ERROR(check_open(state));
  if (state.due_on == c.due_on) {
    return conflict("task " + state.id + " is already due on " + format_date(c.due_on));
  }
  return one_event(state, TaskDueSet{state.due_on, c.due_on});
}

Result<Decision> decide_one(const TaskState& state, const ExtendTask& c, const Caller& caller,
                            const Directory& directory) {
  RETURN_IF_ERROR(require_focal_coordinator(state, caller, directory));
  if (!state.due_on.has_value()) {
    return conflict("task " + state.id + " has no due date to extend; set one first");
  }
  if (c.due_on <= *state.due_on) {
    return validation("an extension is due after " + format_date(*state.due_on), "due_on");
  }
  RETURN_IF_ERROR(require_present(c.reason, "reason"));
  RETURN_IF_ERROR(check_open(state));
  return one_event(state, TaskExtended{*state.due_on, c.due_on, c.reason});
}

Result<Decision> decide_one(const TaskState& state, const ReviseTask& c, const Caller& caller,
                            const Directory& directory) {
  RETURN_IF_ERROR(require_focal_coordinator(state, caller, directory));
  if (!c.description.has_value() && !c.coordinators.has_value()) {
    return validation("a revision changes the description or the coordinators", "");
  }
  if (c.coordinators.has_value()) {
    for (size_t j = 0; j < c.coordinators->size(); ++j) {
      const std::string& agency = (*c.coordinators)[j];
      if (agency != kEveryAgency && !directory.agency_exists(agency)) {
        return make_error(ErrorCode::kUnknownAgency, "no agency " + agency,
                          "coordinators[" + std::to_string(j) + "]");
      }
    }
  }
  RETURN_IF_ERROR(check_open(state));
  TaskRevised revised;
  if (c.description.has_value() && *c.description != state.description) {
    revised.description = c.description;
  }
  if (c.coordinators.has_value()) {
    const std::vector<std::string> wanted = resolve_coordinators(
        state.lead, *c.coordinators, directory.plan_facts(state.plan).audience);
    for (const std::string& agency : wanted) {
      if (find_assignment(state, agency) == nullptr) revised.coordinators_added.push_back(agency);
    }
    for (const Assignment& a : state.assignments) {
      if (a.role == AgencyRoleOnTask::kLead) continue;  // The lead is never a coordinator.
      if (std::find(wanted.begin(), wanted.end(), a.agency) == wanted.end()) {
        revised.coordinators_removed.push_back(a.agency);
      }
    }
  }
  if (!revised.description.has_value() && revised.coordinators_added.empty() &&
      revised.coordinators_removed.empty()) {
    return conflict("the revision changes nothing in task " + state.id);
  }
  return one_event(state, std::move(revised));
}

Result<Decision> decide_one(const TaskState& state, const CancelTask& c, const Caller& caller,
                            const Directory& directory) {
  RETURN_IF_ERROR(require_focal_coordinator(state, caller, directory));
  RETURN_IF_ERROR(require_present(c.reason, "reason"));
  RETURN_IF_ERROR(check_open(state));
  return one_event(state, TaskCancelled{c.reason});
}

}  // namespace

Result<Decision> decide(const TaskState& state, const TaskCommand& command, const Caller& caller,
                        Instant /*now*/, const Directory& directory) {
  RETURN_IF_ERROR(check_visible(state, caller));
  return std::visit([&](const auto& c) { return decide_one(state, c, caller, directory); },
                    command);
}

}  // namespace mandate::core
