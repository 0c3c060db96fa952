#include "events/command_handler.h"

#include <thread>

#include <catch2/catch.hpp>

#include "tests/events/store_fixture.h"

namespace mandate::testing {
namespace counter {

// A minimal aggregate: counts its events and refuses to pass a limit.
struct State {
  uint64_t version = 0;
  int count = 0;
};

void evolve(State& state, const core::RecordedEvent& event) {
  state.version = event.version;
  ++state.count;
}

core::Result<core::Decision> decide(const State& state, std::string_view stream, int limit) {
  if (state.count >= limit) {
    return core::make_error(core::ErrorCode::kConflict, "the counter is full");
  }
  core::StreamWrite w{std::string(stream), state.version, {}};
  w.events.push_back(core::NewEvent{core::TaskProgressReported{"so-tu-phap", "tiến độ", 50}, {}});
  return core::Decision{w};
}

}  // namespace counter

namespace {

const core::Caller kOfficer{"u1", "so-tu-phap", {core::Role::kOfficer}, core::Clearance::kNone};

auto bump(std::string_view stream, int limit = 1'000'000) {
  return [stream, limit](const counter::State& s) { return counter::decide(s, stream, limit); };
}

TEST_CASE("concurrent commands on one stream all land", "[events][command]") {
  StoreFixture f;
  constexpr int kThreads = 8, kEach = 40;
  std::atomic<int> failed{0}, inconsistent{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        auto r = f.commands().execute<counter::State>("task:c", kOfficer, {}, bump("task:c"));
        if (!r.ok()) {
          ++failed;
        } else if (r->state.version != r->append.stream_versions[0].second) {
          ++inconsistent;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failed == 0);
  CHECK(inconsistent == 0);
  auto state = events::load_state<counter::State>(f.store(), "task:c");
  REQUIRE(state.ok());
  CHECK(state->count == kThreads * kEach);
}

TEST_CASE("If-Match that does not match appends nothing", "[events][command]") {
  StoreFixture f;
  REQUIRE(f.commands().execute<counter::State>("task:c", kOfficer, {}, bump("task:c")).ok());
  events::CommandOptions options;
  options.if_match = 0;
  auto r = f.commands().execute<counter::State>("task:c", kOfficer, options, bump("task:c"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == core::ErrorCode::kVersionConflict);
  CHECK(f->head().position == 1);
  options.if_match = 1;
  auto ok = f.commands().execute<counter::State>("task:c", kOfficer, options, bump("task:c"));
  REQUIRE(ok.ok());
  CHECK(ok->state.count == 2);
}

TEST_CASE("a refused decision appends nothing and carries core's error", "[events][command]") {
  StoreFixture f;
  REQUIRE(f.commands().execute<counter::State>("task:c", kOfficer, {}, bump("task:c", 1)).ok());
  auto r = f.commands().execute<counter::State>("task:c", kOfficer, {}, bump("task:c", 1));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == core::ErrorCode::kConflict);
  CHECK(f->head().position == 1);
}

TEST_CASE("a repeated idempotent command answers as the first did", "[events][command]") {
  StoreFixture f;
  events::CommandOptions options;
  options.idempotency = events::IdempotencyKey{"u1/key", "fingerprint"};
  auto first = f.commands().execute<counter::State>("task:c", kOfficer, options, bump("task:c", 1));
  REQUIRE(first.ok());
  // The counter is full now: deciding again would be refused, but a repeat is not decided.
  auto again = f.commands().execute<counter::State>("task:c", kOfficer, options, bump("task:c", 1));
  REQUIRE(again.ok());
  CHECK(again->append.replayed);
  CHECK(again->append.last_position == first->append.last_position);
  CHECK(again->state.count == 1);
  CHECK(f->head().position == 1);
}

TEST_CASE("a command decides on every event of its stream, however it was appended",
          "[events][command]") {
  StoreFixture f;
  REQUIRE(f.commands().execute<counter::State>("task:c", kOfficer, {}, bump("task:c")).ok());
  // Appended past the command handler: the state a command kept does not know of it.
  REQUIRE(f->append(one("task:c", 1), ctx()).ok());
  auto third = f.commands().execute<counter::State>("task:c", kOfficer, {}, bump("task:c"));
  REQUIRE(third.ok());
  CHECK(third->state.version == 3);
  CHECK(third->state.count == 3);
  // A refusal after the cap sees all three, too.
  auto full = f.commands().execute<counter::State>("task:c", kOfficer, {}, bump("task:c", 3));
  REQUIRE_FALSE(full.ok());
  CHECK(full.error().code == core::ErrorCode::kConflict);
}

TEST_CASE("states kept by a handler belong to its store", "[events][command]") {
  StoreFixture busy, fresh;
  for (int i = 0; i < 3; ++i) {
    REQUIRE(busy.commands().execute<counter::State>("task:c", kOfficer, {}, bump("task:c")).ok());
  }
  // The same stream name in another store starts from nothing.
  auto other = fresh.commands().execute<counter::State>("task:c", kOfficer, {}, bump("task:c"));
  REQUIRE(other.ok());
  CHECK(other->state.count == 1);
  // The same directory opened again is another store, read from disk.
  busy.reopen();
  auto reopened = busy.commands().execute<counter::State>("task:c", kOfficer, {}, bump("task:c"));
  REQUIRE(reopened.ok());
  CHECK(reopened->state.count == 4);
}

TEST_CASE("the store directory knows agencies and tasks by their streams", "[events][command]") {
  StoreFixture f;
  REQUIRE(f->append(one("agency:so-tu-phap", 0), ctx()).ok());
  REQUIRE(f->append(one("agency:cong-an-tinh", 0, 3), ctx()).ok());
  REQUIRE(f->append(one("agency-x:other", 0), ctx()).ok());
  REQUIRE(f->append(one("task:la-training", 0), ctx()).ok());
  events::StoreDirectory directory(f.commands());
  CHECK(directory.agencies() == std::vector<std::string>{"cong-an-tinh", "so-tu-phap"});
  CHECK(directory.agency_exists("so-tu-phap"));
  CHECK_FALSE(directory.agency_exists("so-noi-vu"));
  CHECK(directory.task_exists("la-training"));
  CHECK_FALSE(directory.task_exists("la-other"));
}

core::Decision task_events(const std::string& id, uint64_t expected,
                           std::vector<core::EventData> events) {
  core::StreamWrite w{core::task_stream(id), expected, {}};
  for (auto& e : events) w.events.push_back(core::NewEvent{std::move(e), {}});
  return core::Decision{w};
}

TEST_CASE("the store directory calls a task settled once approved or cancelled",
          "[events][command]") {
  StoreFixture f;
  events::StoreDirectory directory(f.commands());
  core::TaskAssigned assigned;
  assigned.id = "insp-1-f1";
  assigned.lead = "so-tu-phap";
  assigned.focal_agency = "cong-an-tinh";
  REQUIRE(f->append(task_events("insp-1-f1", 0,
                                {assigned, core::TaskAcknowledged{"so-tu-phap", 1},
                                 core::TaskSubmitted{"so-tu-phap", 1, "xong", {{"1/BC", ""}}}}),
                    ctx())
              .ok());
  CHECK(directory.task_exists("insp-1-f1"));
  CHECK_FALSE(directory.task_settled("insp-1-f1"));  // Submitted, not approved.
  CHECK_FALSE(directory.task_settled("insp-1-f9"));  // No such task.
  REQUIRE(f->append(task_events("insp-1-f1", 3, {core::TaskApproved{1, "", ""}}), ctx()).ok());
  CHECK(directory.task_settled("insp-1-f1"));

  assigned.id = "insp-1-f2";
  REQUIRE(f->append(task_events("insp-1-f2", 0, {assigned}), ctx()).ok());
  CHECK_FALSE(directory.task_settled("insp-1-f2"));
  REQUIRE(f->append(task_events("insp-1-f2", 1, {core::TaskCancelled{"trùng"}}), ctx()).ok());
  CHECK(directory.task_settled("insp-1-f2"));
}

}  // namespace
}  // namespace mandate::testing
