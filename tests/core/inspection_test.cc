// Tests of core/inspection.h: inspections of agencies, their findings, the follow-up tasks
// those open, and closing once the follow-ups are settled (seed 004 II.8, III.2; 002 III.5).

#include "core/inspection.h"

#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/occurrences.h"
#include "core/task.h"
#include "tests/core/test_directory.h"
#include "tests/core/test_support.h"

namespace mandate::core {
namespace {

using testing::caller_with;
using testing::day;
using testing::describe;
using testing::outcome;
using testing::TestDirectory;
using testing::TestLog;

const std::string kPolice = "cong-an-tinh";  // The plan's focal agency: it inspects.
const std::string kJustice = "so-tu-phap";   // The inspected agency.
const std::string kForeign = "so-ngoai-vu";  // Neither.
const std::string kMinistry = "bo-cong-an";
const std::string kPlan = "ht-ct44-2024";

const Caller kInspector = caller_with(kPolice, {Role::kCoordinator});
const Caller kOtherCoordinator = caller_with(kForeign, {Role::kCoordinator});
const Caller kMinistryCoordinator = caller_with(kMinistry, {Role::kCoordinator});
const Caller kInspectedOfficer = caller_with(kJustice, {Role::kOfficer});
const Caller kOtherOfficer = caller_with(kForeign, {Role::kOfficer});
const Caller kPoliceOfficer = caller_with(kPolice, {Role::kOfficer});
const Caller kAuditor = caller_with("ubnd-tinh", {Role::kAuditor});
const Caller kInvestigator = caller_with(kPolice, {Role::kInvestigator});
const Caller kAdmin = testing::admin();

const Instant kNow = testing::instant("2025-06-01T02:00:00Z");

// The agencies an inspection involves, and the plan it is under.
TestDirectory inspection_directory() {
  TestDirectory d({kPolice, kJustice, kForeign, kMinistry, "ubnd-tinh"});
  d.add_plan(kPlan, kPolice, {kJustice, kForeign});
  return d;
}

PlanInspection plan_one(std::string id = "insp-1") {
  return PlanInspection{std::move(id),
                        kPlan,
                        kJustice,
                        InspectionKind::kPeriodic,
                        day("2025-05-20"),
                        {"Nguyễn Văn A", "Trần Thị B"},
                        "Việc thực hiện quy định về bảo vệ bí mật nhà nước năm 2025"};
}

const RecordInspectionFinding kNote{"Sổ theo dõi tài liệu mật ghi chép đầy đủ",
                                    FindingSeverity::kLow, std::nullopt};
const RecordInspectionFinding kRemedy{"Máy tính soạn thảo tài liệu mật có kết nối Internet",
                                      FindingSeverity::kHigh, day("2025-07-31")};
const CloseInspection kClose{"Đơn vị đã khắc phục các thiếu sót"};

// A Directory that knows the tasks of `log`: a task exists when its stream does, and is settled
// as its folded state says, as events::StoreDirectory answers from the store.
class LogDirectory final : public Directory {
 public:
  explicit LogDirectory(const TestLog& log) : log_(log), base_(inspection_directory()) {}
  bool agency_exists(std::string_view id) const override { return base_.agency_exists(id); }
  std::vector<std::string> agencies() const override { return base_.agencies(); }
  bool task_exists(std::string_view id) const override { return log_.version(task_stream(id)) > 0; }
  bool task_settled(std::string_view id) const override {
    return is_settled(log_.fold<TaskState>(task_stream(id)));
  }
  PlanFacts plan_facts(std::string_view plan) const override { return base_.plan_facts(plan); }
  bool transfer_known_to(std::string_view id, const Caller& caller) const override {
    return base_.transfer_known_to(id, caller);
  }
  std::string agency_parent(std::string_view id) const override { return base_.agency_parent(id); }

 private:
  const TestLog& log_;
  TestDirectory base_;
};

// Decides against the log's current state of `stream` and appends what was decided.
template <typename State, typename Command>
Result<Decision> run(TestLog& log, const std::string& stream, const Command& command,
                     const Caller& caller, const Directory& directory) {
  Result<Decision> decided =
      decide(log.fold<State>(stream), command, caller, log.clock(), directory);
  if (decided.ok()) REQUIRE(log.append(*decided, caller));
  return decided;
}

Result<Decision> inspect(TestLog& log, const InspectionCommand& command, const Caller& caller,
                         const Directory& directory, const std::string& id = "insp-1") {
  return run<InspectionState>(log, inspection_stream(id), command, caller, directory);
}

Result<Decision> work(TestLog& log, const std::string& task, const TaskCommand& command,
                      const Caller& caller, const Directory& directory) {
  return run<TaskState>(log, task_stream(task), command, caller, directory);
}

const SubmitTask kSubmit{"Đã tháo kết nối Internet", {Evidence{"15/BC-STP", "Báo cáo"}}};

// ---- The lifecycle ----

TEST_CASE("inspection: planned, a finding opens a follow-up task, closed once it is approved",
          "[core][inspection]") {
  TestLog log(kNow);
  const LogDirectory directory(log);

  const Result<Decision> planned = inspect(log, plan_one(), kInspector, directory);
  REQUIRE(planned.ok());
  CHECK(describe(*planned) == std::vector<std::string>{"inspection:insp-1@0 inspection.planned"});
  const auto& event = std::get<InspectionPlanned>(planned->front().events.at(0).data);
  CHECK(event.inspecting_agency == kPolice);
  CHECK(event.plan == kPlan);
  InspectionState s = log.fold<InspectionState>("inspection:insp-1");
  CHECK(s.status == InspectionStatus::kPlanned);
  CHECK(s.agency == kJustice);
  CHECK(s.scheduled_on == day("2025-05-20"));
  CHECK(s.team == std::vector<std::string>{"Nguyễn Văn A", "Trần Thị B"});
  CHECK(s.planned_by.user == kInspector.user);
  CHECK_FALSE(s.started_at.has_value());

  // A finding with nothing to remedy opens no task; the first finding starts the inspection.
  const Result<Decision> noted = inspect(log, kNote, kInspector, directory);
  REQUIRE(noted.ok());
  REQUIRE(noted->size() == 1);
  s = log.fold<InspectionState>("inspection:insp-1");
  CHECK(s.status == InspectionStatus::kInProgress);
  CHECK(s.started_at == log.all().back().recorded_at);
  CHECK(s.findings.at(0).number == 1);
  CHECK(s.findings.at(0).follow_up_task.empty());

  // A finding with a remedy due opens the follow-up task in the same decision.
  const Result<Decision> remedy = inspect(log, kRemedy, kInspector, directory);
  REQUIRE(remedy.ok());
  REQUIRE(remedy->size() == 2);
  CHECK(remedy->at(1).stream == "task:insp-1-f2");
  CHECK(remedy->at(1).expected_version == 0);
  const auto& task = std::get<TaskAssigned>(remedy->at(1).events.at(0).data);
  CHECK(task.id == "insp-1-f2");
  CHECK(task.kind == TaskKind::kJoint);
  CHECK(task.lead == kJustice);
  CHECK(task.coordinators.empty());
  CHECK(task.due_on == day("2025-07-31"));
  CHECK(task.plan == kPlan);
  CHECK(task.focal_agency == kPolice);
  CHECK(task.description == kRemedy.text);
  s = log.fold<InspectionState>("inspection:insp-1");
  CHECK(follow_up_tasks(s) == std::vector<std::string>{"insp-1-f2"});
  CHECK(s.findings.at(1).severity == FindingSeverity::kHigh);

  // The follow-up is the inspected agency's, worked like any task.
  const TaskState assigned = log.fold<TaskState>("task:insp-1-f2");
  CHECK(may_see_task(kInspectedOfficer, assigned));
  CHECK_FALSE(may_see_task(kOtherOfficer, assigned));

  // Not closed while the follow-up is open, at any step short of approval.
  auto close_refused = [&] {
    const Result<Decision> refused = inspect(log, kClose, kInspector, directory);
    CHECK(outcome(refused) == "conflict");
    if (!refused.ok()) CHECK_THAT(refused.error().message, Catch::Matchers::Contains("insp-1-f2"));
  };
  close_refused();
  REQUIRE(work(log, "insp-1-f2", AcknowledgeTask{}, kInspectedOfficer, directory).ok());
  REQUIRE(work(log, "insp-1-f2", kSubmit, kInspectedOfficer, directory).ok());
  close_refused();
  REQUIRE(work(log, "insp-1-f2", ReturnTask{"Chưa có biên bản", ""}, kInspector, directory).ok());
  REQUIRE(work(log, "insp-1-f2", kSubmit, kInspectedOfficer, directory).ok());
  close_refused();
  // The inspecting agency's coordinator approves it; the inspected agency may not.
  CHECK(outcome(work(log, "insp-1-f2", ApproveTask{}, kInspectedOfficer, directory)) ==
        "forbidden");
  REQUIRE(work(log, "insp-1-f2", ApproveTask{"Đạt", ""}, kInspector, directory).ok());

  const uint64_t before = log.all().size();
  const Result<Decision> closed = inspect(log, kClose, kInspector, directory);
  REQUIRE(closed.ok());
  CHECK(describe(*closed) == std::vector<std::string>{"inspection:insp-1@3 inspection.closed"});
  s = log.fold<InspectionState>("inspection:insp-1");
  CHECK(s.status == InspectionStatus::kClosed);
  CHECK(s.conclusion == kClose.conclusion);
  CHECK(s.closed_by == kInspector.user);
  CHECK(s.closed_at == log.all().back().recorded_at);
  CHECK(log.all().size() == before + 1);

  // Nothing after close; a refusal appends nothing.
  CHECK(outcome(inspect(log, kNote, kInspector, directory)) == "conflict");
  CHECK(outcome(inspect(log, kRemedy, kAdmin, directory)) == "conflict");
  CHECK(outcome(inspect(log, kClose, kInspector, directory)) == "conflict");
  CHECK(log.all().size() == before + 1);
  CHECK(log.version("task:insp-1-f3") == 0);
}

TEST_CASE("inspection: a cancelled follow-up lets it close", "[core][inspection]") {
  TestLog log(kNow);
  const LogDirectory directory(log);
  REQUIRE(inspect(log, plan_one(), kInspector, directory).ok());
  REQUIRE(inspect(log, kRemedy, kInspector, directory).ok());
  CHECK(outcome(inspect(log, kClose, kInspector, directory)) == "conflict");
  REQUIRE(work(log, "insp-1-f1", CancelTask{"Đơn vị đã giải thể"}, kInspector, directory).ok());
  CHECK(outcome(inspect(log, kClose, kInspector, directory)) == "ok");
}

TEST_CASE("inspection: a follow-up is decided by the inspecting agency, not a plan's",
          "[core][inspection]") {
  // The Ministry inspects the provincial police outside any plan (seed 002 III.5): the
  // follow-up has no plan, and only the Ministry's coordinators decide on it.
  TestLog log(kNow);
  const LogDirectory directory(log);
  PlanInspection c = plan_one("bca-kt-2025");
  c.plan = "";
  c.agency = kPolice;
  REQUIRE(inspect(log, c, kMinistryCoordinator, directory, "bca-kt-2025").ok());
  CHECK(log.fold<InspectionState>("inspection:bca-kt-2025").inspecting_agency == kMinistry);
  REQUIRE(inspect(log, kRemedy, kMinistryCoordinator, directory, "bca-kt-2025").ok());
  const TaskState task = log.fold<TaskState>("task:bca-kt-2025-f1");
  CHECK(task.plan.empty());
  CHECK(task.focal_agency == kMinistry);

  REQUIRE(work(log, task.id, AcknowledgeTask{}, kPoliceOfficer, directory).ok());
  REQUIRE(work(log, task.id, kSubmit, kPoliceOfficer, directory).ok());
  // The inspected police's own coordinator may not approve its remedy.
  CHECK(outcome(work(log, task.id, ApproveTask{}, kInspector, directory)) == "forbidden");
  CHECK(outcome(work(log, task.id, ExtendTask{day("2025-09-30"), "x"}, kInspector, directory)) ==
        "forbidden");
  CHECK(outcome(work(log, task.id, ApproveTask{}, kMinistryCoordinator, directory)) == "ok");
  CHECK(outcome(inspect(log, kClose, kMinistryCoordinator, directory, "bca-kt-2025")) == "ok");
}

// ---- Every rule, with its code ----

TEST_CASE("inspection: who may plan one, and the fields it needs", "[core][inspection]") {
  const TestDirectory directory = inspection_directory();
  TestLog log(kNow);
  REQUIRE(inspect(log, plan_one(), kInspector, directory).ok());
  const InspectionState taken = log.fold<InspectionState>("inspection:insp-1");
  auto with = [](auto change) {
    PlanInspection c = plan_one();
    change(c);
    return c;
  };
  const PlanInspection no_plan = with([](auto& c) { c.plan = ""; });
  struct Row {
    const char* name;
    InspectionState state;
    PlanInspection command;
    Caller caller;
    std::string expected;
    std::string inspecting = "";  // When ok: the inspecting agency decided.
  };
  const std::vector<Row> rows{
      {"the plan's focal coordinator", {}, plan_one(), kInspector, "ok", kPolice},
      {"an admin, for the plan's focal agency", {}, plan_one(), kAdmin, "ok", kPolice},
      {"no plan: the caller's own agency inspects", {}, no_plan, kInspector, "ok", kPolice},
      {"no plan, another agency's coordinator", {}, no_plan, kOtherCoordinator, "ok", kForeign},
      {"no plan, an admin with no agency", {}, no_plan, kAdmin, "validation_failed plan"},
      {"another agency's coordinator, for the plan",
       {},
       plan_one(),
       kOtherCoordinator,
       "forbidden plan"},
      {"an officer", {}, plan_one(), kInspectedOfficer, "forbidden"},
      {"an officer of the focal agency", {}, no_plan, kPoliceOfficer, "forbidden"},
      {"an auditor", {}, plan_one(), kAuditor, "forbidden"},
      {"an investigator", {}, plan_one(), kInvestigator, "forbidden"},
      {"plan not a slug",
       {},
       with([](auto& c) { c.plan = "HT CT44"; }),
       kInspector,
       "validation_failed plan"},
      {"no such plan",
       {},
       with([](auto& c) { c.plan = "ht-khac"; }),
       kInspector,
       "validation_failed plan"},
      {"id not a slug",
       {},
       with([](auto& c) { c.id = "Insp 1"; }),
       kInspector,
       "validation_failed id"},
      {"id of 48 characters",
       {},
       with([](auto& c) { c.id = std::string(48, 'a'); }),
       kInspector,
       "ok",
       kPolice},
      {"id of 49 characters",
       {},
       with([](auto& c) { c.id = std::string(49, 'a'); }),
       kInspector,
       "validation_failed id"},
      {"no agency",
       {},
       with([](auto& c) { c.agency = ""; }),
       kInspector,
       "validation_failed agency"},
      {"unknown agency",
       {},
       with([](auto& c) { c.agency = "so-y-te"; }),
       kInspector,
       "unknown_agency agency"},
      {"no team", {}, with([](auto& c) { c.team.clear(); }), kInspector, "validation_failed team"},
      {"a blank member",
       {},
       with([](auto& c) { c.team[1] = " \t"; }),
       kInspector,
       "validation_failed team[1]"},
      {"a member twice",
       {},
       with([](auto& c) { c.team[1] = c.team[0]; }),
       kInspector,
       "validation_failed team[1]"},
      {"no scope",
       {},
       with([](auto& c) { c.scope = "\n"; }),
       kInspector,
       "validation_failed scope"},
      {"id taken", taken, plan_one(), kInspector, "conflict id"},
      // The taken id is the last check: a request refused for another reason answers as it
      // would with a fresh id.
      {"id taken, by one who may not plan", taken, plan_one(), kInspectedOfficer, "forbidden"},
      {"id taken, and no scope", taken, with([](auto& c) { c.scope = ""; }), kInspector,
       "validation_failed scope"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const Result<Decision> decided = decide(row.state, row.command, row.caller, kNow, directory);
    CHECK(outcome(decided) == row.expected);
    if (!decided.ok()) continue;
    REQUIRE(decided->size() == 1);
    CHECK(decided->front().stream == "inspection:" + row.command.id);
    CHECK(decided->front().expected_version == 0);
    CHECK(std::get<InspectionPlanned>(decided->front().events.at(0).data).inspecting_agency ==
          row.inspecting);
  }
}

TEST_CASE("inspection: every refusal of a finding or a close, with its code",
          "[core][inspection]") {
  TestDirectory directory = inspection_directory();
  TestLog log(kNow);
  REQUIRE(inspect(log, plan_one(), kInspector, directory).ok());
  const InspectionState planned = log.fold<InspectionState>("inspection:insp-1");
  REQUIRE(inspect(log, kRemedy, kInspector, directory).ok());
  const InspectionState open = log.fold<InspectionState>("inspection:insp-1");  // insp-1-f1 open.
  TestDirectory settled = inspection_directory();
  settled.settle_task("insp-1-f1");
  REQUIRE(inspect(log, kClose, kInspector, settled).ok());
  const InspectionState closed = log.fold<InspectionState>("inspection:insp-1");
  REQUIRE(closed.status == InspectionStatus::kClosed);
  const InspectionState none;
  TestDirectory f1_taken = inspection_directory();
  f1_taken.add_task("insp-1-f1");

  auto remedy_on = [](const char* due) {
    return RecordInspectionFinding{"Thiếu sót", FindingSeverity::kMedium, day(due)};
  };
  struct Row {
    const char* name;
    const InspectionState& state;
    InspectionCommand command;
    Caller caller;
    const Directory& directory;
    std::string expected;
  };
  const std::vector<Row> rows{
      // Existence and visibility: both 404.
      {"a finding on nothing", none, kNote, kInspector, directory, "not_found"},
      {"close nothing", none, kClose, kAdmin, directory, "not_found"},
      {"an officer of another agency", planned, kNote, kOtherOfficer, directory, "not_found"},
      {"an officer of another agency closes", open, kClose, kOtherOfficer, directory, "not_found"},
      {"an officer of the inspecting agency", planned, kNote, kPoliceOfficer, directory,
       "not_found"},
      // Permission: the inspecting agency's coordinators, or an admin.
      {"a finding by the inspector", planned, kNote, kInspector, directory, "ok"},
      {"a finding by an admin", planned, kRemedy, kAdmin, directory, "ok"},
      {"a finding by the inspected agency's officer", planned, kNote, kInspectedOfficer, directory,
       "forbidden"},
      {"a finding by another agency's coordinator", planned, kNote, kOtherCoordinator, directory,
       "forbidden"},
      {"a finding by an auditor", planned, kNote, kAuditor, directory, "forbidden"},
      {"a finding by an investigator", planned, kNote, kInvestigator, directory, "forbidden"},
      {"close by another agency's coordinator", planned, kClose, kOtherCoordinator, directory,
       "forbidden"},
      {"close by the inspected agency's officer", planned, kClose, kInspectedOfficer, directory,
       "forbidden"},
      // Fields.
      {"a finding without text", planned,
       RecordInspectionFinding{" ", FindingSeverity::kLow, std::nullopt}, kInspector, directory,
       "validation_failed text"},
      {"a remedy due before the inspection", planned, remedy_on("2025-05-19"), kInspector,
       directory, "validation_failed remedy_due_on"},
      {"a remedy due on the inspection's day", planned, remedy_on("2025-05-20"), kInspector,
       directory, "ok"},
      {"a close without a conclusion", planned, CloseInspection{""}, kInspector, directory,
       "validation_failed conclusion"},
      // State.
      {"a follow-up whose id is taken", planned, kRemedy, kInspector, f1_taken, "conflict"},
      {"a finding with no remedy, whatever tasks exist", planned, kNote, kInspector, f1_taken,
       "ok"},
      {"close with nothing found", planned, kClose, kInspector, directory, "ok"},
      {"close with a follow-up open", open, kClose, kInspector, directory, "conflict"},
      {"close by an admin with a follow-up open", open, kClose, kAdmin, directory, "conflict"},
      {"close once the follow-up is settled", open, kClose, kInspector, settled, "ok"},
      {"another finding while open", open, kNote, kInspector, directory, "ok"},
      {"a finding on the closed", closed, kNote, kInspector, directory, "conflict"},
      {"a remedy on the closed", closed, kRemedy, kAdmin, settled, "conflict"},
      {"close the closed", closed, kClose, kInspector, settled, "conflict"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const Result<Decision> decided =
        decide(row.state, row.command, row.caller, kNow, row.directory);
    CHECK(outcome(decided) == row.expected);
    if (decided.ok()) {
      CHECK(decided->front().stream == "inspection:insp-1");
      CHECK(decided->front().expected_version == row.state.version);
    }
  }
  const Result<Decision> refused =
      decide(closed, InspectionCommand{kNote}, kInspector, kNow, directory);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "inspection insp-1 is closed");
}

TEST_CASE("inspection: findings are numbered, and bounded", "[core][inspection]") {
  const TestDirectory directory = inspection_directory();
  TestLog log(kNow);
  REQUIRE(inspect(log, plan_one(), kInspector, directory).ok());
  REQUIRE(inspect(log, kNote, kInspector, directory).ok());
  const Result<Decision> second = inspect(log, kRemedy, kInspector, directory);
  REQUIRE(second.ok());
  const auto& finding = std::get<InspectionFindingRecorded>(second->front().events.at(0).data);
  CHECK(finding.number == 2);
  CHECK(finding.follow_up_task == "insp-1-f2");
  CHECK(follow_up_task_id("insp-1", 2) == "insp-1-f2");

  InspectionState full = log.fold<InspectionState>("inspection:insp-1");
  full.findings.resize(kMaxFindingsPerInspection);
  CHECK(outcome(decide(full, InspectionCommand{kNote}, kInspector, kNow, directory)) == "conflict");
  // The longest follow-up id still fits a task id.
  CHECK(follow_up_task_id(std::string(kMaxInspectionIdLength, 'a'), kMaxFindingsPerInspection)
            .size() <= kMaxTaskIdLength);
}

TEST_CASE("inspection: who may see one", "[core][inspection]") {
  TestLog log(kNow);
  REQUIRE(inspect(log, plan_one(), kInspector, inspection_directory()).ok());
  const InspectionState s = log.fold<InspectionState>("inspection:insp-1");
  CHECK(may_see(kInspectedOfficer, s));
  CHECK_FALSE(may_see(kOtherOfficer, s));
  CHECK_FALSE(may_see(kPoliceOfficer, s));
  CHECK(may_see(caller_with(kForeign, {Role::kOfficer, Role::kAuditor}), s));
  CHECK(may_see(kInspector, s));
  CHECK(may_see(kOtherCoordinator, s));
  CHECK(may_see(kAuditor, s));
  CHECK(may_see(kAdmin, s));
}

TEST_CASE("inspection: the state folds again to the same, findings in order",
          "[core][inspection]") {
  TestLog log(kNow);
  const LogDirectory directory(log);
  REQUIRE(inspect(log, plan_one(), kInspector, directory).ok());
  REQUIRE(inspect(log, kRemedy, kInspector, directory).ok());
  REQUIRE(inspect(log, kNote, kInspector, directory).ok());
  const InspectionState s = log.fold<InspectionState>("inspection:insp-1");
  CHECK(s.version == 3);
  CHECK(s.findings.size() == 2);
  CHECK(s.findings[0].by == kInspector.actor());
  InspectionState again;
  for (const RecordedEvent& e : log.stream("inspection:insp-1")) evolve(again, e);
  CHECK(again == s);
}

}  // namespace
}  // namespace mandate::core
