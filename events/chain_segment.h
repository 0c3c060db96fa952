#pragma once

// A run of envelopes outside the store, as an incident export carries them, checked against
// the hash chain they were cut from. Reading them takes Cap'n Proto, which stays in here.

#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "core/result.h"
#include "events/event_view.h"
#include "events/record.h"

namespace mandate::events {

// `envelopes` holds the canonical envelope bytes of each position from `first` on, in order;
// `previous` is the chain hash of position first - 1 (all zeros before the first event).
// Calls fn on each, in order, and returns the chain hash of the last. kCorrupt naming the
// position when an envelope is damaged (not whole words, or unreadable) or is another
// position's; fn's error as it is.
core::Result<Hash> walk_chain_segment(const Hash& previous, uint64_t first,
                                      std::span<const std::string> envelopes,
                                      const std::function<core::Status(const EventView&)>& fn);

}  // namespace mandate::events
