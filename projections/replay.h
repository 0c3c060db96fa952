#pragma once

// The views as the record stood at a past position: fresh views brought to it from the
// nearest snapshots, or rebuilt from position 1.

#include <cstdint>

#include "core/result.h"
#include "events/store.h"
#include "projections/views.h"

namespace mandate::projections {

struct Replayed {
  uint64_t from_snapshot = 0;  // The oldest snapshot a projection started from (0: none).
  uint64_t events = 0;         // Events decoded and applied after it.
};

// Brings `views` (fresh) to position `to`: each projection starts from its newest snapshot at
// or before `to` (when the store has its snapshot family) and the log is replayed from there.
// A value that does not decode stops the replay and is reported with its position.
core::Result<Replayed> replay_into(const events::EventStore& store, uint64_t to, Views& views);
// The same for some projections only (fresh); events of streams none of them follows are
// skipped undecoded.
core::Result<Replayed> replay_into(const events::EventStore& store, uint64_t to,
                                   const std::vector<Projection*>& projections);

// The same from position 1, ignoring snapshots: what `rebuild` answers and the tests hold
// snapshots against.
core::Result<Replayed> rebuild_into(const events::EventStore& store, uint64_t to, Views& views);

}  // namespace mandate::projections
