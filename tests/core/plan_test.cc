// decide() and evolve() for plans: drafting, issuing (which assigns every concrete task) and
// adding tasks. The plan is the Vietnam–Laos plan of seed 001, cut down.

#include "core/plan.h"

#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/occurrences.h"
#include "core/task.h"
#include "tests/core/test_directory.h"
#include "tests/core/test_support.h"

namespace mandate::core::testing {
namespace {

const std::string kPlanStream = "plan:vn-la-2024";

TestDirectory plan_directory() {
  return TestDirectory(
      {"cong-an-tinh", "so-ngoai-vu", "so-tai-chinh", "so-thong-tin", "so-tu-phap", "ubnd-tinh"});
}

Instant now() { return instant("2026-03-21T08:00:00Z"); }

TaskDefinition definition(std::string id, std::optional<std::string> phase, std::string lead,
                          std::vector<std::string> coordinators) {
  TaskDefinition def;
  def.id = std::move(id);
  def.phase = std::move(phase);
  def.section = "measures";
  def.title = "Nhiệm vụ " + def.id;
  def.description = "";
  def.lead = std::move(lead);
  def.coordinators = std::move(coordinators);
  return def;
}

TaskDefinition due(TaskDefinition def, const char* on) {
  def.due_on = day(on);
  return def;
}

TaskDefinition every_year(TaskDefinition def, unsigned month, unsigned d) {
  def.recurrence = YearlyRecurrence{month, d};
  return def;
}

PlanDrafted laos_plan() {
  PlanDrafted p;
  p.id = "vn-la-2024";
  p.code = "801/QĐ-TTg";
  p.title = "Kế hoạch triển khai Hiệp định Việt Nam – Lào";
  p.issuer = "ubnd-tinh";
  p.issued_on = day("2024-09-20");
  p.focal_agency = "cong-an-tinh";
  p.basis = {"801/QĐ-TTg 06/8/2024", "2604/CAT-TM 05/9/2024"};
  // The province's own bodies; the committee issues the plan and receives its report.
  p.audience = {"cong-an-tinh", "so-ngoai-vu", "so-tai-chinh", "so-thong-tin", "so-tu-phap"};
  p.agreement = Agreement{"LA", "Hiệp định", std::nullopt, std::nullopt, "indefinite"};
  p.phases = {{"I", "Giai đoạn I", day("2024-01-01"), day("2024-12-31")},
              {"II", "Giai đoạn II", day("2025-01-01"), day("2027-12-31")},
              {"III", "Giai đoạn III", day("2028-01-01"), std::nullopt}};
  p.tasks = {
      due(definition("la-training", "I", "cong-an-tinh", {"so-tu-phap"}), "2024-12-31"),
      due(definition("la-notify", "I", "so-ngoai-vu", {"so-tu-phap", "*"}), "2024-11-30"),
      every_year(definition("la-annual-report", std::nullopt, "cong-an-tinh", {"*"}), 12, 15),
      every_year(definition("la-stats", "II", "so-ngoai-vu", {"cong-an-tinh"}), 11, 30),
  };
  return p;
}

// The plan as drafted (and issued when `issue`), in `log`.
PlanState plan_in(TestLog& log, bool issue) {
  const TestDirectory dir = plan_directory();
  PlanState state;
  auto created = decide(state, CreatePlan{laos_plan()}, coordinator(), now(), dir);
  REQUIRE(created.ok());
  REQUIRE(log.append(*created, coordinator()));
  state = log.fold<PlanState>(kPlanStream);
  if (issue) {
    auto issued = decide(state, IssuePlan{}, coordinator(), now(), dir);
    REQUIRE(issued.ok());
    REQUIRE(log.append(*issued, coordinator()));
    state = log.fold<PlanState>(kPlanStream);
  }
  return state;
}

void check_error(const Result<Decision>& result, ErrorCode code, const std::string& field) {
  INFO(describe(result));
  REQUIRE_FALSE(result.ok());
  CHECK(std::string(error_code_name(result.error().code)) == error_code_name(code));
  CHECK(result.error().field == field);
}

TEST_CASE("a drafted plan is recorded as given, in status draft", "[core][plan]") {
  TestLog log;
  const PlanState state = plan_in(log, false);
  REQUIRE(log.all().size() == 1);
  CHECK(log.all()[0].stream == kPlanStream);
  const PlanDrafted draft = laos_plan();
  CHECK(state.version == 1);
  CHECK(state.status == PlanStatus::kDraft);
  CHECK(state.id == draft.id);
  CHECK(state.code == draft.code);
  CHECK(state.title == draft.title);
  CHECK(state.issuer == draft.issuer);
  CHECK(state.issued_on == draft.issued_on);
  CHECK(state.focal_agency == draft.focal_agency);
  CHECK(state.basis == draft.basis);
  CHECK(state.agreement == draft.agreement);
  CHECK(state.phases == draft.phases);
  CHECK(state.tasks == draft.tasks);
  CHECK(find_definition(state, "la-stats") == &state.tasks[3]);
  CHECK(find_definition(state, "la-nothing") == nullptr);
}

TEST_CASE("drafting a plan: every rule and its field", "[core][plan]") {
  struct Row {
    const char* name;
    std::function<void(PlanDrafted&)> change;
    ErrorCode code;
    std::string field;
  };
  auto task = [](size_t i, std::function<void(TaskDefinition&)> f) {
    return [i, f](PlanDrafted& p) { f(p.tasks[i]); };
  };
  const std::vector<Row> rows{
      {"an id that is not a slug", [](PlanDrafted& p) { p.id = "VN LA"; },
       ErrorCode::kValidationFailed, "id"},
      {"no code", [](PlanDrafted& p) { p.code = ""; }, ErrorCode::kValidationFailed, "code"},
      {"no title", [](PlanDrafted& p) { p.title = " "; }, ErrorCode::kValidationFailed, "title"},
      {"no issuer", [](PlanDrafted& p) { p.issuer = ""; }, ErrorCode::kValidationFailed, "issuer"},
      {"an unknown issuer", [](PlanDrafted& p) { p.issuer = "thu-tuong"; },
       ErrorCode::kUnknownAgency, "issuer"},
      {"an unknown focal agency", [](PlanDrafted& p) { p.focal_agency = "bo-cong-an"; },
       ErrorCode::kUnknownAgency, "focal_agency"},
      {"a phase without a key", [](PlanDrafted& p) { p.phases[1].key = ""; },
       ErrorCode::kValidationFailed, "phases[1].key"},
      {"a phase twice", [](PlanDrafted& p) { p.phases[2].key = "I"; }, ErrorCode::kValidationFailed,
       "phases[2].key"},
      {"a phase that ends before it starts",
       [](PlanDrafted& p) { p.phases[0].ends_on = day("2023-12-31"); },
       ErrorCode::kValidationFailed, "phases[0].ends_on"},
      {"a task id that is not a slug", task(0, [](auto& t) { t.id = "La_Training"; }),
       ErrorCode::kValidationFailed, "tasks[0].id"},
      {"a task id of 59 characters", task(0, [](auto& t) { t.id = std::string(59, 'a'); }),
       ErrorCode::kValidationFailed, "tasks[0].id"},
      {"a task id twice", task(1, [](auto& t) { t.id = "la-training"; }),
       ErrorCode::kValidationFailed, "tasks[1].id"},
      {"a task in no phase of the plan", task(0, [](auto& t) { t.phase = "IV"; }),
       ErrorCode::kValidationFailed, "tasks[0].phase"},
      {"a task without a title", task(2, [](auto& t) { t.title = ""; }),
       ErrorCode::kValidationFailed, "tasks[2].title"},
      {"a task without a lead", task(0, [](auto& t) { t.lead = ""; }), ErrorCode::kValidationFailed,
       "tasks[0].lead"},
      {"an unknown lead", task(0, [](auto& t) { t.lead = "so-khong-co"; }),
       ErrorCode::kUnknownAgency, "tasks[0].lead"},
      {"an unknown coordinator", task(1, [](auto& t) { t.coordinators.push_back("so-x"); }),
       ErrorCode::kUnknownAgency, "tasks[1].coordinators[2]"},
      {"both a due date and a recurrence",
       task(0,
            [](auto& t) {
              t.recurrence = YearlyRecurrence{12, 15};
            }),
       ErrorCode::kValidationFailed, "tasks[0].due_on"},
      {"an on_event duty with a date",
       task(2,
            [](auto& t) {
              t.kind = TaskKind::kOnEvent;
              t.trigger = "a breach";
            }),
       ErrorCode::kValidationFailed, "tasks[2].recurrence"},
      {"an on_event duty without a trigger",
       task(2,
            [](auto& t) {
              t.kind = TaskKind::kOnEvent;
              t.recurrence.reset();
            }),
       ErrorCode::kValidationFailed, "tasks[2].trigger"},
      {"an each duty with a lead", task(2, [](auto& t) { t.kind = TaskKind::kEach; }),
       ErrorCode::kValidationFailed, "tasks[2].lead"},
      {"a rule held by someone",
       task(2,
            [](auto& t) {
              t.kind = TaskKind::kRule;
              t.recurrence.reset();
            }),
       ErrorCode::kValidationFailed, "tasks[2].lead"},
      {"a recurrence due on February 30",
       task(3,
            [](auto& t) {
              t.recurrence = YearlyRecurrence{2, 30};
            }),
       ErrorCode::kValidationFailed, "tasks[3].recurrence.due"},
      {"a recurrence due in month 13",
       task(3,
            [](auto& t) {
              t.recurrence = YearlyRecurrence{13, 1};
            }),
       ErrorCode::kValidationFailed, "tasks[3].recurrence.due"},
      {"a recurrence over two centuries",
       [](PlanDrafted& p) { p.phases[1].ends_on = day("2227-12-31"); },
       ErrorCode::kValidationFailed, "tasks[3].recurrence"},
  };
  const TestDirectory dir = plan_directory();
  for (const Row& row : rows) {
    INFO(row.name);
    PlanDrafted draft = laos_plan();
    row.change(draft);
    check_error(decide(PlanState{}, CreatePlan{draft}, coordinator(), now(), dir), row.code,
                row.field);
  }
}

TEST_CASE("drafting a plan: what is allowed at the edges", "[core][plan]") {
  const TestDirectory dir = plan_directory();
  PlanDrafted draft = laos_plan();
  draft.tasks[0].id = std::string(kMaxTaskIdLength, 'a');
  draft.tasks[3].recurrence = YearlyRecurrence{2, 29};
  draft.tasks[1].coordinators = {"so-ngoai-vu", "so-tu-phap", "so-tu-phap"};  // Lead, repeats.
  draft.phases[0].starts_on.reset();
  draft.issued_on.reset();
  draft.agreement.reset();
  CHECK(decide(PlanState{}, CreatePlan{draft}, admin(), now(), dir).ok());
  draft.tasks.clear();
  draft.phases.clear();
  CHECK(decide(PlanState{}, CreatePlan{draft}, coordinator(), now(), dir).ok());
}

TEST_CASE("drafting a plan: existence, permission, then taken task ids", "[core][plan]") {
  TestLog log;
  const PlanState existing = plan_in(log, false);
  const TestDirectory dir = plan_directory();
  check_error(decide(existing, CreatePlan{laos_plan()}, coordinator(), now(), dir),
              ErrorCode::kConflict, "id");
  check_error(decide(existing, CreatePlan{laos_plan()}, officer("cong-an-tinh"), now(), dir),
              ErrorCode::kConflict, "id");
  for (const Caller& c : {officer("cong-an-tinh"), auditor(), approver("ubnd-tinh")}) {
    check_error(decide(PlanState{}, CreatePlan{laos_plan()}, c, now(), dir), ErrorCode::kForbidden,
                "");
  }
  TestDirectory taken = plan_directory();
  taken.add_task("la-notify");
  check_error(decide(PlanState{}, CreatePlan{laos_plan()}, coordinator(), now(), taken),
              ErrorCode::kConflict, "tasks[1].id");
  TestDirectory occurrence_taken = plan_directory();
  occurrence_taken.add_task("la-annual-report/2025");
  check_error(decide(PlanState{}, CreatePlan{laos_plan()}, coordinator(), now(), occurrence_taken),
              ErrorCode::kConflict, "tasks[2].id");
  // Fields are judged before the server's other tasks.
  PlanDrafted bad = laos_plan();
  bad.tasks[3].title = "";
  check_error(decide(PlanState{}, CreatePlan{bad}, coordinator(), now(), taken),
              ErrorCode::kValidationFailed, "tasks[3].title");
}

TEST_CASE("issuing a plan assigns every concrete task in one decision", "[core][plan]") {
  TestLog log;
  const PlanState draft = plan_in(log, false);
  const TestDirectory dir = plan_directory();
  auto result = decide(draft, IssuePlan{}, coordinator(), now(), dir);
  REQUIRE(result.ok());
  // "*" is the audience: the committee that issues the plan is not in it.
  const std::string every_but_police = "[so-ngoai-vu,so-tai-chinh,so-thong-tin,so-tu-phap]";
  CHECK(describe(*result) ==
        std::vector<std::string>{
            "plan:vn-la-2024@1 plan.issued task_ids=[la-training,la-notify,la-annual-report/2024,"
            "la-annual-report/2025,la-annual-report/2026,la-stats/2025,la-stats/2026]",
            "task:la-training@0 task.assigned id=la-training lead=cong-an-tinh "
            "coordinators=[so-tu-phap] due_on=2024-12-31",
            "task:la-notify@0 task.assigned id=la-notify lead=so-ngoai-vu "
            "coordinators=[so-tu-phap,cong-an-tinh,so-tai-chinh,so-thong-tin] "
            "due_on=2024-11-30",
            "task:la-annual-report/2024@0 task.assigned id=la-annual-report/2024 "
            "lead=cong-an-tinh coordinators=" +
                every_but_police + " due_on=2024-12-15",
            "task:la-annual-report/2025@0 task.assigned id=la-annual-report/2025 "
            "lead=cong-an-tinh coordinators=" +
                every_but_police + " due_on=2025-12-15",
            "task:la-annual-report/2026@0 task.assigned id=la-annual-report/2026 "
            "lead=cong-an-tinh coordinators=" +
                every_but_police + " due_on=2026-12-15",
            "task:la-stats/2025@0 task.assigned id=la-stats/2025 lead=so-ngoai-vu "
            "coordinators=[cong-an-tinh] due_on=2025-11-30",
            "task:la-stats/2026@0 task.assigned id=la-stats/2026 lead=so-ngoai-vu "
            "coordinators=[cong-an-tinh] due_on=2026-11-30",
            // 2027 opens on its first day (OpenPlanYear), not ahead of it.
        });
  REQUIRE(log.append(*result, coordinator()));
  CHECK(log.fold<PlanState>(kPlanStream).status == PlanStatus::kActive);
  CHECK(log.fold<PlanState>(kPlanStream).version == 2);

  const TaskState occurrence = log.fold<TaskState>("task:la-annual-report/2025");
  CHECK(occurrence.plan == "vn-la-2024");
  CHECK(occurrence.definition == "la-annual-report");
  CHECK(occurrence.occurrence_year == std::optional<int32_t>(2025));
  CHECK_FALSE(occurrence.phase.has_value());
  CHECK(occurrence.section == "measures");
  CHECK(occurrence.title == "Nhiệm vụ la-annual-report");
  CHECK(occurrence.assignments.size() == 5);
  const TaskState training = log.fold<TaskState>("task:la-training");
  CHECK(training.definition == "la-training");
  CHECK(training.phase == std::optional<std::string>("I"));
  CHECK_FALSE(training.occurrence_year.has_value());
}

TEST_CASE("issuing a plan: not found, forbidden, twice, ids taken since", "[core][plan]") {
  const TestDirectory dir = plan_directory();
  check_error(decide(PlanState{}, IssuePlan{}, coordinator(), now(), dir), ErrorCode::kNotFound,
              "");
  TestLog log;
  const PlanState draft = plan_in(log, false);
  check_error(decide(draft, IssuePlan{}, officer("cong-an-tinh"), now(), dir),
              ErrorCode::kForbidden, "");
  TestDirectory taken = plan_directory();
  taken.add_task("la-stats/2026");
  check_error(decide(draft, IssuePlan{}, coordinator(), now(), taken), ErrorCode::kConflict, "");
  TestLog issued_log;
  const PlanState active = plan_in(issued_log, true);
  check_error(decide(active, IssuePlan{}, coordinator(), now(), dir), ErrorCode::kConflict, "");
}

TEST_CASE("adding a task to a draft records the definition only", "[core][plan]") {
  TestLog log;
  const PlanState draft = plan_in(log, false);
  const TaskDefinition extra = due(definition("la-media", "I", "so-thong-tin", {}), "2024-10-31");
  auto result = decide(draft, AddTask{extra}, coordinator(), now(), plan_directory());
  REQUIRE(result.ok());
  CHECK(describe(*result) ==
        std::vector<std::string>{"plan:vn-la-2024@1 plan.task_added id=la-media"});
  REQUIRE(log.append(*result, coordinator()));
  const PlanState after = log.fold<PlanState>(kPlanStream);
  REQUIRE(after.tasks.size() == 5);
  CHECK(after.tasks.back() == extra);
  CHECK(after.status == PlanStatus::kDraft);
}

TEST_CASE("adding a task to an active plan assigns it at once", "[core][plan]") {
  TestLog log;
  const PlanState active = plan_in(log, true);
  const TaskDefinition yearly =
      every_year(definition("la-budget", "II", "so-tai-chinh", {"*"}), 7, 31);
  auto result = decide(active, AddTask{yearly}, coordinator(), now(), plan_directory());
  REQUIRE(result.ok());
  const std::string others = "[cong-an-tinh,so-ngoai-vu,so-thong-tin,so-tu-phap]";
  CHECK(describe(*result) ==
        std::vector<std::string>{
            "plan:vn-la-2024@2 plan.task_added id=la-budget",
            "task:la-budget/2025@0 task.assigned id=la-budget/2025 lead=so-tai-chinh "
            "coordinators=" +
                others + " due_on=2025-07-31",
            "task:la-budget/2026@0 task.assigned id=la-budget/2026 lead=so-tai-chinh "
            "coordinators=" +
                others + " due_on=2026-07-31",
        });
  CHECK(log.append(*result, coordinator()));
}

TEST_CASE("adding a task: every rule and its field", "[core][plan]") {
  TestLog log;
  const PlanState draft = plan_in(log, false);
  const TestDirectory dir = plan_directory();
  const TaskDefinition good = due(definition("la-media", "I", "so-thong-tin", {}), "2024-10-31");
  struct Row {
    const char* name;
    std::function<void(TaskDefinition&)> change;
    ErrorCode code;
    std::string field;
  };
  const std::vector<Row> rows{
      {"an id that is not a slug", [](auto& t) { t.id = ""; }, ErrorCode::kValidationFailed, "id"},
      {"a phase the plan lacks", [](auto& t) { t.phase = "0"; }, ErrorCode::kValidationFailed,
       "phase"},
      {"no title", [](auto& t) { t.title = ""; }, ErrorCode::kValidationFailed, "title"},
      {"an unknown lead", [](auto& t) { t.lead = "x"; }, ErrorCode::kUnknownAgency, "lead"},
      {"an unknown coordinator",
       [](auto& t) {
         t.coordinators = {"*", "x"};
       },
       ErrorCode::kUnknownAgency, "coordinators[1]"},
      {"both a due date and a recurrence",
       [](auto& t) {
         t.recurrence = YearlyRecurrence{12, 31};
       },
       ErrorCode::kValidationFailed, "due_on"},
      {"a bad recurrence",
       [](auto& t) {
         t.due_on.reset();
         t.recurrence = YearlyRecurrence{4, 31};
       },
       ErrorCode::kValidationFailed, "recurrence.due"},
      {"an id the plan has", [](auto& t) { t.id = "la-stats"; }, ErrorCode::kConflict, "id"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    TaskDefinition def = good;
    row.change(def);
    check_error(decide(draft, AddTask{def}, coordinator(), now(), dir), row.code, row.field);
  }
  TestDirectory taken = plan_directory();
  taken.add_task("la-media");
  check_error(decide(draft, AddTask{good}, coordinator(), now(), taken), ErrorCode::kConflict,
              "id");
  check_error(decide(PlanState{}, AddTask{good}, coordinator(), now(), dir), ErrorCode::kNotFound,
              "");
  check_error(decide(draft, AddTask{good}, officer("cong-an-tinh"), now(), dir),
              ErrorCode::kForbidden, "");
}

}  // namespace
}  // namespace mandate::core::testing

namespace mandate::core::testing {
namespace {

TEST_CASE("a plan year opens once, by the server, with that year's occurrences", "[core][plan]") {
  TestLog log;
  PlanState plan = plan_in(log, true);
  CHECK(plan.years == std::vector<int32_t>{2024, 2025, 2026});
  const TestDirectory dir = plan_directory();
  check_error(decide(plan, OpenPlanYear{2027}, coordinator(), now(), dir), ErrorCode::kForbidden,
              "");
  check_error(decide(plan, OpenPlanYear{2026}, admin(), now(), dir), ErrorCode::kConflict, "");
  auto opened = decide(plan, OpenPlanYear{2027}, admin(), now(), dir);
  REQUIRE(opened.ok());
  const auto lines = describe(*opened);
  REQUIRE(lines.size() == 3);  // The plan's event, la-annual-report/2027 and la-stats/2027.
  CHECK(lines[0].rfind("plan:vn-la-2024@" + std::to_string(plan.version) + " plan.year_opened",
                       0) == 0);
  REQUIRE(log.append(*opened, admin()));
  plan = log.fold<PlanState>(kPlanStream);
  CHECK(plan.years.back() == 2027);
  check_error(decide(plan, OpenPlanYear{2027}, admin(), now(), dir), ErrorCode::kConflict, "");
}

TEST_CASE("one command cannot create more assignments than the bound", "[core][plan]") {
  TestDirectory dir;
  PlanDrafted big = laos_plan();
  big.audience.clear();
  big.tasks.clear();
  for (int i = 0; i < 150; ++i) dir.add_agency("agency-" + std::to_string(i));
  for (const auto& a : plan_directory().agencies()) dir.add_agency(a);
  for (int i = 0; i < 150; ++i) big.audience.push_back("agency-" + std::to_string(i));
  big.phases = {{"I", "Giai đoạn I", day("1960-01-01"), std::nullopt}};
  big.tasks.push_back(every_year(definition("every-year", "I", "cong-an-tinh", {"*"}), 12, 31));
  PlanState state;
  auto created = decide(state, CreatePlan{big}, coordinator(), now(), dir);
  REQUIRE(created.ok());
  TestLog log;
  REQUIRE(log.append(*created, coordinator()));
  state = log.fold<PlanState>(kPlanStream);
  // 67 years of 151 assignments each: past 10,000.
  check_error(decide(state, IssuePlan{2026}, coordinator(), now(), dir),
              ErrorCode::kTooManyAssignments, "");
}

}  // namespace
}  // namespace mandate::core::testing

namespace mandate::core::testing {
namespace {

TEST_CASE("issuing judges the current year in Vietnam, not in UTC", "[core][plan]") {
  // 18:00 UTC on 31 December 2026 is 01:00 on 1 January 2027 in Hà Nội.
  const Instant new_year_in_vietnam = *parse_instant("2026-12-31T18:00:00Z");
  const TestDirectory dir = plan_directory();
  TestLog log;
  auto created =
      decide(PlanState{}, CreatePlan{laos_plan()}, coordinator(), new_year_in_vietnam, dir);
  REQUIRE(created.ok());
  REQUIRE(log.append(*created, coordinator()));
  auto issued = decide(log.fold<PlanState>(kPlanStream), IssuePlan{}, coordinator(),
                       new_year_in_vietnam, dir);
  REQUIRE(issued.ok());
  REQUIRE(log.append(*issued, coordinator()));
  CHECK(log.fold<PlanState>(kPlanStream).years == std::vector<int32_t>{2024, 2025, 2026, 2027});
}

}  // namespace
}  // namespace mandate::core::testing
