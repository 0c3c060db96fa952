// decide() and evolve() for difficulties: raised by an assigned agency, answered with guidance.

#include "core/difficulty.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/core/task_fixture.h"

namespace mandate::core::testing {
namespace {

const std::string kDifficultyStream = "difficulty:d-1";

RaiseDifficulty raise(std::string text = "Thiếu kinh phí") {
  return RaiseDifficulty{"d-1", kTaskId, std::move(text)};
}

void check_error(const Result<Decision>& result, ErrorCode code, const std::string& field = "") {
  INFO(describe(result));
  REQUIRE_FALSE(result.ok());
  CHECK(std::string(error_code_name(result.error().code)) == error_code_name(code));
  CHECK(result.error().field == field);
}

TEST_CASE("an assigned agency raises a difficulty on its task", "[core][difficulty]") {
  TestLog log;
  const TaskState task = task_after(log, {});
  const TestDirectory dir = task_directory();
  auto result = decide(DifficultyState{}, task, raise(), officer(kJustice), log.clock(), dir);
  REQUIRE(result.ok());
  CHECK(describe(*result) ==
        std::vector<std::string>{"difficulty:d-1@0 difficulty.raised id=d-1 task=la-training "
                                 "agency=so-tu-phap text=Thiếu kinh phí"});
  REQUIRE(log.append(*result, officer(kJustice)));
  const DifficultyState state = log.fold<DifficultyState>(kDifficultyStream);
  CHECK(state.version == 1);
  CHECK(state.id == "d-1");
  CHECK(state.task == kTaskId);
  CHECK(state.agency == kJustice);
  CHECK(state.text == "Thiếu kinh phí");
  CHECK(state.raised_at == log.all().back().recorded_at);
  CHECK(state.guidance.empty());
}

TEST_CASE("raising a difficulty: every refusal", "[core][difficulty]") {
  TestLog log;
  const TaskState task = task_after(log, {});
  TestLog raised_log;
  task_after(raised_log, {});
  raised_log.append(kDifficultyStream, {DifficultyRaised{"d-1", kTaskId, kLead, "x"}});
  const DifficultyState existing = raised_log.fold<DifficultyState>(kDifficultyStream);
  const TestDirectory dir = task_directory();
  const Instant now = log.clock();

  check_error(decide(existing, task, raise(), officer(kJustice), now, dir), ErrorCode::kConflict,
              "id");
  check_error(decide(DifficultyState{}, TaskState{}, raise(), officer(kJustice), now, dir),
              ErrorCode::kNotFound);
  RaiseDifficulty other_task = raise();
  other_task.task = "la-notify";
  check_error(decide(DifficultyState{}, task, other_task, officer(kJustice), now, dir),
              ErrorCode::kNotFound);
  check_error(decide(DifficultyState{}, task, raise(), officer(kFinance), now, dir),
              ErrorCode::kNotFound);
  check_error(decide(DifficultyState{}, task, raise(), coordinator(), now, dir),
              ErrorCode::kForbidden);
  check_error(decide(DifficultyState{}, task, raise(), admin(), now, dir), ErrorCode::kForbidden);
  check_error(decide(DifficultyState{}, task, raise(),
                     caller_with(kFinance, {Role::kOfficer, Role::kAuditor}), now, dir),
              ErrorCode::kForbidden);
  check_error(decide(DifficultyState{}, task, raise(" "), officer(kJustice), now, dir),
              ErrorCode::kValidationFailed, "text");
  RaiseDifficulty bad_id = raise();
  bad_id.id = "D 1";
  check_error(decide(DifficultyState{}, task, bad_id, officer(kJustice), now, dir),
              ErrorCode::kValidationFailed, "id");
}

TEST_CASE("coordinators give guidance, as often as needed", "[core][difficulty]") {
  TestLog log;
  const TaskState task = task_after(log, {});
  log.append(kDifficultyStream, {DifficultyRaised{"d-1", kTaskId, kJustice, "x"}});
  const TestDirectory dir = task_directory();
  for (const char* text : {"Dùng nguồn chi thường xuyên", "Đã bổ sung kinh phí"}) {
    const DifficultyState state = log.fold<DifficultyState>(kDifficultyStream);
    auto result = decide(state, task, GiveGuidance{text}, coordinator(), log.clock(), dir);
    REQUIRE(result.ok());
    CHECK(describe(*result) ==
          std::vector<std::string>{kDifficultyStream + "@" + std::to_string(state.version) +
                                   " difficulty.guidance_given text=" + text});
    REQUIRE(log.append(*result, coordinator()));
  }
  const DifficultyState state = log.fold<DifficultyState>(kDifficultyStream);
  CHECK(state.version == 3);
  REQUIRE(state.guidance.size() == 2);
  CHECK(state.guidance[0].text == "Dùng nguồn chi thường xuyên");
  CHECK(state.guidance[0].user == coordinator().user);
  CHECK(state.guidance[0].at == log.stream(kDifficultyStream)[1].recorded_at);
  CHECK(state.guidance[1].text == "Đã bổ sung kinh phí");
}

TEST_CASE("giving guidance: every refusal", "[core][difficulty]") {
  TestLog log;
  const TaskState task = task_after(log, {});
  log.append(kDifficultyStream, {DifficultyRaised{"d-1", kTaskId, kJustice, "x"}});
  const DifficultyState state = log.fold<DifficultyState>(kDifficultyStream);
  const TestDirectory dir = task_directory();
  const Instant now = log.clock();
  check_error(decide(DifficultyState{}, task, GiveGuidance{"x"}, coordinator(), now, dir),
              ErrorCode::kNotFound);
  check_error(decide(state, task, GiveGuidance{"x"}, officer(kFinance), now, dir),
              ErrorCode::kNotFound);
  check_error(decide(state, task, GiveGuidance{"x"}, officer(kForeign), now, dir),
              ErrorCode::kForbidden);
  check_error(decide(state, task, GiveGuidance{"x"}, officer(kJustice), now, dir),
              ErrorCode::kForbidden);
  check_error(decide(state, task, GiveGuidance{"x"}, auditor(), now, dir), ErrorCode::kForbidden);
  check_error(decide(state, task, GiveGuidance{""}, coordinator(), now, dir),
              ErrorCode::kValidationFailed, "text");
  CHECK(decide(state, task, GiveGuidance{"x"}, admin(), now, dir).ok());
}

TEST_CASE("who may see a difficulty", "[core][difficulty]") {
  TestLog log;
  TaskState task = task_after(log, {});
  log.append(kDifficultyStream, {DifficultyRaised{"d-1", kTaskId, kJustice, "x"}});
  const DifficultyState d = log.fold<DifficultyState>(kDifficultyStream);
  CHECK(may_see_difficulty(officer(kJustice), d, task));
  CHECK(may_see_difficulty(officer(kForeign), d, task));  // On the same task.
  CHECK_FALSE(may_see_difficulty(officer(kFinance), d, task));
  CHECK(may_see_difficulty(coordinator(kFinance), d, task));
  CHECK(may_see_difficulty(auditor(), d, task));
  CHECK_FALSE(may_see_difficulty(officer(kForeign), d, TaskState{}));  // Task not given.
  // Justice taken off the task still sees what it raised; Foreign Affairs no longer does.
  log.append(kTaskStream, {TaskRevised{std::nullopt, {}, {kJustice, kForeign}}});
  task = log.fold<TaskState>(kTaskStream);
  CHECK(may_see_difficulty(officer(kJustice), d, task));
  CHECK_FALSE(may_see_difficulty(officer(kForeign), d, task));
}

}  // namespace
}  // namespace mandate::core::testing
