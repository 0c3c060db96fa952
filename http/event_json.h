#pragma once

// Events on the wire: GET /v1/events, /v1/streams/{stream}, timelines and the SSE stream all
// show an event the same way: {"position","stream","version","type","recorded_at",
// "occurred_at","actor":{"user","agency"},"data":{...},"hash"}.

#include <nlohmann/json.hpp>

#include "core/event.h"

namespace mandate::http {

// The payload's fields, with the API's names and spellings (dates, instants, enum words).
// Generated from events/schema/payload.capnp (http/event_json_generated.cc in the build tree):
// fields in snake_case, secrets ($json(hidden)) left out, empty texts that mean absent
// ($json(nullWhenEmpty)) and absent optionals as null.
nlohmann::json event_data_json(const core::EventData& data);

nlohmann::json event_json(const core::RecordedEvent& event);

}  // namespace mandate::http
