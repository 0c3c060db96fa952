#pragma once

// The views as the record stood at a past position: fresh views fed the log up to it.

#include <cstdint>

#include "core/result.h"
#include "events/store.h"
#include "projections/views.h"

namespace mandate::projections {

// Feeds `views` (fresh) every event from position 1 through `to`. A value that does not
// decode stops the replay and is reported with its position.
core::Status replay_into(const events::EventStore& store, uint64_t to, Views& views);

}  // namespace mandate::projections
