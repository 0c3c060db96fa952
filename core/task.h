#pragma once

// A concrete task (nhiệm vụ), stream "task:<id>". It is created by its plan (TaskAssigned, see
// core/plan.h) with one assignment per agency on it: the lead and the coordinating agencies.
// Each assignment moves assigned -> acknowledged -> in_progress -> submitted -> approved, or is
// returned to in_progress, or is cancelled with the task. On a joint (or on_event) task the
// lead submits and an approval approves every assignment; the task's status is its lead's. On
// an each task every agency submits its own part and is approved or returned on its own; the
// task's status is that of its least advanced live assignment (approved once all are).
//
// A task's due date may be absent (a yearly duty whose document gives no day): such a task is
// never overdue until the focal agency sets one. Requests and on_event duties are never
// overdue. Only coordinators of the plan's focal agency (and admins) decide on a task, or of the
// agency the task names as its own focal agency (an inspection's follow-up: the inspecting
// agency).
//
// A task has a revision, 1 when assigned and one more with each extension or revision of what
// it asks; an agency that acknowledged an older revision needs to acknowledge again.
//
// Thread-compatible: plain values and pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/caller.h"
#include "core/decision.h"
#include "core/directory.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"
#include "core/vocabulary.h"

namespace mandate::core {

// One agency's assignment to a task.
struct Assignment {
  std::string agency;
  AgencyRoleOnTask role = AgencyRoleOnTask::kCoordinator;
  AssignmentStatus status = AssignmentStatus::kAssigned;
  std::optional<Instant> acknowledged_at;  // recorded_at of the latest receipt.
  uint32_t acknowledged_revision = 0;      // 0: never acknowledged.
  uint32_t submission = 0;                 // each: this agency's latest submission; else 0.

  bool operator==(const Assignment&) const = default;
};

struct TaskState {
  uint64_t version = 0;  // Events folded; 0: the task does not exist.
  std::string id;
  std::string plan;
  std::string definition;
  std::optional<std::string> phase;
  std::string section;
  std::string title;
  std::string description;
  std::string lead;  // Empty on an each task.
  // Whose coordinators decide on the task; empty: the plan's focal agency (TaskAssigned).
  std::string focal_agency;
  TaskKind kind = TaskKind::kJoint;
  bool request = false;
  std::optional<Date> due_on;  // Absent: undated.
  std::optional<int32_t> occurrence_year;
  uint32_t revision = 0;     // 1 once assigned; +1 per TaskExtended and TaskRevised.
  uint32_t submissions = 0;  // TaskSubmitted events so far.
  bool cancelled = false;
  std::vector<Assignment> assignments;  // The lead first, then coordinators in order.

  bool operator==(const TaskState&) const = default;
};

// Folds one event of the task's stream into `state` and sets state.version = event.version.
// Events of other aggregates, and events naming an agency without an assignment, change
// nothing else.
void evolve(TaskState& state, const RecordedEvent& event);

// ---- Queries ----

// The assignment of `agency`, or nullptr. Valid while `state` is unchanged.
const Assignment* find_assignment(const TaskState& state, std::string_view agency);

// The task's status: its lead's assignment status (kAssigned before the task exists); on an
// each task, the least advanced status of its live assignments.
AssignmentStatus task_status(const TaskState& state);

// True when the caller may know the task exists: a caller confined to its own agency sees only
// tasks its agency holds an assignment to.
bool may_see_task(const Caller& caller, const TaskState& state);

// True when `assignment` has not acknowledged the task's current revision (never acknowledged
// included) and the task still asks something of it (neither approved nor cancelled).
bool needs_acknowledgement(const Assignment& assignment, const TaskState& state);

// True when the task exists and is approved or cancelled: both are final, and such a task asks
// nothing more of anyone (Directory::task_settled; an inspection closes on it).
bool is_settled(const TaskState& state);

// True when the task is due before `on` and neither approved nor cancelled. An undated task, a
// request and an on_event duty are never overdue.
bool is_overdue(const TaskState& state, Date on);

// Whether the task can fall due at all, whatever its status: dated, not a request, not an
// on_event duty or a rule. The inbox's "due soon" and overdue share this rule.
bool can_fall_due(const TaskState& state);

// The same for one agency's part: on an each task, its own assignment's status decides.
bool is_assignment_overdue(const TaskState& state, const Assignment& assignment, Date on);

// The day after which the task (or one agency's part of it) is overdue in its current state,
// whatever today is; nullopt when it cannot be overdue as it stands. is_overdue(state, on) is
// overdue_after(state) < on: the views index tasks by this day once, as events are applied,
// instead of asking every task again on every read.
std::optional<Date> overdue_after(const TaskState& state);
std::optional<Date> overdue_after(const TaskState& state, const Assignment& assignment);

// Days from the due date to `on` when overdue; 0 otherwise.
int days_overdue(const TaskState& state, Date on);

// ---- Commands ----

// By an officer of an assigned agency: its receipt of the task's current revision.
struct AcknowledgeTask {};

// By an officer of an assigned agency that has acknowledged.
struct ReportProgress {
  std::string note;
  std::optional<uint32_t> percent;  // 0..100.
};

// By an officer of the lead agency (each: of any assigned agency, for its own part).
struct SubmitTask {
  std::string note;
  std::vector<Evidence> evidence;  // At least one; each with a ref.
};

// The rest need may(kCoordinateTasks) and a caller of the task's focal agency (its own when it
// names one, else its plan's), or an admin.
// `agency`, on an each task, names whose submission (required there, refused elsewhere).
struct ApproveTask {
  std::string note;
  std::string agency;
};

struct ReturnTask {
  std::string reason;
  std::string agency;
};

// PATCH /v1/tasks/{id} {"due_on"}: sets the due date of a task, dated or not.
struct SetTaskDue {
  Date due_on;
};

struct ExtendTask {
  Date due_on;  // Strictly after the current due date.
  std::string reason;
};

struct ReviseTask {
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> coordinators;  // The full new list; may hold "*".
};

struct CancelTask {
  std::string reason;
};

using TaskCommand = std::variant<AcknowledgeTask, ReportProgress, SubmitTask, ApproveTask,
                                 ReturnTask, ExtendTask, ReviseTask, CancelTask, SetTaskDue>;

// Decides `command` against the task `state`; the events go to "task:<id>" with the state's
// version expected. Checks, in order: the task exists (kNotFound), the caller may see it
// (kNotFound), the caller may act (kForbidden: the role, and for the agency commands an
// assignment of the caller's agency, the lead's for SubmitTask), the fields (kValidationFailed
// or kUnknownAgency naming the body's field: "note", "percent", "evidence", "evidence[0].ref",
// "reason", "due_on", "coordinators[1]"), and the state (kConflict saying why: the task is
// approved or cancelled, acknowledged already, not submitted, ...). `now` is not consulted
// today; it is taken so that every aggregate is decided the same way.
Result<Decision> decide(const TaskState& state, const TaskCommand& command, const Caller& caller,
                        Instant now, const Directory& directory);

}  // namespace mandate::core
