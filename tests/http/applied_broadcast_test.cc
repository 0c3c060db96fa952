// The one listener that wakes every GET /v1/views/changes stream (http/applied_broadcast.h):
// a move after a quiet spell wakes at once; moves within an interval of a wake wait for its end,
// and are then told in one wake, never lost; stopping ends the wait at once. A real store and
// real views.

#include "http/applied_broadcast.h"

#include <condition_variable>
#include <mutex>

#include <catch2/catch.hpp>

#include "projections/views.h"
#include "tests/events/store_fixture.h"

namespace mandate::http {
namespace {

void append_one(events::EventStore& store, int i) {
  core::StreamWrite w{core::user_stream("user-" + std::to_string(i)), 0, {}};
  w.events.push_back(core::NewEvent{core::UserRegistered{"user-" + std::to_string(i),
                                                         "Người dùng",
                                                         "",
                                                         {core::Role::kAuditor},
                                                         core::Clearance::kNone},
                                    {}});
  REQUIRE(store.append({w}, events::AppendContext{{"system", ""}, "test", ""}).ok());
}

// Counts the wakes and what the views had applied at the latest.
struct Wakes {
  std::mutex mu;
  std::condition_variable cv;
  int count = 0;
  uint64_t applied = 0;

  // Waits (at most 30 s, a bound for a broken build, not a timing) for a wake that saw `position`.
  bool saw(uint64_t position) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(30), [&] { return applied >= position; });
  }
};

TEST_CASE("the views' moves wake every stream at once after a quiet spell, later in one wake",
          "[http][views]") {
  testing::StoreFixture fixture;
  projections::Views views;
  projections::ProjectionRunner runner(fixture.store(), views.all(), {0});
  runner.start();

  SECTION("an hour's interval: one wake for the first move, none within the hour") {
    Wakes wakes;
    {
      AppliedBroadcast broadcast(runner, std::chrono::hours(1));
      for (int stream = 0; stream < 3; ++stream) {
        broadcast.add([&] {
          std::lock_guard lock(wakes.mu);
          ++wakes.count;
          wakes.applied = runner.applied();
          wakes.cv.notify_all();
        });
      }
      append_one(fixture.store(), 1);
      REQUIRE(wakes.saw(fixture->head().position));
      for (int i = 2; i <= 20; ++i) append_one(fixture.store(), i);
      REQUIRE(runner.wait_applied(fixture->head().position, std::chrono::seconds(30)));
      std::lock_guard lock(wakes.mu);
      CHECK(wakes.count == 3);  // Each of the three streams once; the next wake is an hour away.
    }  // Its destruction ends the hour's wait at once (or this test would last an hour).
  }

  SECTION("a short interval: the moves within it are told in the next wake") {
    Wakes wakes;
    AppliedBroadcast broadcast(runner, std::chrono::milliseconds(1));
    broadcast.add([&] {
      std::lock_guard lock(wakes.mu);
      ++wakes.count;
      wakes.applied = runner.applied();
      wakes.cv.notify_all();
    });
    for (int i = 1; i <= 50; ++i) append_one(fixture.store(), i);
    CHECK(wakes.saw(fixture->head().position));
  }
}

}  // namespace
}  // namespace mandate::http
