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

// POST /v1/plans/{id}/issue: draft -> active; every concrete task is assigned.
struct IssuePlan {};

// POST /v1/plans/{id}/tasks: one more definition; assigned at once if the plan is active.
struct AddTask {
  TaskDefinition task;
};

using PlanCommand = std::variant<CreatePlan, IssuePlan, AddTask>;

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
Result<Decision> decide(const PlanState& state, const PlanCommand& command, const Caller& caller,
                        Instant now, const Directory& directory);

}  // namespace mandate::core
