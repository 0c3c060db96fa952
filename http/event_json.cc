#include "http/event_json.h"

#include "events/record.h"

// event_data_json, the payload's JSON, is generated from events/schema/payload.capnp by
// capnpc-mandate (http/event_json_generated.cc in the build tree). This file holds what every
// event shares: the envelope's fields.

namespace mandate::http {

using nlohmann::json;

json event_json(const core::RecordedEvent& event) {
  return {{"position", event.position},
          {"stream", event.stream},
          {"version", event.version},
          {"type", core::event_type_name(event.data)},
          {"recorded_at", core::format_instant(event.recorded_at)},
          {"occurred_at", core::format_instant(event.occurred_at)},
          {"actor",
           {{"user", event.actor.user},
            {"agency", event.actor.agency.empty() ? json(nullptr) : json(event.actor.agency)}}},
          {"correlation_id", event.correlation_id},
          {"data", event_data_json(event.data)},
          {"hash", events::to_hex(event.hash)}};
}

}  // namespace mandate::http
