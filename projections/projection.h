#pragma once

// A projection turns the log into a view. It is fed every event in log order, exactly once,
// by a ProjectionRunner, and never writes to the log.

#include <cstdint>

#include "core/event.h"

namespace mandate::projections {

class Projection {
 public:
  virtual ~Projection() = default;
  // Folds one event. Called with positions 1, 2, 3, ... without gaps, under the runner's
  // exclusive lock: readers of the view hold the shared lock (ProjectionRunner::read).
  virtual void apply(const core::RecordedEvent& event) = 0;
};

}  // namespace mandate::projections
