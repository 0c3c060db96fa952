// payload: an event's Body (events/schema/payload.capnp) on its own, as one segment of
// canonical words with the Body at its root, the form it has inside a stored envelope, through
// decode_payload: every union member, nested value, list and enum of the schema, without the
// envelope's fields in the way (fuzz/envelope_fuzz.cc feeds whole rows).
//
// Asserts: no crash, UB or escaped exception (what does not decode is kCorrupt). A payload that
// decodes encodes (encode_payload) to one that decodes to the same event, and encoding that
// gives the same canonical bytes.
//
// Input: the segment's words; bytes past the last whole word are ignored.

#include <cstdint>
#include <cstring>

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/array.h>
#include <kj/exception.h>

#include "events/payload_codec.h"
#include "events/schema/payload.capnp.h"
#include "fuzz/fuzz_check.h"

namespace {

using namespace mandate;

kj::Array<capnp::word> encode(const core::EventData& data) {
  capnp::MallocMessageBuilder builder;
  events::encode_payload(data, builder.initRoot<events::schema::Body>());
  return capnp::canonicalize(builder.getRoot<events::schema::Body>().asReader());
}

// Decodes a Body at the root of one segment; getRoot itself throws on a malformed root pointer,
// which EnvelopeView's callers catch (events/envelope_inl.h).
core::Result<core::EventData> decode(kj::ArrayPtr<const capnp::word> words) {
  kj::ArrayPtr<const capnp::word> segments[1] = {words};
  try {
    capnp::SegmentArrayMessageReader reader(kj::arrayPtr(segments, 1));
    return events::decode_payload(reader.getRoot<events::schema::Body>());
  } catch (const kj::Exception& e) {
    return core::make_error(core::ErrorCode::kCorrupt, e.getDescription().cStr());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const size_t words = size / sizeof(capnp::word);
  if (words == 0) return 0;
  auto aligned = kj::heapArray<capnp::word>(words);
  std::memcpy(aligned.begin(), data, words * sizeof(capnp::word));

  auto decoded = decode(aligned.asPtr());
  if (!decoded.ok()) {
    FUZZ_CHECK(decoded.error().code == core::ErrorCode::kCorrupt);
    return 0;
  }
  const kj::Array<capnp::word> encoded = encode(*decoded);
  auto again = decode(encoded.asPtr());
  FUZZ_CHECK(again.ok() && *again == *decoded);
  const kj::Array<capnp::word> reencoded = encode(*again);
  FUZZ_CHECK(
      encoded.size() == reencoded.size() &&
      std::memcmp(encoded.begin(), reencoded.begin(), encoded.size() * sizeof(capnp::word)) == 0);
  return 0;
}
