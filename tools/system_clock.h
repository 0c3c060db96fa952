#pragma once

#include <chrono>

#include "core/time.h"

namespace mandate::tools {

// The one real clock, handed to everything that needs "now".
inline core::Instant system_clock() {
  return core::Instant{std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count()};
}

}  // namespace mandate::tools
