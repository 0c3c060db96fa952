#pragma once

// A stored event as EventStore::scan hands it over, read in place: its place in the log and its
// hash without decoding anything, the whole event when asked. The reader behind it is Cap'n
// Proto's (events/envelope.h, EnvelopeView), which stays inside events/.

#include <cstdint>
#include <string_view>

#include "core/event.h"
#include "core/result.h"
#include "events/record.h"

namespace mandate::events {

// Valid only during the call that hands it over. Not thread-safe.
class EventView {
 public:
  virtual uint64_t position() const = 0;
  virtual uint64_t version() const = 0;
  virtual std::string_view stream() const = 0;
  virtual std::string_view type() const = 0;
  // The chain hash of this event (events/record.h).
  virtual const Hash& hash() const = 0;
  // The canonical envelope bytes that were hashed: what an export carries.
  virtual std::string_view envelope_bytes() const = 0;
  // The whole event as core values. kCorrupt when the body does not decode.
  virtual core::Result<core::RecordedEvent> decode() const = 0;

 protected:
  // Never owned through this interface, so no virtual destructor (Cap'n Proto's reader, inside
  // the implementation, may throw from its own).
  ~EventView() = default;
  EventView() = default;
  EventView(const EventView&) = default;
  EventView& operator=(const EventView&) = default;
};

}  // namespace mandate::events
