#include "events/payload_codec.h"

namespace mandate::events {

void encode_payload(const core::EventData&, schema::Body::Builder body) { body.setUnknown(); }

core::Result<core::EventData> decode_payload(schema::Body::Reader) {
  return core::make_error(core::ErrorCode::kCorrupt, "not implemented");
}

}  // namespace mandate::events
