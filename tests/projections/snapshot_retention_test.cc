// The snapshot schedule: the spacing grows with the log, at most `kept` snapshots stay, the
// newest always, and what stays covers the whole log without a gap wider than twice the
// spacing, so `as_of` of any position is that close to a snapshot.

#include "projections/snapshot_retention.h"

#include <algorithm>

#include <catch2/catch.hpp>

namespace mandate::projections {
namespace {

// The widest distance from any position to the snapshot at or before it (0 standing for the
// log's start).
uint64_t widest_gap(const std::vector<uint64_t>& kept) {
  uint64_t widest = kept.empty() ? 0 : kept.front();
  for (size_t i = 1; i < kept.size(); ++i) widest = std::max(widest, kept[i] - kept[i - 1]);
  return widest;
}

TEST_CASE("the spacing is the schedule's least, or the position over the number kept",
          "[projections][snapshot]") {
  const SnapshotSchedule schedule{50'000, 20};
  CHECK(snapshot_spacing(schedule, 0) == 50'000);
  CHECK(snapshot_spacing(schedule, 1'000'000) == 50'000);
  CHECK(snapshot_spacing(schedule, 2'000'000) == 100'000);
  CHECK(snapshot_spacing(schedule, 10'000'000) == 500'000);
  CHECK(snapshot_spacing(SnapshotSchedule{50'000, 0}, 10'000'000) == 50'000);
}

TEST_CASE("thinning removes the snapshot whose neighbours are closest, never the newest",
          "[projections][snapshot]") {
  const SnapshotSchedule keep3{10, 3};
  CHECK(snapshots_to_thin(keep3, {10, 20, 30}).empty());
  // 25 leaves a gap of 10 (20 to 30), 20 one of 15: 25 goes.
  CHECK(snapshots_to_thin(keep3, {10, 20, 25, 30}) == std::vector<uint64_t>{25});
  // Equal gaps: the older goes.
  CHECK(snapshots_to_thin(keep3, {10, 20, 30, 40}) == std::vector<uint64_t>{10});
  CHECK(snapshots_to_thin(keep3, {1, 2, 3, 4, 5, 100}) == std::vector<uint64_t>{1, 3, 4});
  CHECK(snapshots_to_thin(SnapshotSchedule{10, 1}, {10, 20, 30}) == std::vector<uint64_t>{10, 20});
  CHECK(snapshots_to_thin(SnapshotSchedule{10, 0}, {10, 20, 30, 40}).empty());
}

TEST_CASE("a decade of snapshots on the schedule stays bounded and spread over the log",
          "[projections][snapshot]") {
  for (const SnapshotSchedule schedule :
       {SnapshotSchedule{50'000, 20}, SnapshotSchedule{10, 3}, SnapshotSchedule{7, 5}}) {
    CAPTURE(schedule.every, schedule.kept);
    std::vector<uint64_t> kept;
    uint64_t head = 0, taken = 0;
    while (head < 200 * schedule.every * schedule.kept) {
      head += snapshot_spacing(schedule, head);
      ++taken;
      kept.push_back(head);
      const auto thinned = snapshots_to_thin(schedule, kept);
      for (const uint64_t at : thinned) std::erase(kept, at);
      REQUIRE(kept.size() <= schedule.kept);
      REQUIRE(kept.back() == head);
      REQUIRE(widest_gap(kept) <= 2 * std::max<uint64_t>(schedule.every, head / schedule.kept));
    }
    // The spacing grows with the log: the snapshots taken grow with its logarithm, not its
    // length (10,000,000 events: 68 taken, where every 50,000 would be 200).
    CHECK(taken < 200 * schedule.kept / 4);
  }
}

}  // namespace
}  // namespace mandate::projections
