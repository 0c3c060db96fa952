#pragma once

// The building blocks of the generated codec (payload_codec_generated.cc in the build tree):
// texts, lists of numbers, optional values and the errors of values this build does not know.
// Internal to the codec; nothing else includes this header.
//
// None of these fail short of a malformed message, which Cap'n Proto reports by throwing
// kj::Exception for decode_payload to catch.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <capnp/any.h>
#include <kj/debug.h>

#include "core/result.h"

namespace mandate::events::codec {

// ---- Texts ----

// A view of `text` for a setter. Sized, not NUL-scanned: an embedded NUL survives. `text` must
// outlive the call of the setter (the setter copies it into the message).
capnp::Text::Reader to_wire(const std::string& text);
std::string from_wire(capnp::Text::Reader text);

void write_texts(const std::vector<std::string>& from, capnp::List<capnp::Text>::Builder to);
std::vector<std::string> read_texts(capnp::List<capnp::Text>::Reader from);

// ---- Lists of numbers ----

// `to` must have from.size() elements (initX(from.size())).
template <typename T>
void write_numbers(const std::vector<T>& from, typename capnp::List<T>::Builder to) {
  for (unsigned i = 0; i < from.size(); ++i) to.set(i, from[i]);
}

template <typename T>
std::vector<T> read_numbers(typename capnp::List<T>::Reader from) {
  std::vector<T> values;
  values.reserve(from.size());
  for (T value : from) values.push_back(value);
  return values;
}

// ---- Optional values, written as a `hasX` flag beside the value (see payload.capnp) ----

// `value` when its flag says it is present; nullopt otherwise.
template <typename T>
std::optional<T> present_if(bool present, T value) {
  if (!present) return std::nullopt;
  return std::optional<T>(std::move(value));
}

// ---- Lists of value structs ----

// A list whose elements hold no words at all is malformed: the encoder never writes one (every
// value struct has a text), and Cap'n Proto lets a few bytes of it stand for millions of
// elements, each read as a default value. Throws kj::Exception, as a malformed message does.
template <typename ListReader>
void require_elements_hold_words(ListReader from) {
  if (from.size() > 0) {
    const capnp::AnyStruct::Reader first(from[0]);
    KJ_REQUIRE(first.getDataSection().size() + first.getPointerSection().size() > 0,
               "a list of values whose elements hold nothing", from.size());
  }
}

// ---- Enums ----

// The kCorrupt error of an enum value this build does not know (written by a newer one, or
// damage): "<enum_name> value <value> is not one this build knows".
core::Error unknown_enumerant(const char* enum_name, uint16_t value);

}  // namespace mandate::events::codec
