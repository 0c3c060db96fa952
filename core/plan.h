#pragma once

// A plan (kế hoạch) and the tasks it defines, stream "plan:<id>". A plan is drafted with its
// phases and task definitions, then issued: issuing creates every concrete task (see
// core/occurrences.h) on its own stream "task:<id>" with every agency on it assigned, in the
// same atomic Decision as the plan's own event. A task added to an active plan is assigned at
// once the same way.
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

struct PlanState {
  uint64_t version = 0;  // Events folded; 0: the plan does not exist.
  std::string id;
  std::string code;
  std::string title;
  std::string issuer;
  std::optional<Date> issued_on;
  std::string focal_agency;
  std::vector<std::string> basis;
  std::optional<Agreement> agreement;
  std::vector<Phase> phases;
  std::vector<TaskDefinition> tasks;  // Definitions, in the order drafted and added.
  std::vector<std::string> audience;  // As drafted, then widened.
  std::vector<int32_t> years;         // Plan years opened, ascending.
  PlanStatus status = PlanStatus::kDraft;

  bool operator==(const PlanState&) const = default;
};

// Folds one event of the plan's stream into `state` and sets state.version = event.version.
// Events of other aggregates are ignored (the version still advances).
void evolve(PlanState& state, const RecordedEvent& event);

// The definition with id `id`, or nullptr. The pointer is valid while `state` is unchanged.
const TaskDefinition* find_definition(const PlanState& state, std::string_view id);

// POST /v1/plans: the plan as drafted, in status draft.
struct CreatePlan {
  PlanDrafted draft;
};

// `current_year` in the commands below is the year of "today" in the server's time zone; the
// plan years open up to it. Absent: the UTC year of `now` (tests that do not care).

// POST /v1/plans/{id}/issue: draft -> active; every concrete task up to the current year is
// assigned.
struct IssuePlan {
  std::optional<int32_t> current_year;
};

// POST /v1/plans/{id}/tasks: one more definition; assigned at once if the plan is active.
struct AddTask {
  TaskDefinition task;
  std::optional<int32_t> current_year;
};

// By the server on a year's first day (or on start, for a year it missed): that year's
// occurrences of an active plan. kConflict when the year is open already or not after the
// last one opened.
struct OpenPlanYear {
  int32_t year = 0;
};

// POST /v1/plans/{id}/audience: agencies join the audience; every open task whose
// coordinators (or agencies) hold "*" assigns them.
struct WidenAudience {
  std::vector<std::string> agencies;
};

using PlanCommand = std::variant<CreatePlan, IssuePlan, AddTask, OpenPlanYear, WidenAudience>;

// Whether a definition holds "*" among its coordinators (or agencies).
bool addresses_audience(const TaskDefinition& definition);

// Decides `command` against the plan `state`. Every command needs may(kManagePlans).
//
// CreatePlan -> PlanDrafted on "plan:<id>" (expected version 0). Fails with kConflict when the
// plan exists (field "id"), kForbidden, kValidationFailed / kUnknownAgency naming the body's
// field (e.g. "phases[0].ends_on", "tasks[2].lead", "tasks[1].coordinators[0]"), and kConflict
// (field "tasks[i].id") when a task id, or an id of one of its yearly occurrences as of `now`,
// is already a task in `directory`.
//
// IssuePlan -> PlanIssued{every concrete task id} on the plan stream, then one StreamWrite per
// concrete task on "task:<id>" (expected version 0) holding its TaskAssigned. kNotFound,
// kForbidden, kConflict when the plan is already active or a concrete task id is taken.
//
// AddTask -> PlanTaskAdded, and when the plan is active the TaskAssigned writes as for
// IssuePlan. Fields are named as in the body of that call ("id", "lead", "due_on", ...); an id
// already defined in the plan or taken in `directory` is kConflict (field "id").
//
// `now` bounds open-ended windows of yearly tasks (core/occurrences.h).
//
// WidenAudience needs a coordinator of the focal agency (or an admin); OpenPlanYear an admin
// (the server acts as its built-in admin). Any command that would create more than
// kMaxAssignmentsPerCommand assignments is kTooManyAssignments.
// WidenAudience records the plan's event only; the open "*" tasks are revised to assign the
// newcomers by the caller, one task command each (http/routes_plans.cc).
Result<Decision> decide(const PlanState& state, const PlanCommand& command, const Caller& caller,
                        Instant now, const Directory& directory);

}  // namespace mandate::core
