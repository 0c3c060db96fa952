#pragma once

// How far apart snapshots are taken and which ones are kept, so that their bytes stay a small
// multiple of the state's however long the log grows. A snapshot holds the whole state, which
// grows with the log: taken every fixed number of events and all kept, their bytes grow with
// the square of the log (about 80 GB beside a 2 GB log at 10,000,000 events,
// docs/performance.md).
//
// The spacing grows with the position (never under `every` events, never more than `kept`
// intervals since position 0), and once more than `kept` are stored the one whose removal
// leaves the shortest gap goes, never the newest: the kept ones spread over the whole log, so
// `as_of` of any past position replays at most about 2 × head ÷ kept events after a snapshot.
// Pure functions, so that the schedule is tested without a store.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mandate::projections {

struct SnapshotSchedule {
  uint64_t every = 50'000;  // The fewest events between two snapshots; 0: no snapshots.
  size_t kept = 20;         // At most this many kept per view; 0: every one is kept.
};

// How many events after a snapshot at `last` the next one is due.
uint64_t snapshot_spacing(const SnapshotSchedule& schedule, uint64_t last);

// The positions to remove from `positions` (ascending, distinct) so that `schedule.kept`
// remain; ascending. Never the newest.
std::vector<uint64_t> snapshots_to_thin(const SnapshotSchedule& schedule,
                                        const std::vector<uint64_t>& positions);

}  // namespace mandate::projections
