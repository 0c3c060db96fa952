#pragma once

// A fixed value of every event type, for the tests that pin what an event looks like outside
// the process: its canonical bytes (tests/events/golden/) and its API JSON (tests/http/golden/).
// Changing a sample changes those fixtures, so samples only ever gain alternatives.

#include <vector>

#include "core/event.h"

namespace mandate::testing {

// One value per EventData alternative, in the variant's order: every field holds something
// other than its default (texts non-empty, lists of two, optionals present, enums not the first
// value), so that a field dropped or misnamed anywhere shows.
std::vector<core::EventData> full_event_samples();

// One value per alternative, in the variant's order: every text empty, every list empty, every
// optional absent (what the JSON renders as null or leaves out).
std::vector<core::EventData> sparse_event_samples();

}  // namespace mandate::testing
