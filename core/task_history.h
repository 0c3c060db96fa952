#pragma once

// What happened to a task, measured: each event of its stream with the fields it changed (old
// -> new), and how long each agency's assignment spent in each status. Computed by folding the
// stream with evolve() and comparing the state before and after each event, so the history
// can never disagree with the task itself.
//
// Thread-compatible: plain values and pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/task.h"
#include "core/time.h"

namespace mandate::core {

struct FieldChange {
  // "due_on", "description", "assignments[<agency>].status", ... as in the task's answer.
  std::string field;
  std::optional<std::string> from;  // Absent: the field had no value (e.g. a new assignment).
  std::optional<std::string> to;    // Absent: the value went away (an assignment removed).

  bool operator==(const FieldChange&) const = default;
};

struct TaskChange {
  uint64_t position = 0;
  uint64_t version = 0;
  std::string type;  // event_type_name
  Instant recorded_at;
  Actor actor;
  std::vector<FieldChange> changes;

  bool operator==(const TaskChange&) const = default;
};

// One agency's time in one status, summed over its ended spells in it.
struct TimeInStatus {
  AssignmentStatus status = AssignmentStatus::kAssigned;
  int64_t seconds = 0;

  bool operator==(const TimeInStatus&) const = default;
};

struct AssignmentTimes {
  std::string agency;
  AssignmentStatus status = AssignmentStatus::kAssigned;  // Now, or when it was removed.
  Instant since;                                          // When it entered that status.
  bool assigned = true;               // False once removed from the task (its time stopped).
  std::vector<TimeInStatus> time_in;  // Ended spells, in the order first entered.

  bool operator==(const AssignmentTimes&) const = default;
};

struct TaskHistory {
  std::vector<TaskChange> changes;     // One per event, in stream order.
  std::vector<AssignmentTimes> times;  // One per agency ever assigned, in order of assignment.
};

// The history of a task from its stream's events (versions 1, 2, ... in order). time_in sums
// the spells that ended; the one an assignment is in now is its `status` and `since`, so that
// the answer for one version of the task is the same whenever it is asked. An assignment
// removed from the task ends its spell when it was removed.
TaskHistory task_history(const std::vector<RecordedEvent>& stream);

}  // namespace mandate::core
