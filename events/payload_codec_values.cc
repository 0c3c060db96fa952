#include "events/payload_codec_values.h"

namespace mandate::events::codec {

capnp::Text::Reader to_wire(const std::string& text) {
  return capnp::Text::Reader(text.data(), text.size());
}

std::string from_wire(capnp::Text::Reader text) { return std::string(text.begin(), text.size()); }

void write_texts(const std::vector<std::string>& from, capnp::List<capnp::Text>::Builder to) {
  for (unsigned i = 0; i < from.size(); ++i) to.set(i, to_wire(from[i]));
}

std::vector<std::string> read_texts(capnp::List<capnp::Text>::Reader from) {
  std::vector<std::string> texts;
  texts.reserve(from.size());
  for (auto text : from) texts.push_back(from_wire(text));
  return texts;
}

core::Error unknown_enumerant(const char* enum_name, uint16_t value) {
  return core::make_error(
      core::ErrorCode::kCorrupt,
      std::string(enum_name) + " value " + std::to_string(value) + " is not one this build knows");
}

}  // namespace mandate::events::codec
