// The task view's indexes and counts, kept as the events are applied, held against the answers
// found the slow way (by walking every task, written out here again on purpose) over a
// generated history, at many points of it, for many callers and days; and again after a
// snapshot is loaded, which rebuilds them.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/access.h"
#include "core/task.h"
#include "projections/inbox.h"
#include "projections/overdue.h"
#include "projections/phase_status.h"
#include "projections/views.h"
#include "tests/support/history_generator.h"
#include "tests/support/temp_dir.h"

namespace mandate::projections {
namespace {

constexpr uint64_t kEvents = 30'000;
constexpr uint32_t kSeed = 20261204;

// (phase key or "", agency) -> the figures, found by walking every task.
using Table = std::map<std::pair<std::string, std::string>, AgencyProgress>;

Table walk_every_task(const Views& views, const core::Caller& caller, const std::string& plan,
                      int year, core::Date on) {
  using S = core::AssignmentStatus;
  Table table;
  for (const auto& [id, task] : views.tasks.all()) {
    if (task.plan != plan || !core::may_see_task(caller, task)) continue;
    if (task.kind == core::TaskKind::kOnEvent || task.kind == core::TaskKind::kRule) continue;
    if (task.occurrence_year && *task.occurrence_year != year) continue;
    for (const auto& a : task.assignments) {
      if (core::confined_to_own_agency(caller) && a.agency != caller.agency) continue;
      AgencyProgress& p = table[{task.phase.value_or(""), a.agency}];
      ++p.assigned;
      p.unacknowledged += a.status == S::kAssigned;
      p.acknowledged += a.status == S::kAcknowledged;
      p.in_progress += a.status == S::kInProgress;
      p.submitted += a.status == S::kSubmitted;
      p.approved += a.status == S::kApproved;
      p.cancelled += a.status == S::kCancelled;
      p.overdue += a.status != S::kApproved && a.status != S::kCancelled &&
                   core::is_assignment_overdue(task, a, on);
    }
  }
  return table;
}

// The same figures as phase_status() answers them, for phases the plan has (and the standing
// tasks).
Table answered(const Views& views, const core::Caller& caller, const std::string& plan, int year,
               core::Date on) {
  Moment m;
  m.on = on;
  ViewQuery query{plan, "", year};
  auto status = phase_status(views, caller, query, m);
  REQUIRE(status.ok());
  Table table;
  for (const auto& phase : status->phases) {
    for (const auto& row : phase.agencies) table[{phase.key.value_or(""), row.agency}] = row;
  }
  return table;
}

// Only the phases the plan has count in phase_status; the walk counts every phase key.
Table in_plan_phases(const Views& views, const std::string& plan, Table table) {
  std::set<std::string> keys{""};
  for (const auto& p : views.plans.find(plan)->phases) keys.insert(p.key);
  std::erase_if(table, [&](const auto& row) { return !keys.count(row.first.first); });
  return table;
}

void check_same(const Table& expected, const Table& actual) {
  REQUIRE(expected.size() == actual.size());
  for (const auto& [key, e] : expected) {
    INFO("phase " << key.first << ", agency " << key.second);
    const auto it = actual.find(key);
    REQUIRE(it != actual.end());
    const AgencyProgress& a = it->second;
    CHECK(a.assigned == e.assigned);
    CHECK(a.unacknowledged == e.unacknowledged);
    CHECK(a.acknowledged == e.acknowledged);
    CHECK(a.in_progress == e.in_progress);
    CHECK(a.submitted == e.submitted);
    CHECK(a.approved == e.approved);
    CHECK(a.cancelled == e.cancelled);
    CHECK(a.overdue == e.overdue);
  }
}

std::vector<std::string> overdue_ids(const Views& views, const core::Caller& caller,
                                     core::Date on) {
  Moment m;
  m.on = on;
  auto answer = overdue(views, caller, ViewQuery{}, m);
  REQUIRE(answer.ok());
  std::vector<std::string> ids;
  for (const auto& t : answer->tasks) ids.push_back(t.task);
  return ids;
}

std::vector<std::string> overdue_ids_walked(const Views& views, const core::Caller& caller,
                                            core::Date on) {
  std::vector<const core::TaskState*> late;
  for (const auto& [id, task] : views.tasks.all()) {
    if (core::may_see_task(caller, task) && core::is_overdue(task, on)) late.push_back(&task);
  }
  std::stable_sort(late.begin(), late.end(),
                   [](const auto* a, const auto* b) { return a->due_on < b->due_on; });
  std::vector<std::string> ids;
  for (const auto* t : late) ids.push_back(t->id);
  return ids;
}

struct Totals {
  int counted = 0, overdue = 0, late_tasks = 0;
};

// Every figure of every plan, year and day, for an admin and for an officer of each agency.
void check_everything(const Views& views, Totals& totals) {
  std::set<std::string> agencies;
  for (const auto& [id, task] : views.tasks.all()) {
    for (const auto& a : task.assignments) agencies.insert(a.agency);
  }
  std::vector<core::Caller> callers{
      {"admin", "", {core::Role::kAdmin}, core::Clearance::kTopSecret}};
  for (const auto& agency : agencies) {
    callers.push_back({"officer", agency, {core::Role::kOfficer}, core::Clearance::kSecret});
  }
  const std::vector<core::Date> days{
      core::date_from_civil(2025, 1, 1), core::date_from_civil(2025, 9, 30),
      core::date_from_civil(2026, 12, 31), core::date_from_civil(2031, 1, 1)};
  for (const auto& [plan, state] : views.plans.all()) {
    for (const int year : {2024, 2025, 2026}) {
      for (const auto& day : days) {
        for (const auto& caller : callers) {
          INFO("plan " << plan << ", year " << year << ", day " << day.days << ", agency "
                       << caller.agency);
          const Table expected =
              in_plan_phases(views, plan, walk_every_task(views, caller, plan, year, day));
          check_same(expected, answered(views, caller, plan, year, day));
          for (const auto& [key, row] : expected) {
            totals.counted += row.assigned;
            totals.overdue += row.overdue;
          }
        }
      }
    }
  }
  for (const auto& day : days) {
    for (const auto& caller : {callers.front(), callers.back()}) {
      const auto ids = overdue_ids_walked(views, caller, day);
      CHECK(overdue_ids(views, caller, day) == ids);
      totals.late_tasks += static_cast<int>(ids.size());
    }
  }
  // The plan and agency indexes hold exactly the tasks a walk finds, in id order.
  for (const auto& [plan, state] : views.plans.all()) {
    std::vector<std::string_view> walked;
    for (const auto& [id, task] : views.tasks.all()) {
      if (task.plan == plan) walked.push_back(id);
    }
    const auto& indexed = views.tasks.of_plan(plan);
    CHECK(std::vector<std::string_view>(indexed.begin(), indexed.end()) == walked);
  }
  for (const auto& agency : agencies) {
    std::vector<std::string_view> walked;
    for (const auto& [id, task] : views.tasks.all()) {
      if (core::find_assignment(task, agency) != nullptr) walked.push_back(id);
    }
    const auto& indexed = views.tasks.of_agency(agency);
    CHECK(std::vector<std::string_view>(indexed.begin(), indexed.end()) == walked);
  }
}

TEST_CASE("the task view's counts and indexes equal a walk over every task, kept and restored",
          "[projections][generated]") {
  testing::TempDir dir;
  events::StoreOptions options;
  options.path = dir.sub("log");
  options.clock = testing::HistoryGenerator::clock();
  options.sync = false;  // Durability is not what this test is about.
  options.extra_column_families = Views::column_families();
  auto store = events::EventStore::open(options);
  REQUIRE(store.ok());
  testing::HistoryGenerator generator(**store, kSeed, MANDATE_PLANS_DIR);

  // Checked at points through the history, as the counts were kept event by event.
  Totals totals, last;
  for (const uint64_t upto : {uint64_t{2'000}, uint64_t{10'000}, kEvents}) {
    REQUIRE(generator.run(upto).ok());
    last = Totals{};
    check_everything(generator.views(), last);
    totals.counted += last.counted;
    totals.overdue += last.overdue;
    totals.late_tasks += last.late_tasks;
  }
  // The history gives the comparison something to count: assignments, late ones, late tasks.
  CHECK(totals.counted > 10'000);
  CHECK(totals.overdue > 100);
  CHECK(totals.late_tasks > 10);

  // Loading a snapshot rebuilds the indexes from the states alone.
  Views restored;
  const auto copy = [](const Projection& from, Projection& into) {
    snapshot::Writer out;
    from.save(out);
    const std::string bytes = out.take();
    snapshot::Reader in(bytes);
    REQUIRE(into.load(in));
  };
  copy(generator.views().plans, restored.plans);
  copy(generator.views().tasks, restored.tasks);
  Totals again;
  check_everything(restored, again);
  CHECK(again.counted == last.counted);
  CHECK(again.overdue == last.overdue);
  CHECK(again.late_tasks == last.late_tasks);
}

}  // namespace
}  // namespace mandate::projections
