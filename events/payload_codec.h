#pragma once

// Maps every core::EventData alternative to its member of the `Body` union in
// schema/payload.capnp and back. Lossless: decode(encode(x)) == x for every valid event.

#include "core/event.h"
#include "core/result.h"
#include "events/schema/payload.capnp.h"

namespace mandate::events {

// Writes `data` into `body`. Never fails: every alternative has a union member.
void encode_payload(const core::EventData& data, schema::Body::Builder body);

// Reads a payload back. A union member this build does not know (written by a newer schema)
// or a value out of its enum's range is an Error with code kCorrupt; it never throws.
core::Result<core::EventData> decode_payload(schema::Body::Reader body);

}  // namespace mandate::events
