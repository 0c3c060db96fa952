#include "events/subscription.h"

#include <catch2/catch.hpp>
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
  std::thread writer([&] {
    for (uint64_t i = 0; i < kLive; ++i) {
      REQUIRE(f->append(one("agency:live" + std::to_string(i % 4), events::kAnyVersion), ctx())
                  .ok());
    }
  });
  std::vector<uint64_t> seen;
  while (seen.size() < kBefore + kLive) {
    // A long wait bounds a broken notification; a working one returns as soon as it commits.
    auto batch = sub.next(17, 30s);
    REQUIRE(batch.ok());
    REQUIRE_FALSE(batch->empty());
    for (const auto& e : *batch) seen.push_back(e.position);
  }
  writer.join();
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
  std::thread canceller([&] { sub.cancel(); });
  auto batch = sub.next(10, 60s);  // Returns at cancel, long before the timeout.
  canceller.join();
  REQUIRE(batch.ok());
  CHECK(batch->empty());
}

}  // namespace
}  // namespace mandate::testing
