#pragma once

// Template definitions for events/envelope.h.

#include <kj/exception.h>

namespace mandate::events {

template <typename Fn>
core::Status with_event_view(uint64_t position, std::string_view value, AlignedScratch& scratch,
                             Fn&& fn) {
  auto parts = split_record(value);
  if (!parts.ok()) return corrupt_at(position, parts.error().message);
  try {
    EnvelopeView view(parts->hash, scratch.align(parts->envelope));
    if (view.position() != position) {
      return corrupt_at(position, "envelope says position " + std::to_string(view.position()));
    }
    return fn(static_cast<const EnvelopeView&>(view));
  } catch (const kj::Exception& e) {
    return corrupt_at(position, e.getDescription().cStr());
  }
}

}  // namespace mandate::events
