// The task history: old -> new for each event, and the time each assignment spent in each
// status, on a task worked through return and approval one second per event.

#include "core/task_history.h"

#include <catch2/catch.hpp>

#include "tests/core/task_fixture.h"

namespace mandate::core::testing {
namespace {

const FieldChange* find_change(const TaskChange& change, const std::string& field) {
  for (const auto& c : change.changes) {
    if (c.field == field) return &c;
  }
  return nullptr;
}

const TimeInStatus* time_in(const AssignmentTimes& times, AssignmentStatus status) {
  for (const auto& t : times.time_in) {
    if (t.status == status) return &t;
  }
  return nullptr;
}

TEST_CASE("a task's history names each change and times each status", "[core][task][history]") {
  TestLog log;
  log.append(kTaskStream, {assigned_task()});                           // t0
  log.append(kTaskStream, {ack(kLead), ack(kJustice), progress(kLead),  // t1 t2 t3
                           extended("2024-12-31", "2025-03-31"),        // t4
                           submitted(1), returned(1), progress(kLead),  // t5 t6 t7
                           submitted(2), approved(2)});                 // t8 t9
  const auto stream = log.stream(kTaskStream);
  const TaskHistory h = task_history(stream);

  REQUIRE(h.changes.size() == 10);
  CHECK(h.changes[0].type == "task.assigned");
  REQUIRE(find_change(h.changes[0], "assignments[" + kLead + "].status") != nullptr);
  CHECK_FALSE(find_change(h.changes[0], "assignments[" + kLead + "].status")->from.has_value());
  CHECK(find_change(h.changes[0], "assignments[" + kForeign + "].status")->to == "assigned");

  const auto* due = find_change(h.changes[4], "due_on");
  REQUIRE(due != nullptr);
  CHECK(due->from == "2024-12-31");
  CHECK(due->to == "2025-03-31");
  CHECK(find_change(h.changes[4], "revision")->to == "2");

  const auto* back = find_change(h.changes[6], "status");
  REQUIRE(back != nullptr);
  CHECK(back->from == "submitted");
  CHECK(back->to == "in_progress");
  CHECK(h.changes[6].version == 7);

  // A progress report that changes no status changes nothing the history names.
  CHECK(find_change(h.changes[7], "status") == nullptr);

  REQUIRE(h.times.size() == 3);
  const AssignmentTimes& lead = h.times[0];
  CHECK(lead.agency == kLead);
  CHECK(lead.status == AssignmentStatus::kApproved);
  CHECK(time_in(lead, AssignmentStatus::kAssigned)->seconds == 1);
  CHECK(time_in(lead, AssignmentStatus::kAcknowledged)->seconds == 2);
  CHECK(time_in(lead, AssignmentStatus::kInProgress)->seconds == 4);
  CHECK(time_in(lead, AssignmentStatus::kSubmitted)->seconds == 2);
  // The spell it is in now is its status and since when, not a sum that grows as time passes.
  CHECK(time_in(lead, AssignmentStatus::kApproved) == nullptr);
  CHECK(lead.since == stream.back().recorded_at);

  const AssignmentTimes& justice = h.times[1];
  CHECK(justice.agency == kJustice);
  CHECK(time_in(justice, AssignmentStatus::kAssigned)->seconds == 2);
  CHECK(time_in(justice, AssignmentStatus::kAcknowledged)->seconds == 7);
  // Approval closes every assignment: the coordinator that never acknowledged waited 9 s.
  CHECK(justice.status == AssignmentStatus::kApproved);
  CHECK(h.times[2].status == AssignmentStatus::kApproved);
  CHECK(time_in(h.times[2], AssignmentStatus::kAssigned)->seconds == 9);
  CHECK(time_in(h.times[2], AssignmentStatus::kAcknowledged) == nullptr);
}

TEST_CASE("an agency removed from a task stops its clock", "[core][task][history]") {
  TestLog log;
  log.append(kTaskStream, {assigned_task(), ack(kForeign)});
  log.append(kTaskStream, {TaskRevised{std::nullopt, {}, {kForeign}}});
  const auto stream = log.stream(kTaskStream);
  const TaskHistory h = task_history(stream);
  const auto* removed = find_change(h.changes[2], "assignments[" + kForeign + "].status");
  REQUIRE(removed != nullptr);
  CHECK(removed->from == "acknowledged");
  CHECK_FALSE(removed->to.has_value());
  REQUIRE(h.times.size() == 3);
  CHECK_FALSE(h.times[2].assigned);
  CHECK(time_in(h.times[2], AssignmentStatus::kAcknowledged)->seconds == 1);
}

}  // namespace
}  // namespace mandate::core::testing
