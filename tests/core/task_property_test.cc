// Random command sequences over one task, with invariants checked after every step. The seed is
// printed; set MANDATE_PROPERTY_SEED to replay a failure.

#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/task.h"
#include "tests/core/task_fixture.h"

namespace mandate::core::testing {
namespace {

constexpr uint32_t kDefaultSeed = 20240920;
constexpr int kSequences = 2000;
constexpr int kStepsPerSequence = 25;

uint32_t seed() {
  const char* text = std::getenv("MANDATE_PROPERTY_SEED");
  return text != nullptr ? static_cast<uint32_t>(std::strtoul(text, nullptr, 10)) : kDefaultSeed;
}

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(below(static_cast<int>(items.size())))];
  }

  std::string text() { return chance(85) ? "ghi chú " + std::to_string(below(5)) : " "; }

  std::vector<std::string> agencies() {
    static const std::vector<std::string> kPool{kLead,      kJustice, kForeign,     kFinance,
                                                kCommittee, "*",      "so-khong-co"};
    std::vector<std::string> out;
    for (int n = below(4); n > 0; --n) out.push_back(pick(kPool));
    return out;
  }

  TaskCommand command(const TaskState& state) {
    switch (below(16)) {
      case 0:
      case 1:
      case 2:
        return AcknowledgeTask{};
      case 3:
      case 4:
        return ReportProgress{text(),
                              chance(70) ? std::optional<uint32_t>(below(120)) : std::nullopt};
      case 5:
      case 6:
      case 7: {
        SubmitTask c{text(), {}};
        for (int n = below(3) + (chance(80) ? 1 : 0); n > 0; --n) {
          c.evidence.push_back(Evidence{chance(90) ? "CV-" + std::to_string(below(9)) : "", "t"});
        }
        return c;
      }
      case 8:
      case 9:
        return ApproveTask{text()};
      case 10:
      case 11:
        return ReturnTask{text()};
      case 12:
        return ExtendTask{Date{state.due_on.value_or(Date{20000}).days + below(60) - 10}, text()};
      case 13:
      case 14: {
        ReviseTask c;
        if (chance(50)) c.description = "mô tả " + std::to_string(below(3));
        if (chance(60)) c.coordinators = agencies();
        return c;
      }
      default:
        return CancelTask{chance(30) ? text() : " "};  // Mostly refused: sequences live longer.
    }
  }

  Caller caller(const TaskCommand& command) {
    static const std::vector<Caller> kAnyone{
        officer(kLead),
        officer(kJustice),
        officer(kForeign),
        officer(kFinance),
        officer(""),
        coordinator(kLead),
        coordinator(kFinance),
        admin(),
        auditor(),
        approver(kCommittee),
        caller_with(kJustice, {Role::kOfficer, Role::kCoordinator})};
    static const std::vector<Caller> kWorkers{officer(kLead), officer(kLead), officer(kJustice),
                                              officer(kForeign), officer(kFinance)};
    static const std::vector<Caller> kCoordinators{coordinator(kLead), admin()};
    if (chance(25)) return pick(kAnyone);
    const bool agency_command = std::holds_alternative<AcknowledgeTask>(command) ||
                                std::holds_alternative<ReportProgress>(command) ||
                                std::holds_alternative<SubmitTask>(command);
    return agency_command ? pick(kWorkers) : pick(kCoordinators);
  }

 private:
  std::mt19937 rng_;
};

template <typename E>
int count_of(const std::vector<RecordedEvent>& events) {
  int n = 0;
  for (const RecordedEvent& e : events) n += std::holds_alternative<E>(e.data) ? 1 : 0;
  return n;
}

// The invariants that hold after every step.
void check_invariants(const TestLog& log, const TaskState& state) {
  const std::vector<RecordedEvent> events = log.stream(kTaskStream);
  // Versions are 1, 2, 3, ... and the state has seen them all.
  for (size_t i = 0; i < events.size(); ++i) REQUIRE(events[i].version == i + 1);
  REQUIRE(state.version == events.size());
  // Folding everything again gives the state built step by step.
  REQUIRE(log.fold<TaskState>(kTaskStream) == state);
  // Submissions are counted, and numbered 1, 2, 3, ...
  REQUIRE(count_of<TaskSubmitted>(events) == static_cast<int>(state.submissions));
  uint32_t last_submitted = 0;
  bool latest_approved = false;
  for (const RecordedEvent& e : events) {
    if (const auto* s = std::get_if<TaskSubmitted>(&e.data)) {
      REQUIRE(s->submission == ++last_submitted);
      REQUIRE(s->agency == state.lead);
      latest_approved = false;
    } else if (const auto* a = std::get_if<TaskApproved>(&e.data)) {
      REQUIRE(a->submission == last_submitted);
      REQUIRE(last_submitted > 0);
      latest_approved = true;
    }
  }
  // Nothing is approved unless the latest submission was.
  for (const Assignment& a : state.assignments) {
    if (a.status == AssignmentStatus::kApproved) REQUIRE(latest_approved);
    if (a.status == AssignmentStatus::kSubmitted) REQUIRE(a.role == AgencyRoleOnTask::kLead);
    if (state.cancelled) REQUIRE(a.status == AssignmentStatus::kCancelled);
    REQUIRE(a.acknowledged_revision <= state.revision);
  }
  REQUIRE(count_of<TaskApproved>(events) <= 1);
  REQUIRE(count_of<TaskCancelled>(events) <= 1);
  // The lead is always first, and always there.
  REQUIRE_FALSE(state.assignments.empty());
  REQUIRE(state.assignments.front().agency == state.lead);
  REQUIRE(state.revision == 1u + count_of<TaskExtended>(events) + count_of<TaskRevised>(events));
}

TEST_CASE("random command sequences keep a task's invariants", "[core][task][property]") {
  const uint32_t s = seed();
  std::cout << "task property test seed: " << s << " (MANDATE_PROPERTY_SEED)" << std::endl;
  Generator gen(s);
  const TestDirectory directory = task_directory();
  std::map<std::string, int> accepted;
  int refused = 0;

  for (int sequence = 0; sequence < kSequences; ++sequence) {
    TestLog log;
    TaskState state = task_after(log, {});
    for (int step = 0; step < kStepsPerSequence; ++step) {
      const TaskCommand command = gen.command(state);
      const Caller caller = gen.caller(command);
      const size_t logged = log.all().size();
      Result<Decision> result = decide(state, command, caller, log.clock(), directory);
      INFO("seed " << s << ", sequence " << sequence << ", step " << step << ", command #"
                   << command.index() << " by " << caller.user << ": " << describe(result));
      if (!result.ok()) {
        ++refused;
        REQUIRE(log.all().size() == logged);
        continue;
      }
      REQUIRE(result->size() == 1);
      const StreamWrite& write = result->front();
      REQUIRE(write.stream == kTaskStream);
      REQUIRE(write.expected_version == state.version);
      REQUIRE(write.events.size() == 1);
      REQUIRE(log.append(*result, caller));
      for (size_t i = logged; i < log.all().size(); ++i) {
        const RecordedEvent& e = log.all()[i];
        REQUIRE(e.version == state.version + 1);
        evolve(state, e);
        ++accepted[event_type_name(e.data)];
      }
      check_invariants(log, state);
    }
  }

  // The generator reached every kind of event, so the invariants were tested on all of them.
  for (const char* type :
       {"task.acknowledged", "task.progress_reported", "task.submitted", "task.approved",
        "task.returned", "task.extended", "task.revised", "task.cancelled"}) {
    INFO(type);
    CHECK(accepted[type] > 0);
  }
  CHECK(refused > 0);
}

}  // namespace
}  // namespace mandate::core::testing
