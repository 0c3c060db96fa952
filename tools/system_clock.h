#pragma once

#include <chrono>
#include <functional>

#include "core/time.h"

namespace mandate::tools {

// The one real clock, handed to everything that needs "now".
inline core::Instant system_clock() {
  return core::Instant{std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count()};
}

// The real clock moved to start at `start` (mandate serve --clock-start): it runs at the real
// pace from there, for rehearsals and tests of what happens at a time (a year's first day).
inline std::function<core::Instant()> clock_starting_at(core::Instant start) {
  const int64_t offset = start.micros - system_clock().micros;
  return [offset] { return core::Instant{system_clock().micros + offset}; };
}

}  // namespace mandate::tools
