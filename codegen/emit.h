#pragma once

// The three files capnpc-mandate writes, each the full text of one generated file.

#include <string>

#include "codegen/model.h"

namespace mandate::codegen {

// core/event_types.h: the core structs (standard library only), EventData in the union's order
// and EventTraits (each event's wire type and stream kind).
std::string emit_core_header(const Model& model);

// events/payload_codec_generated.cc: the codec of every struct and enum, and Body's dispatch.
std::string emit_codec(const Model& model);

// http/event_json_generated.cc: event_data_json and the JSON of every nested value.
std::string emit_json(const Model& model);

}  // namespace mandate::codegen
