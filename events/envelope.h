#pragma once

// The envelope around every payload: building one for a new event, and reading a stored one
// in place.

#include <cstdint>
#include <string>
#include <string_view>

#include <capnp/message.h>
#include <kj/array.h>

#include "core/event.h"
#include "core/result.h"
#include "events/append_context.h"
#include "events/event_view.h"
#include "events/record.h"
#include "events/schema/envelope.capnp.h"

namespace mandate::events {

// A new event's envelope, built in the appending thread so that the single writer only stamps
// the fields it alone can know (position, version, recorded_at) and hashes. Not thread-safe;
// owned by one append at a time.
class PendingEnvelope {
 public:
  PendingEnvelope(std::string_view stream, const core::NewEvent& event,
                  const AppendContext& context);
  PendingEnvelope(const PendingEnvelope&) = delete;
  PendingEnvelope& operator=(const PendingEnvelope&) = delete;

  // Stamps the writer's fields and returns the canonical bytes that are stored and hashed.
  kj::Array<capnp::word> seal(uint64_t position, uint64_t version, core::Instant recorded_at);

 private:
  capnp::MallocMessageBuilder message_;
  bool has_occurred_at_ = false;
};

// A stored event read in place with Cap'n Proto: no copy of its fields until decode() or a
// Text accessor's string_view is copied by the caller. Not thread-safe; cheap to construct.
class EnvelopeView final : public EventView {
 public:
  // `envelope` must be word-aligned canonical words that outlive this view.
  EnvelopeView(const Hash& hash, kj::ArrayPtr<const capnp::word> envelope);
  EnvelopeView(const EnvelopeView&) = delete;
  EnvelopeView& operator=(const EnvelopeView&) = delete;

  schema::Envelope::Reader envelope() const { return root_; }
  const Hash& hash() const override { return hash_; }
  std::string_view envelope_bytes() const override {
    return {reinterpret_cast<const char*>(words_.begin()), words_.size() * sizeof(capnp::word)};
  }
  uint64_t position() const override { return root_.getPosition(); }
  uint64_t version() const override { return root_.getVersion(); }
  std::string_view stream() const override;
  std::string_view type() const override;
  core::Result<core::RecordedEvent> decode() const override;

 private:
  Hash hash_;
  kj::ArrayPtr<const capnp::word> words_;
  kj::ArrayPtr<const capnp::word> segments_[1];
  capnp::SegmentArrayMessageReader reader_;
  schema::Envelope::Reader root_;
};

// Reusable aligned storage for values whose bytes RocksDB hands back at an unaligned address
// (Cap'n Proto reads only from 8-byte-aligned memory). A kj::Array, not a std::vector: a word
// cannot be copied, and clang's libstdc++ checks refuse a vector of them.
class AlignedScratch {
 public:
  kj::ArrayPtr<const capnp::word> align(std::string_view bytes);

 private:
  kj::Array<capnp::word> words_;
};

// Parses a stored record and calls `fn(const EnvelopeView&)`. Returns kCorrupt (naming
// `position`) when the record or its envelope is malformed, or when the envelope says a
// different position than its key; otherwise what `fn` returns.
template <typename Fn>
core::Status with_event_view(uint64_t position, std::string_view value, AlignedScratch& scratch,
                             Fn&& fn);

core::Error corrupt_at(uint64_t position, std::string_view what);

}  // namespace mandate::events

#include "events/envelope_inl.h"
