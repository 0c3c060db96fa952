#include "projections/snapshot_retention.h"

#include <algorithm>
#include <limits>

namespace mandate::projections {

uint64_t snapshot_spacing(const SnapshotSchedule& schedule, uint64_t last) {
  if (schedule.kept == 0) return schedule.every;
  return std::max<uint64_t>(schedule.every, last / schedule.kept);
}

std::vector<uint64_t> snapshots_to_thin(const SnapshotSchedule& schedule,
                                        const std::vector<uint64_t>& positions) {
  std::vector<uint64_t> remaining = positions;
  std::vector<uint64_t> thinned;
  if (schedule.kept == 0) return thinned;
  // The newest stays (a restart loads it); each round removes the older one whose neighbours
  // are closest, position 0 standing for the log's start (the oldest of two equal gaps goes).
  // Rounds are few: one per snapshot taken once the count is reached.
  while (remaining.size() > std::max<size_t>(schedule.kept, 1)) {
    size_t drop = 0;
    uint64_t narrowest = std::numeric_limits<uint64_t>::max();
    for (size_t i = 0; i + 1 < remaining.size(); ++i) {
      const uint64_t before = i == 0 ? 0 : remaining[i - 1];
      const uint64_t gap = remaining[i + 1] - before;
      if (gap < narrowest) {
        narrowest = gap;
        drop = i;
      }
    }
    thinned.push_back(remaining[drop]);
    remaining.erase(remaining.begin() + static_cast<std::ptrdiff_t>(drop));
  }
  std::sort(thinned.begin(), thinned.end());
  return thinned;
}

}  // namespace mandate::projections
