// envelope: one row of the `events` column family as the store reads it back (key position,
// then the value: record header, chain hash, envelope words; events/record.h), through
// with_event_view and EnvelopeView as every scan, verify and replay reads it: split_record, the
// aligned copy, the envelope read in place, its position against the key's, its Text fields,
// and decode() of the whole event with its payload.
//
// Asserts: no crash, UB or escaped exception (a malformed row is kCorrupt naming the position).
// An event that decodes, appended again as the store would append it (PendingEnvelope, sealed
// with its position, version and time), decodes to the same event, and sealing that one again
// gives the same canonical bytes.
//
// Input: 8 bytes of position, big-endian as in the key, then the value.

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include <capnp/common.h>

#include "core/event.h"
#include "events/envelope.h"
#include "events/keys.h"
#include "events/record.h"
#include "fuzz/fuzz_check.h"

namespace {

using namespace mandate;

// Whether two decodings are the same event; names each field that differs, for the report.
bool same_event(const core::RecordedEvent& a, const core::RecordedEvent& b) {
  bool same = true;
  auto field = [&](bool equal, const char* name) {
    if (!equal) std::fprintf(stderr, "envelope round trip: %s differs\n", name);
    same = same && equal;
  };
  field(a.position == b.position, "position");
  field(a.stream == b.stream, "stream");
  field(a.version == b.version, "version");
  field(a.recorded_at == b.recorded_at, "recorded_at");
  field(a.occurred_at == b.occurred_at, "occurred_at");
  field(a.actor == b.actor, "actor");
  field(a.correlation_id == b.correlation_id, "correlation_id");
  field(a.causation_id == b.causation_id, "causation_id");
  field(a.data == b.data, "data");
  field(a.hash == b.hash, "hash");
  return same;
}

// The event's envelope as the store's writer would build it today.
kj::Array<capnp::word> seal(const core::RecordedEvent& e) {
  events::PendingEnvelope pending(e.stream, core::NewEvent{e.data, e.occurred_at},
                                  events::AppendContext{e.actor, e.correlation_id, e.causation_id});
  return pending.seal(e.position, e.version, e.recorded_at);
}

std::optional<core::RecordedEvent> decode_sealed(const events::Hash& hash,
                                                 const kj::Array<capnp::word>& words) {
  events::EnvelopeView view(hash, words.asPtr());
  auto decoded = view.decode();
  if (!decoded.ok()) {
    std::fprintf(stderr, "envelope round trip: %s\n", decoded.error().message.c_str());
    return std::nullopt;
  }
  return std::move(decoded).value();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 8) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const uint64_t position = events::get_u64_be(bytes.substr(0, 8));
  const std::string_view value = bytes.substr(8);

  events::AlignedScratch scratch;
  std::optional<core::RecordedEvent> decoded;
  events::Hash hash{};
  const core::Status status =
      events::with_event_view(position, value, scratch, [&](const events::EventView& view) {
        (void)view.stream();
        (void)view.type();
        (void)view.version();
        auto event = view.decode();
        if (!event.ok()) return core::Status(event.take_error());
        hash = view.hash();
        decoded = std::move(event).value();
        return core::ok_status();
      });
  if (!status.ok()) {
    FUZZ_CHECK(status.error().code == core::ErrorCode::kCorrupt);
    return 0;
  }
  FUZZ_CHECK(decoded.has_value() && decoded->position == position);

  const kj::Array<capnp::word> sealed = seal(*decoded);
  auto again = decode_sealed(hash, sealed);
  FUZZ_CHECK(again.has_value() && same_event(*again, *decoded));
  const kj::Array<capnp::word> resealed = seal(*again);
  FUZZ_CHECK(sealed.size() == resealed.size() &&
             std::memcmp(sealed.begin(), resealed.begin(), sealed.size() * sizeof(capnp::word)) ==
                 0);
  return 0;
}
