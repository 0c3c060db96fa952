#pragma once

// A difficulty (khó khăn, vướng mắc), stream "difficulty:<id>": an obstacle an assigned agency
// raises on a task, to which coordinators give guidance, as often as needed. Both are part of
// the record.
//
// Thread-compatible: plain values and pure functions.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/caller.h"
#include "core/decision.h"
#include "core/directory.h"
#include "core/event.h"
#include "core/result.h"
#include "core/task.h"
#include "core/time.h"

namespace mandate::core {

struct Guidance {
  std::string text;
  std::string user;  // Who gave it (the event's actor).
  Instant at;        // recorded_at.

  bool operator==(const Guidance&) const = default;
};

struct DifficultyState {
  uint64_t version = 0;  // Events folded; 0: the difficulty does not exist.
  std::string id;
  std::string task;
  std::string agency;  // The agency that raised it.
  std::string text;
  Instant raised_at;               // recorded_at of DifficultyRaised.
  std::vector<Guidance> guidance;  // In the order given.

  bool operator==(const DifficultyState&) const = default;
};

// Folds one event of the difficulty's stream into `state` and sets state.version =
// event.version. Events of other aggregates change nothing else.
void evolve(DifficultyState& state, const RecordedEvent& event);

// True when the caller may know the difficulty exists: when it may see `task` (the difficulty's
// task; core/task.h, may_see_task) or the difficulty is its own agency's (an agency removed
// from the task since still sees what it raised). Callers not confined to their agency see all.
bool may_see_difficulty(const Caller& caller, const DifficultyState& state, const TaskState& task);

// POST /v1/tasks/{task}/difficulties; the server chooses `id`.
struct RaiseDifficulty {
  std::string id;
  std::string task;
  std::string text;
};

// POST /v1/difficulties/{id}/guidance.
struct GiveGuidance {
  std::string text;
};

using DifficultyCommand = std::variant<RaiseDifficulty, GiveGuidance>;

// Decides `command` against the difficulty `state` and `task`, the state of the task the
// difficulty is (or is to be) raised on; the events go to "difficulty:<id>".
//
// RaiseDifficulty -> DifficultyRaised{id, task, caller's agency, text}. kConflict when the
// difficulty exists; kNotFound when the task does not exist, is not `command.task`, or is
// invisible to the caller (core/task.h, may_see_task); kForbidden unless may(kWorkOnTasks) and
// the caller's agency holds an assignment to the task; kValidationFailed for an id that is not
// a slug ("id") or an empty text ("text").
//
// GiveGuidance -> GuidanceGiven. kNotFound when the difficulty does not exist or
// !may_see_difficulty(caller, state, task); kForbidden unless may(kCoordinateTasks);
// kValidationFailed for an empty text ("text").
Result<Decision> decide(const DifficultyState& state, const TaskState& task,
                        const DifficultyCommand& command, const Caller& caller, Instant now,
                        const Directory& directory);

}  // namespace mandate::core
