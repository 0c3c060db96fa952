// decide() for tasks, one table row per rule and per error: a task built by folding events, a
// command, a caller, and the events expected or the error code and field expected.

#include "core/task.h"

#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/core/task_fixture.h"

namespace mandate::core::testing {
namespace {

struct Row {
  std::string name;
  std::vector<EventData> history;  // After the task was assigned.
  TaskCommand command;
  Caller caller;
  std::vector<std::string> events;  // Described (test_support.h); empty when it fails.
  std::optional<ErrorCode> code;
  std::string field;
};

Row ok(std::string name, std::vector<EventData> history, TaskCommand command, Caller caller,
       std::vector<std::string> events) {
  return Row{std::move(name),
             std::move(history),
             std::move(command),
             std::move(caller),
             std::move(events),
             std::nullopt,
             ""};
}

Row fails(std::string name, std::vector<EventData> history, TaskCommand command, Caller caller,
          ErrorCode code, std::string field = "") {
  return Row{std::move(name), std::move(history), std::move(command), std::move(caller), {}, code,
             std::move(field)};
}

void check(const Row& row) {
  INFO(row.name);
  TestLog log;
  const TaskState state = task_after(log, row.history);
  const TaskState before = state;
  const TestDirectory directory = task_directory();
  Result<Decision> result = decide(state, row.command, row.caller, log.clock(), directory);
  INFO(describe(result));
  if (row.code.has_value()) {
    REQUIRE_FALSE(result.ok());
    CHECK(std::string(error_code_name(result.error().code)) == error_code_name(*row.code));
    CHECK(result.error().field == row.field);
  } else {
    REQUIRE(result.ok());
    std::vector<std::string> expected;
    for (const std::string& e : row.events) {
      expected.push_back(kTaskStream + "@" + std::to_string(state.version) + " " + e);
    }
    CHECK(describe(*result) == expected);
    CHECK(log.append(*result, row.caller));
  }
  CHECK(state == before);
}

const std::vector<Evidence> kEvidence{{"CV-12", "Báo cáo kết quả"}};

TEST_CASE("a task that does not exist is not found, whoever asks", "[core][task]") {
  const TestDirectory directory = task_directory();
  for (const Caller& caller : {officer(kLead), coordinator(), admin()}) {
    auto result = decide(TaskState{}, AcknowledgeTask{}, caller, Instant{}, directory);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::kNotFound);
  }
}

TEST_CASE("acknowledging a task", "[core][task]") {
  const Caller tp = officer(kJustice);
  const std::vector<Row> rows{
      ok("an assigned coordinating agency", {}, AcknowledgeTask{}, tp,
         {"task.acknowledged agency=so-tu-phap revision=1"}),
      ok("the lead", {}, AcknowledgeTask{}, officer(kLead),
         {"task.acknowledged agency=cong-an-tinh revision=1"}),
      fails("an officer of an agency not on the task", {}, AcknowledgeTask{}, officer(kFinance),
            ErrorCode::kNotFound),
      fails("an officer without an agency", {}, AcknowledgeTask{}, officer(""),
            ErrorCode::kNotFound),
      fails("a coordinator is not an officer", {}, AcknowledgeTask{}, coordinator(),
            ErrorCode::kForbidden),
      fails("an auditor sees but may not act", {}, AcknowledgeTask{}, auditor(),
            ErrorCode::kForbidden),
      fails("the admin has no agency to acknowledge for", {}, AcknowledgeTask{}, admin(),
            ErrorCode::kForbidden),
      fails("an officer-coordinator of an agency not on the task", {}, AcknowledgeTask{},
            caller_with(kFinance, {Role::kOfficer, Role::kCoordinator}), ErrorCode::kForbidden),
      fails("twice", {ack(kJustice)}, AcknowledgeTask{}, tp, ErrorCode::kConflict),
      fails("twice, after progress", {ack(kJustice), progress(kJustice)}, AcknowledgeTask{}, tp,
            ErrorCode::kConflict),
      ok("a new revision after an extension", {ack(kJustice), extended("2024-12-31", "2025-03-31")},
         AcknowledgeTask{}, tp, {"task.acknowledged agency=so-tu-phap revision=2"}),
      ok("a new revision while in progress",
         {ack(kJustice), progress(kJustice), revised_description("more")}, AcknowledgeTask{}, tp,
         {"task.acknowledged agency=so-tu-phap revision=2"}),
      ok("a new revision while submitted",
         {ack(kLead), submitted(1), extended("2024-12-31", "2025-01-31")}, AcknowledgeTask{},
         officer(kLead), {"task.acknowledged agency=cong-an-tinh revision=2"}),
      fails("the new revision twice",
            {ack(kJustice), revised_description("more"), ack(kJustice, 2)}, AcknowledgeTask{}, tp,
            ErrorCode::kConflict),
      fails("a cancelled task", {cancelled()}, AcknowledgeTask{}, tp, ErrorCode::kConflict),
      fails("an approved task", {ack(kLead), submitted(1), approved(1)}, AcknowledgeTask{}, tp,
            ErrorCode::kConflict),
  };
  for (const Row& row : rows) check(row);
}

TEST_CASE("reporting progress", "[core][task]") {
  const Caller tp = officer(kJustice);
  const std::vector<Row> rows{
      ok("after acknowledging", {ack(kJustice)}, ReportProgress{"drafted", 40u}, tp,
         {"task.progress_reported agency=so-tu-phap note=drafted percent=40"}),
      ok("again, without a percent", {ack(kJustice), progress(kJustice)},
         ReportProgress{"more", std::nullopt}, tp,
         {"task.progress_reported agency=so-tu-phap note=more"}),
      ok("percent 100 is in range", {ack(kJustice)}, ReportProgress{"all", 100u}, tp,
         {"task.progress_reported agency=so-tu-phap note=all percent=100"}),
      ok("after a return", {ack(kLead), submitted(1), returned(1)}, ReportProgress{"fixing", 0u},
         officer(kLead), {"task.progress_reported agency=cong-an-tinh note=fixing percent=0"}),
      fails("before acknowledging", {}, ReportProgress{"drafted", 40u}, tp, ErrorCode::kConflict),
      fails("without a note", {ack(kJustice)}, ReportProgress{" ", 40u}, tp,
            ErrorCode::kValidationFailed, "note"),
      fails("percent over 100", {ack(kJustice)}, ReportProgress{"x", 101u}, tp,
            ErrorCode::kValidationFailed, "percent"),
      fails("the lead while submitted", {ack(kLead), submitted(1)}, ReportProgress{"x", 1u},
            officer(kLead), ErrorCode::kConflict),
      fails("an agency not on the task", {}, ReportProgress{"x", 1u}, officer(kFinance),
            ErrorCode::kNotFound),
      fails("a coordinator", {ack(kJustice)}, ReportProgress{"x", 1u}, coordinator(),
            ErrorCode::kForbidden),
      fails("an approved task", {ack(kJustice), ack(kLead), submitted(1), approved(1)},
            ReportProgress{"x", 1u}, tp, ErrorCode::kConflict),
      fails("a cancelled task", {ack(kJustice), cancelled()}, ReportProgress{"x", 1u}, tp,
            ErrorCode::kConflict),
  };
  for (const Row& row : rows) check(row);
}

TEST_CASE("submitting a task", "[core][task]") {
  const Caller ca = officer(kLead);
  const std::vector<Row> rows{
      ok("the lead after acknowledging", {ack(kLead)}, SubmitTask{"done", kEvidence}, ca,
         {"task.submitted agency=cong-an-tinh submission=1 evidence=[CV-12]"}),
      ok("the lead in progress", {ack(kLead), progress(kLead)}, SubmitTask{"", kEvidence}, ca,
         {"task.submitted agency=cong-an-tinh submission=1 evidence=[CV-12]"}),
      ok("again after a return", {ack(kLead), submitted(1), returned(1)},
         SubmitTask{"fixed", kEvidence}, ca,
         {"task.submitted agency=cong-an-tinh submission=2 evidence=[CV-12]"}),
      fails("a coordinating agency", {ack(kJustice)}, SubmitTask{"done", kEvidence},
            officer(kJustice), ErrorCode::kForbidden),
      fails("an agency not on the task", {}, SubmitTask{"done", kEvidence}, officer(kFinance),
            ErrorCode::kNotFound),
      fails("a coordinator", {ack(kLead)}, SubmitTask{"done", kEvidence}, coordinator(kLead),
            ErrorCode::kForbidden),
      fails("without evidence", {ack(kLead)}, SubmitTask{"done", {}}, ca,
            ErrorCode::kValidationFailed, "evidence"),
      fails("evidence without a ref", {ack(kLead)},
            SubmitTask{"done", {Evidence{"CV-1", "a"}, Evidence{"", "b"}}}, ca,
            ErrorCode::kValidationFailed, "evidence[1].ref"),
      fails("before acknowledging", {}, SubmitTask{"done", kEvidence}, ca, ErrorCode::kConflict),
      fails("twice", {ack(kLead), submitted(1)}, SubmitTask{"done", kEvidence}, ca,
            ErrorCode::kConflict),
      fails("an approved task", {ack(kLead), submitted(1), approved(1)},
            SubmitTask{"done", kEvidence}, ca, ErrorCode::kConflict),
      fails("a cancelled task", {ack(kLead), cancelled()}, SubmitTask{"done", kEvidence}, ca,
            ErrorCode::kConflict),
  };
  for (const Row& row : rows) check(row);
}

TEST_CASE("approving and returning a submission", "[core][task]") {
  const std::vector<EventData> in_review{ack(kLead), submitted(1)};
  const std::vector<EventData> second_review{ack(kLead), submitted(1), returned(1), submitted(2)};
  const std::vector<Row> rows{
      ok("a coordinator approves", in_review, ApproveTask{"good"}, coordinator(),
         {"task.approved submission=1"}),
      ok("the admin approves", in_review, ApproveTask{""}, admin(), {"task.approved submission=1"}),
      ok("an approval names the latest submission", second_review, ApproveTask{"good"},
         coordinator(), {"task.approved submission=2"}),
      fails("never submitted", {ack(kLead)}, ApproveTask{"good"}, coordinator(),
            ErrorCode::kConflict),
      fails("returned and not submitted again", {ack(kLead), submitted(1), returned(1)},
            ApproveTask{"good"}, coordinator(), ErrorCode::kConflict),
      fails("approved twice", {ack(kLead), submitted(1), approved(1)}, ApproveTask{"good"},
            coordinator(), ErrorCode::kConflict),
      fails("a cancelled task", {ack(kLead), submitted(1), cancelled()}, ApproveTask{"good"},
            coordinator(), ErrorCode::kConflict),
      fails("the lead's officer", in_review, ApproveTask{"good"}, officer(kLead),
            ErrorCode::kForbidden),
      fails("an officer not on the task", in_review, ApproveTask{"good"}, officer(kFinance),
            ErrorCode::kNotFound),
      fails("an auditor", in_review, ApproveTask{"good"}, auditor(), ErrorCode::kForbidden),
      fails("an approver of transfers", in_review, ApproveTask{"good"}, approver(kLead),
            ErrorCode::kForbidden),
      ok("a coordinator returns", in_review, ReturnTask{"missing annex"}, coordinator(),
         {"task.returned submission=1 reason=missing annex"}),
      fails("a return without a reason", in_review, ReturnTask{""}, coordinator(),
            ErrorCode::kValidationFailed, "reason"),
      fails("a return of a task never submitted", {ack(kLead)}, ReturnTask{"x"}, coordinator(),
            ErrorCode::kConflict),
      fails("a return of an approved task", {ack(kLead), submitted(1), approved(1)},
            ReturnTask{"x"}, coordinator(), ErrorCode::kConflict),
      fails("a return by an officer", in_review, ReturnTask{"x"}, officer(kLead),
            ErrorCode::kForbidden),
  };
  for (const Row& row : rows) check(row);
}

TEST_CASE("extending a task's due date", "[core][task]") {
  const std::vector<Row> rows{
      ok("a later date", {}, ExtendTask{day("2025-03-31"), "late budget"}, coordinator(),
         {"task.extended from=2024-12-31 to=2025-03-31"}),
      ok("while submitted", {ack(kLead), submitted(1)}, ExtendTask{day("2025-01-01"), "review"},
         coordinator(), {"task.extended from=2024-12-31 to=2025-01-01"}),
      ok("from the extended date", {extended("2024-12-31", "2025-03-31")},
         ExtendTask{day("2025-06-30"), "again"}, coordinator(),
         {"task.extended from=2025-03-31 to=2025-06-30"}),
      fails("the same date", {}, ExtendTask{day("2024-12-31"), "x"}, coordinator(),
            ErrorCode::kValidationFailed, "due_on"),
      fails("an earlier date", {}, ExtendTask{day("2024-06-30"), "x"}, coordinator(),
            ErrorCode::kValidationFailed, "due_on"),
      fails("no later than the extended date", {extended("2024-12-31", "2025-03-31")},
            ExtendTask{day("2025-01-31"), "x"}, coordinator(), ErrorCode::kValidationFailed,
            "due_on"),
      fails("without a reason", {}, ExtendTask{day("2025-03-31"), ""}, coordinator(),
            ErrorCode::kValidationFailed, "reason"),
      fails("an approved task", {ack(kLead), submitted(1), approved(1)},
            ExtendTask{day("2025-03-31"), "x"}, coordinator(), ErrorCode::kConflict),
      fails("a cancelled task", {cancelled()}, ExtendTask{day("2025-03-31"), "x"}, coordinator(),
            ErrorCode::kConflict),
      fails("by an officer", {}, ExtendTask{day("2025-03-31"), "x"}, officer(kLead),
            ErrorCode::kForbidden),
  };
  for (const Row& row : rows) check(row);
}

TEST_CASE("revising what a task asks", "[core][task]") {
  using Agencies = std::vector<std::string>;
  auto coordinators = [](Agencies list) { return ReviseTask{std::nullopt, std::move(list)}; };
  const std::vector<Row> rows{
      ok("a new description", {}, ReviseTask{"Train every official", std::nullopt}, coordinator(),
         {"task.revised description=Train every official added=[] removed=[]"}),
      ok("a coordinator swapped", {}, coordinators({kJustice, kFinance}), coordinator(),
         {"task.revised added=[so-tai-chinh] removed=[so-ngoai-vu]"}),
      // "*" is the plan's audience: Finance is in it, the committee that issued it is not.
      ok("every agency", {}, coordinators({"*"}), coordinator(),
         {"task.revised added=[so-tai-chinh] removed=[]"}),
      ok("no coordinators left", {}, coordinators({}), coordinator(),
         {"task.revised added=[] removed=[so-tu-phap,so-ngoai-vu]"}),
      ok("the lead in the list stays the lead", {}, coordinators({kLead, kJustice}), coordinator(),
         {"task.revised added=[] removed=[so-ngoai-vu]"}),
      ok("an unchanged description is left out", {},
         ReviseTask{"Train officials", Agencies{kJustice}}, coordinator(),
         {"task.revised added=[] removed=[so-ngoai-vu]"}),
      fails("the same coordinators in another order", {}, coordinators({kForeign, kJustice}),
            coordinator(), ErrorCode::kConflict),
      fails("the same description", {}, ReviseTask{"Train officials", std::nullopt}, coordinator(),
            ErrorCode::kConflict),
      fails("nothing asked", {}, ReviseTask{}, coordinator(), ErrorCode::kValidationFailed),
      fails("an unknown coordinator", {}, coordinators({kJustice, "so-khong-co"}), coordinator(),
            ErrorCode::kUnknownAgency, "coordinators[1]"),
      fails("an approved task", {ack(kLead), submitted(1), approved(1)},
            ReviseTask{"x", std::nullopt}, coordinator(), ErrorCode::kConflict),
      fails("a cancelled task", {cancelled()}, ReviseTask{"x", std::nullopt}, coordinator(),
            ErrorCode::kConflict),
      fails("by an officer", {}, ReviseTask{"x", std::nullopt}, officer(kLead),
            ErrorCode::kForbidden),
  };
  for (const Row& row : rows) check(row);
}

TEST_CASE("cancelling a task", "[core][task]") {
  const std::vector<Row> rows{
      ok("an open task", {ack(kLead)}, CancelTask{"superseded"}, coordinator(),
         {"task.cancelled reason=superseded"}),
      ok("a submitted task", {ack(kLead), submitted(1)}, CancelTask{"superseded"}, admin(),
         {"task.cancelled reason=superseded"}),
      fails("without a reason", {}, CancelTask{"\t"}, coordinator(), ErrorCode::kValidationFailed,
            "reason"),
      fails("twice", {cancelled()}, CancelTask{"again"}, coordinator(), ErrorCode::kConflict),
      fails("an approved task", {ack(kLead), submitted(1), approved(1)}, CancelTask{"x"},
            coordinator(), ErrorCode::kConflict),
      fails("by an officer", {}, CancelTask{"x"}, officer(kLead), ErrorCode::kForbidden),
      fails("by an officer not on the task", {}, CancelTask{"x"}, officer(kFinance),
            ErrorCode::kNotFound),
  };
  for (const Row& row : rows) check(row);
}

}  // namespace
}  // namespace mandate::core::testing
