#include "events/payload_codec.h"

#include <string>
#include <utility>

#include <capnp/any.h>
#include <kj/exception.h>

#include "events/payload_codec_generated.h"

// The decoder's error policy around the generated codec (payload_codec_generated.cc in the
// build tree, from schema/payload.capnp): a body that holds no member, a member this build does
// not know, an enum value it does not know and a malformed message are all kCorrupt, never an
// exception. Texts and lists are in payload_codec_values.cc.

namespace mandate::events {
namespace {

core::Error corrupt(std::string what) {
  return core::make_error(core::ErrorCode::kCorrupt, std::move(what));
}

core::Result<core::EventData> decode_member(schema::Body::Reader body) {
  // Every member is a struct, and encode_payload always sets one. Cap'n Proto reads a null
  // pointer as a struct of defaults, so without this a body that was never written would
  // decode as an AgencyRegistered with empty fields.
  auto pointers = capnp::AnyStruct::Reader(body).getPointerSection();
  if (pointers.size() == 0 || pointers[0].isNull()) return corrupt("the body holds no event");
  return codec::decode_body(body);
}

}  // namespace

void encode_payload(const core::EventData& data, schema::Body::Builder body) {
  codec::encode_body(data, body);
}

core::Result<core::EventData> decode_payload(schema::Body::Reader body) {
  // Every error of decode_member is kCorrupt; Cap'n Proto throws on a malformed message.
  std::string problem;
  try {
    auto decoded = decode_member(body);
    if (decoded.ok()) return decoded;
    problem = decoded.error().message;
  } catch (const kj::Exception& e) {
    problem = std::string("malformed message: ") + e.getDescription().cStr();
  }
  return corrupt("payload: " + problem);
}

}  // namespace mandate::events
