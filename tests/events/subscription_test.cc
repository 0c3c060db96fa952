#include "events/subscription.h"

#include <catch2/catch.hpp>
#include <atomic>
#include <optional>
#include <thread>

#include "tests/events/store_fixture.h"

namespace mandate::testing {
namespace {

using namespace std::chrono_literals;

TEST_CASE("a subscription delivers every event once, in order, across catch-up and live",
          "[events][subscription]") {
  StoreFixture f;
  constexpr uint64_t kBefore = 50, kLive = 300;
  for (uint64_t i = 0; i < kBefore; ++i) {
    REQUIRE(f->append(one("agency:before", events::kAnyVersion), ctx()).ok());
  }
  events::Subscription sub(f.store(), 1);
  std::atomic<int> failed_appends{0};  // Checked after the join: no assertion in a thread.
  std::thread writer([&] {
    for (uint64_t i = 0; i < kLive; ++i) {
      if (!f->append(one("agency:live" + std::to_string(i % 4), events::kAnyVersion), ctx())
               .ok()) {
        ++failed_appends;
      }
    }
  });
  std::vector<uint64_t> seen;
  while (seen.size() < kBefore + kLive) {
    // Only a commit's notification ends this wait: were it broken, the test would hang until
    // the suite's timeout fails it (a timeout here would hide it, reading on after the wait).
    auto batch = sub.next(17, 24h);
    REQUIRE(batch.ok());
    REQUIRE_FALSE(batch->empty());
    for (const auto& e : *batch) seen.push_back(e.position);
  }
  writer.join();
  CHECK(failed_appends == 0);
  for (size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == i + 1);
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
  // The wait is a day: only cancel()'s wake-up ends it. Without it the test hangs until the
  // suite's timeout fails it.
  std::optional<core::Result<std::vector<core::RecordedEvent>>> batch;
  std::thread waiter([&] { batch = sub.next(10, 24h); });
  // Cancel once the waiter is blocked, so that the flag alone cannot end the wait.
  while (f->waiting() == 0) std::this_thread::yield();
  sub.cancel();
  waiter.join();
  REQUIRE(batch.has_value());
  REQUIRE(batch->ok());
  CHECK((*batch)->empty());
}

}  // namespace
}  // namespace mandate::testing
