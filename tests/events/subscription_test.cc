#include "events/subscription.h"

#include <future>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/events/store_fixture.h"

namespace mandate::testing {
namespace {

using namespace std::chrono_literals;

// How long a wake-up that should come at once may take before the test calls it missing. The
// waits below are a day, so only the wake-up under test ends them; this bound turns a missing
// one into a failure rather than a hang, and a working one returns long before it.
constexpr auto kWakeBound = 60s;

struct Delivered {
  std::vector<uint64_t> positions;
  bool failed = false;  // A read answered an error; Catch2 checks it after the thread.
};

TEST_CASE("a subscription delivers every event once, in order, across catch-up and live",
          "[events][subscription]") {
  StoreFixture f;
  constexpr uint64_t kBefore = 50, kLive = 300;
  for (uint64_t i = 0; i < kBefore; ++i) {
    REQUIRE(f->append(one("agency:before", events::kAnyVersion), ctx()).ok());
  }
  events::Subscription sub(f.store(), 1);
  // The reader runs in its own thread and only records; every assertion is on this one.
  auto reader = std::async(std::launch::async, [&] {
    Delivered d;
    while (d.positions.size() < kBefore + kLive) {
      auto batch = sub.next(17, 24h);
      if (!batch.ok()) {
        d.failed = true;
        break;
      }
      if (batch->empty()) break;  // Cancelled: the live events never came.
      for (const auto& e : *batch) d.positions.push_back(e.position);
    }
    return d;
  });
  // Should an assertion below end the test early, the reader's wait ends too: the future
  // joins the reader when it goes.
  struct CancelOnExit {
    events::Subscription& sub;
    ~CancelOnExit() { sub.cancel(); }
  } cancel_on_exit{sub};
  // Each live event is appended while the reader is blocked, having read everything before
  // it: a commit's notification is then the only way the reader learns of it.
  for (uint64_t i = 0; i < kLive; ++i) {
    while (f->waiting() == 0 && reader.wait_for(0s) != std::future_status::ready) {
      std::this_thread::yield();
    }
    REQUIRE(f->append(one("agency:live" + std::to_string(i % 4), events::kAnyVersion), ctx()).ok());
  }
  if (reader.wait_for(kWakeBound) != std::future_status::ready) {
    FAIL_CHECK("the reader was not woken by the commits it waited for");
    sub.cancel();  // A wake of its own: ends the wait so that the reader can be joined.
  }
  const Delivered d = reader.get();
  CHECK_FALSE(d.failed);
  REQUIRE(d.positions.size() == kBefore + kLive);
  for (size_t i = 0; i < d.positions.size(); ++i) CHECK(d.positions[i] == i + 1);
  CHECK(sub.next_position() == kBefore + kLive + 1);
}

TEST_CASE("a subscription starts where it is told", "[events][subscription]") {
  StoreFixture f;
  REQUIRE(f->append(one("agency:a", 0, 10), ctx()).ok());
  events::Subscription sub(f.store(), 8);
  auto batch = sub.next(100, 0ms);
  REQUIRE(batch.ok());
  REQUIRE(batch->size() == 3);
  CHECK(batch->front().position == 8);
}

TEST_CASE("a waiting subscription wakes on cancel", "[events][subscription]") {
  StoreFixture f;
  events::Subscription sub(f.store(), 1);
  auto waiter = std::async(std::launch::async, [&] { return sub.next(10, 24h); });
  // Cancel once the waiter is blocked, so that the flag alone cannot end the wait: only
  // cancel()'s wake-up can.
  while (f->waiting() == 0) std::this_thread::yield();
  sub.cancel();
  if (waiter.wait_for(kWakeBound) != std::future_status::ready) {
    FAIL_CHECK("cancel() did not wake the waiting subscription");
    // A commit's notification ends the wait instead, so that the waiter can be joined.
    REQUIRE(f->append(one("agency:a", events::kAnyVersion), ctx()).ok());
  }
  const auto batch = waiter.get();
  REQUIRE(batch.ok());
  CHECK(batch->empty());
}

}  // namespace
}  // namespace mandate::testing
