#pragma once

// Snapshots of projections beside the log, each projection in its own column family
// "view:<name>" (docs/storage.md):
//   "s" ‖ position (8 bytes, big-endian) -> header ‖ state   one per snapshot kept
//   "k" ‖ position (8 bytes, big-endian) -> ""               the same positions, small
//   "checkpoint"                         -> position (8)     the newest snapshot
//   "marked"                             -> ""               every snapshot has its "k" key
// The header holds a format version, the projection's shape fingerprint and the position, so
// a snapshot another build wrote, or a damaged one, is passed over and the projection replays
// the log instead. Snapshots are kept, not replaced, and thinned (snapshot_retention.h):
// `as_of` starts from the nearest one. The "k" keys list them without reading a snapshot:
// RocksDB reads a blob as its iterator passes it.
//
// Snapshots are derived data: written without the write-ahead log and flushed at once, and
// never needed for correctness, only for speed.
//
// Thread-safety: all methods may be called from any thread.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "events/store.h"
#include "projections/projection.h"
#include "projections/snapshot_retention.h"

namespace mandate::projections {

// The column family that holds a projection's snapshots.
std::string snapshot_family(std::string_view projection_name);

class SnapshotStore {
 public:
  // `store` must outlive this.
  explicit SnapshotStore(const events::EventStore& store) : store_(store) {}

  // Saves the projection's state as it stands after `position`.
  core::Status save(const Projection& projection, uint64_t position) const;

  // save() in two steps, so that the state is read only while it is held still and written
  // to disk after: the snapshot's bytes, then storing them.
  static std::string encode(const Projection& projection, uint64_t position);
  core::Status save_encoded(const Projection& projection, uint64_t position,
                            const std::string& encoded) const;

  // Replaces the projection's state with its newest usable snapshot at or before `position`
  // and returns that snapshot's position; when there is none, clears it and returns 0.
  core::Result<uint64_t> load(Projection& projection, uint64_t position) const;

  // load() for each projection, side by side on threads of their own (the projections are
  // independent, and a restart waits for the slowest): what load() answered for each.
  std::vector<core::Result<uint64_t>> load_each(const std::vector<Projection*>& projections,
                                                uint64_t position) const;

  // The positions of the projection's snapshots, ascending. A family without "marked" (written
  // before the "k" keys existed) gains its markers here, once, by a pass over its snapshots.
  core::Result<std::vector<uint64_t>> positions(const Projection& projection) const;

  // Removes the snapshots `schedule` no longer keeps (snapshot_retention.h); returns how many.
  core::Result<size_t> thin(const Projection& projection, const SnapshotSchedule& schedule) const;

  // The position of the newest snapshot (0: none).
  core::Result<uint64_t> checkpoint(const Projection& projection) const;

  // Removes every snapshot of the projection (they are derived data: the log stays whole), for
  // snapshots found to disagree with a rebuild.
  core::Status discard(const Projection& projection) const;

 private:
  const events::EventStore& store_;
};

}  // namespace mandate::projections
