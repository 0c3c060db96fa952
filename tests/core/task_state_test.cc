// Folding task events (evolve) and the pure queries on a task's state.

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/task.h"
#include "tests/core/task_fixture.h"

namespace mandate::core::testing {
namespace {

// "agency=status/revision acknowledged" for each assignment, in order.
std::vector<std::string> assignments_of(const TaskState& state) {
  std::vector<std::string> out;
  for (const Assignment& a : state.assignments) {
    out.push_back(a.agency + "=" + std::string(name_of(a.status)) + "/r" +
                  std::to_string(a.acknowledged_revision));
  }
  return out;
}

TEST_CASE("an assigned task holds the lead first, then its coordinators", "[core][task]") {
  TestLog log;
  const TaskState s = task_after(log, {});
  CHECK(s.version == 1);
  CHECK(s.id == kTaskId);
  CHECK(s.plan == "vn-la-2024");
  CHECK(s.definition == kTaskId);
  CHECK(s.phase == std::optional<std::string>("I"));
  CHECK(s.lead == kLead);
  CHECK(s.due_on == day("2024-12-31"));
  CHECK_FALSE(s.occurrence_year.has_value());
  CHECK(s.revision == 1);
  CHECK(s.submissions == 0);
  CHECK_FALSE(s.cancelled);
  CHECK(assignments_of(s) == std::vector<std::string>{"cong-an-tinh=assigned/r0",
                                                      "so-tu-phap=assigned/r0",
                                                      "so-ngoai-vu=assigned/r0"});
  CHECK(s.assignments[0].role == AgencyRoleOnTask::kLead);
  CHECK(s.assignments[1].role == AgencyRoleOnTask::kCoordinator);
  CHECK(task_status(s) == AssignmentStatus::kAssigned);
}

TEST_CASE("a task's life: acknowledged, worked, submitted, returned, approved", "[core][task]") {
  TestLog log;
  TaskState s = task_after(log, {ack(kLead), ack(kJustice)});
  const RecordedEvent receipt = log.stream(kTaskStream).at(1);
  CHECK(s.assignments[0].acknowledged_at == receipt.recorded_at);
  CHECK(task_status(s) == AssignmentStatus::kAcknowledged);

  log.append(kTaskStream, {progress(kLead), progress(kJustice), submitted(1)});
  s = log.fold<TaskState>(kTaskStream);
  CHECK(assignments_of(s) == std::vector<std::string>{"cong-an-tinh=submitted/r1",
                                                      "so-tu-phap=in_progress/r1",
                                                      "so-ngoai-vu=assigned/r0"});
  CHECK(s.submissions == 1);

  log.append(kTaskStream, {returned(1)});
  s = log.fold<TaskState>(kTaskStream);
  CHECK(task_status(s) == AssignmentStatus::kInProgress);

  log.append(kTaskStream, {submitted(2), approved(2)});
  s = log.fold<TaskState>(kTaskStream);
  CHECK(s.submissions == 2);
  CHECK(s.version == 9);
  CHECK(assignments_of(s) == std::vector<std::string>{"cong-an-tinh=approved/r1",
                                                      "so-tu-phap=approved/r1",
                                                      "so-ngoai-vu=approved/r0"});
}

TEST_CASE("cancelling cancels every assignment", "[core][task]") {
  TestLog log;
  const TaskState s = task_after(log, {ack(kLead), progress(kLead), cancelled()});
  CHECK(s.cancelled);
  CHECK(task_status(s) == AssignmentStatus::kCancelled);
  for (const Assignment& a : s.assignments) CHECK(a.status == AssignmentStatus::kCancelled);
}

TEST_CASE("extensions and revisions raise the revision; receipts are renewed", "[core][task]") {
  TestLog log;
  TaskState s =
      task_after(log, {ack(kJustice), progress(kJustice), extended("2024-12-31", "2025-03-31")});
  CHECK(s.revision == 2);
  CHECK(s.due_on == day("2025-03-31"));
  CHECK(needs_acknowledgement(*find_assignment(s, kJustice), s));

  log.append(kTaskStream, {TaskRevised{std::string("Train all"), {kFinance}, {kForeign}}});
  s = log.fold<TaskState>(kTaskStream);
  CHECK(s.revision == 3);
  CHECK(s.description == "Train all");
  CHECK(assignments_of(s) == std::vector<std::string>{"cong-an-tinh=assigned/r0",
                                                      "so-tu-phap=in_progress/r1",
                                                      "so-tai-chinh=assigned/r0"});
  CHECK(find_assignment(s, kForeign) == nullptr);

  log.append(kTaskStream, {ack(kJustice, 3)});
  s = log.fold<TaskState>(kTaskStream);
  const Assignment& tp = *find_assignment(s, kJustice);
  CHECK(tp.status == AssignmentStatus::kInProgress);  // A new receipt changes no status.
  CHECK(tp.acknowledged_revision == 3);
  CHECK(tp.acknowledged_at == log.stream(kTaskStream).back().recorded_at);
  CHECK_FALSE(needs_acknowledgement(tp, s));
}

TEST_CASE("a revision never drops the lead", "[core][task]") {
  TestLog log;
  const TaskState s = task_after(log, {TaskRevised{std::nullopt, {}, {kLead, kJustice}}});
  CHECK(assignments_of(s) ==
        std::vector<std::string>{"cong-an-tinh=assigned/r0", "so-ngoai-vu=assigned/r0"});
}

TEST_CASE("who needs to acknowledge", "[core][task]") {
  TestLog log;
  TaskState s = task_after(log, {ack(kLead)});
  CHECK_FALSE(needs_acknowledgement(*find_assignment(s, kLead), s));
  CHECK(needs_acknowledgement(*find_assignment(s, kJustice), s));  // Never acknowledged.

  log.append(kTaskStream, {submitted(1), approved(1)});
  s = log.fold<TaskState>(kTaskStream);
  CHECK_FALSE(needs_acknowledgement(*find_assignment(s, kJustice), s));  // Nothing left to do.

  TestLog other;
  s = task_after(other, {cancelled()});
  CHECK_FALSE(needs_acknowledgement(*find_assignment(s, kJustice), s));
}

TEST_CASE("overdue: due before the day and neither approved nor cancelled", "[core][task]") {
  struct Row {
    const char* name;
    std::vector<EventData> history;
    const char* on;
    int days;  // 0: not overdue.
  };
  const std::vector<Row> rows{
      {"on the due date", {}, "2024-12-31", 0},
      {"before the due date", {}, "2024-06-01", 0},
      {"the day after", {}, "2025-01-01", 1},
      {"ten days after", {ack(kLead), progress(kLead)}, "2025-01-10", 10},
      {"submitted but not approved", {ack(kLead), submitted(1)}, "2025-01-10", 10},
      {"approved", {ack(kLead), submitted(1), approved(1)}, "2025-01-10", 0},
      {"cancelled", {cancelled()}, "2025-01-10", 0},
      {"extended past the day", {extended("2024-12-31", "2025-03-31")}, "2025-01-10", 0},
      {"extended and late again", {extended("2024-12-31", "2025-03-31")}, "2025-04-30", 30},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    TestLog log;
    const TaskState s = task_after(log, row.history);
    CHECK(is_overdue(s, day(row.on)) == (row.days > 0));
    CHECK(days_overdue(s, day(row.on)) == row.days);
  }
}

TEST_CASE("who may see a task", "[core][task]") {
  TestLog log;
  const TaskState s = task_after(log, {});
  CHECK(may_see_task(officer(kLead), s));
  CHECK(may_see_task(officer(kJustice), s));
  CHECK_FALSE(may_see_task(officer(kFinance), s));
  CHECK_FALSE(may_see_task(officer(""), s));
  CHECK(may_see_task(coordinator(kFinance), s));
  CHECK(may_see_task(auditor(), s));
  CHECK(may_see_task(admin(), s));
  CHECK(find_assignment(s, kFinance) == nullptr);
}

TEST_CASE("events of other streams only advance the version", "[core][task]") {
  TestLog log;
  TaskState s = task_after(log, {});
  const TaskState before = s;
  RecordedEvent stray;
  stray.version = 2;
  stray.data = GuidanceGiven{"x"};
  evolve(s, stray);
  CHECK(s.version == 2);
  s.version = before.version;
  CHECK(s == before);
}

TEST_CASE("undated tasks, requests and on_event duties are never overdue", "[core][task]") {
  TestLog log;
  TaskState late = task_after(log, {});
  REQUIRE(is_overdue(late, day("2025-01-15")));  // Due 2024-12-31, nothing done.
  TaskState request = late;
  request.request = true;
  CHECK_FALSE(is_overdue(request, day("2025-01-15")));
  TaskState on_event = late;
  on_event.kind = TaskKind::kOnEvent;
  CHECK_FALSE(is_overdue(on_event, day("2025-01-15")));
  TaskState undated = late;
  undated.due_on.reset();
  CHECK_FALSE(is_overdue(undated, day("2025-01-15")));
  CHECK(days_overdue(undated, day("2025-01-15")) == 0);
}

}  // namespace
}  // namespace mandate::core::testing
