#include "core/task_history.h"

#include <algorithm>

namespace mandate::core {
namespace {

void compare(std::vector<FieldChange>& out, std::string field, const std::string& from,
             const std::string& to) {
  if (from != to) out.push_back(FieldChange{std::move(field), from, to});
}

void compare_assignments(std::vector<FieldChange>& out, const TaskState& before,
                         const TaskState& after) {
  for (const auto& a : after.assignments) {
    const std::string at = "assignments[" + a.agency + "]";
    const Assignment* old = find_assignment(before, a.agency);
    if (old == nullptr) {
      out.push_back(FieldChange{at + ".status", std::nullopt, std::string(name_of(a.status))});
      continue;
    }
    compare(out, at + ".role", std::string(name_of(old->role)), std::string(name_of(a.role)));
    compare(out, at + ".status", std::string(name_of(old->status)), std::string(name_of(a.status)));
    compare(out, at + ".acknowledged_revision", std::to_string(old->acknowledged_revision),
            std::to_string(a.acknowledged_revision));
  }
  for (const auto& a : before.assignments) {
    if (find_assignment(after, a.agency) == nullptr) {
      out.push_back(FieldChange{"assignments[" + a.agency + "].status",
                                std::string(name_of(a.status)), std::nullopt});
    }
  }
}

std::vector<FieldChange> changes_between(const TaskState& before, const TaskState& after) {
  std::vector<FieldChange> out;
  if (before.version == 0) {
    // The task came to be: every assignment is new; the fields are in the task itself.
    compare_assignments(out, before, after);
    return out;
  }
  compare(out, "title", before.title, after.title);
  compare(out, "description", before.description, after.description);
  compare(out, "lead", before.lead, after.lead);
  // An undated task reads as "" (the answer's null).
  const auto date_text = [](const std::optional<Date>& d) { return d ? format_date(*d) : ""; };
  compare(out, "due_on", date_text(before.due_on), date_text(after.due_on));
  compare(out, "status", std::string(name_of(task_status(before))),
          std::string(name_of(task_status(after))));
  compare(out, "revision", std::to_string(before.revision), std::to_string(after.revision));
  compare(out, "submissions", std::to_string(before.submissions),
          std::to_string(after.submissions));
  compare(out, "cancelled", before.cancelled ? "true" : "false",
          after.cancelled ? "true" : "false");
  compare_assignments(out, before, after);
  return out;
}

// Adds `seconds` to the agency's total for `status`, keeping first-entered order.
void add_time(AssignmentTimes& times, AssignmentStatus status, int64_t seconds) {
  auto it = std::find_if(times.time_in.begin(), times.time_in.end(),
                         [&](const TimeInStatus& t) { return t.status == status; });
  if (it == times.time_in.end()) {
    times.time_in.push_back(TimeInStatus{status, 0});
    it = std::prev(times.time_in.end());
  }
  it->seconds += seconds;
}

int64_t seconds_between(Instant from, Instant to) {
  return std::max<int64_t>(0, (to.micros - from.micros) / 1'000'000);
}

}  // namespace

TaskHistory task_history(const std::vector<RecordedEvent>& stream) {
  TaskHistory history;
  TaskState state;
  std::vector<bool> open;  // Per history.times entry: still assigned.
  for (const auto& event : stream) {
    TaskState before = state;
    evolve(state, event);
    history.changes.push_back(TaskChange{event.position, event.version, event_type_name(event.data),
                                         event.recorded_at, event.actor,
                                         changes_between(before, state)});
    for (size_t i = 0; i < history.times.size(); ++i) {
      auto& times = history.times[i];
      if (!open[i]) continue;
      const Assignment* a = find_assignment(state, times.agency);
      if (a == nullptr) {  // Removed: its last spell ends here.
        add_time(times, times.status, seconds_between(times.since, event.recorded_at));
        times.assigned = false;
        open[i] = false;
      } else if (a->status != times.status) {
        add_time(times, times.status, seconds_between(times.since, event.recorded_at));
        times.status = a->status;
        times.since = event.recorded_at;
      }
    }
    for (const auto& a : state.assignments) {
      auto it = std::find_if(history.times.begin(), history.times.end(),
                             [&](const AssignmentTimes& t) { return t.agency == a.agency; });
      if (it == history.times.end()) {
        history.times.push_back(AssignmentTimes{a.agency, a.status, event.recorded_at, true, {}});
        open.push_back(true);
      } else if (!open[static_cast<size_t>(it - history.times.begin())]) {
        it->status = a.status;  // Assigned again.
        it->since = event.recorded_at;
        it->assigned = true;
        open[static_cast<size_t>(it - history.times.begin())] = true;
      }
    }
  }
  return history;
}

}  // namespace mandate::core
