#pragma once

// A projection turns the log into a view. It is fed every event in log order, exactly once,
// by a ProjectionRunner, and never writes to the log. Its state can be saved to and loaded
// from a snapshot (projections/snapshot_store.h), so a restart resumes where it left off.

#include <cstdint>
#include <string_view>

#include "core/event.h"
#include "projections/snapshot_codec.h"

namespace mandate::projections {

class Projection {
 public:
  virtual ~Projection() = default;

  // Stable across releases: it names the projection's column family.
  virtual std::string_view name() const = 0;

  // False for a stream none of whose events can change this projection: a replay that serves
  // only some projections does not even decode such events.
  virtual bool follows(std::string_view stream) const = 0;

  // Folds one event. Called with positions 1, 2, 3, ... without gaps, under the runner's
  // exclusive lock: readers of the view hold the shared lock (ProjectionRunner::read).
  virtual void apply(const core::RecordedEvent& event) = 0;

  // Back to the state before any event.
  virtual void clear() = 0;
  // The whole state. Equal states write equal bytes.
  virtual void save(snapshot::Writer& out) const = 0;
  // Replaces the state with one save() wrote; false (and a state to clear()) when malformed.
  virtual bool load(snapshot::Reader& in) = 0;
  // Changes whenever save()'s encoding would (snapshot::shape_fingerprint of the state).
  virtual uint64_t shape() const = 0;
};

}  // namespace mandate::projections
