#pragma once

// The building blocks of the payload codec (events/payload_codec.cc): texts, lists, optional
// values, the closed vocabularies and the value structs that payloads nest. Internal to the
// codec; nothing else includes this header.
//
// Names: `to_wire` / `from_wire` convert one scalar (a text or an enum); `write` / `read` copy
// a struct into a builder and out of a reader. A `read` returns a Result only when it can meet a
// value this build does not know (an enum); the others cannot fail short of a malformed message,
// which Cap'n Proto reports by throwing kj::Exception for decode_payload to catch.

#include <optional>
#include <string>
#include <vector>

#include <capnp/any.h>
#include <kj/debug.h>

#include "core/event.h"
#include "core/result.h"
#include "core/vocabulary.h"
#include "events/schema/payload.capnp.h"

namespace mandate::events::codec {

// ---- Texts ----

// A view of `text` for a setter. Sized, not NUL-scanned: an embedded NUL survives. `text` must
// outlive the call of the setter (the setter copies it into the message).
capnp::Text::Reader to_wire(const std::string& text);
std::string from_wire(capnp::Text::Reader text);

void write_texts(const std::vector<std::string>& from, capnp::List<capnp::Text>::Builder to);
std::vector<std::string> read_texts(capnp::List<capnp::Text>::Reader from);

// ---- Optional values, written as a `hasX` flag beside the value (see payload.capnp) ----

// `value` when its flag says it is present; nullopt otherwise.
template <typename T>
std::optional<T> present_if(bool present, T value) {
  if (!present) return std::nullopt;
  return std::optional<T>(std::move(value));
}

// ---- Closed vocabularies ----
//
// Mapped value by value through a table, not by number, so a reordered enum cannot silently
// change meaning. from_wire fails with kCorrupt on a value this build does not know.

schema::Role to_wire(core::Role value);
schema::Clearance to_wire(core::Clearance value);
schema::Classification to_wire(core::Classification value);
schema::Channel to_wire(core::Channel value);
schema::IncidentKind to_wire(core::IncidentKind value);
schema::FindingKind to_wire(core::FindingKind value);
schema::TaskKind to_wire(core::TaskKind value);
schema::InspectionKind to_wire(core::InspectionKind value);
schema::FindingSeverity to_wire(core::FindingSeverity value);
core::TaskKind task_kind_from_wire(schema::TaskKind value);

core::Result<core::Role> from_wire(schema::Role value);
core::Result<core::Clearance> from_wire(schema::Clearance value);
core::Result<core::Classification> from_wire(schema::Classification value);
core::Result<core::Channel> from_wire(schema::Channel value);
core::Result<core::IncidentKind> from_wire(schema::IncidentKind value);
core::Result<core::FindingKind> from_wire(schema::FindingKind value);
core::Result<core::InspectionKind> from_wire(schema::InspectionKind value);
core::Result<core::FindingSeverity> from_wire(schema::FindingSeverity value);

void write_roles(const std::vector<core::Role>& from, capnp::List<schema::Role>::Builder to);
core::Result<std::vector<core::Role>> read_roles(capnp::List<schema::Role>::Reader from);

// ---- Value structs nested in payloads ----

void write(const core::Agreement& from, schema::Agreement::Builder to);
void write(const core::Phase& from, schema::Phase::Builder to);
void write(const core::YearlyRecurrence& from, schema::YearlyRecurrence::Builder to);
void write(const core::TaskDefinition& from, schema::TaskDefinition::Builder to);
void write(const core::Evidence& from, schema::Evidence::Builder to);
void write(const core::TransferDocument& from, schema::TransferDocument::Builder to);
void write(const core::IncidentDocument& from, schema::IncidentDocument::Builder to);

core::Agreement read(schema::Agreement::Reader from);
core::Phase read(schema::Phase::Reader from);
core::YearlyRecurrence read(schema::YearlyRecurrence::Reader from);
core::TaskDefinition read(schema::TaskDefinition::Reader from);
core::Evidence read(schema::Evidence::Reader from);
core::Result<core::TransferDocument> read(schema::TransferDocument::Reader from);
core::IncidentDocument read(schema::IncidentDocument::Reader from);

// Lists of the value structs above whose `read` cannot fail. `to` must have from.size() elements
// (initX(from.size())).
template <typename Value, typename ListBuilder>
void write_each(const std::vector<Value>& from, ListBuilder to) {
  for (unsigned i = 0; i < from.size(); ++i) write(from[i], to[i]);
}

// A list whose elements hold no words at all is malformed: the encoder never writes one (every
// value struct has a text), and Cap'n Proto lets a few bytes of it stand for millions of
// elements, each read here as a default value.
template <typename ListReader>
auto read_each(ListReader from) {
  if (from.size() > 0) {
    const capnp::AnyStruct::Reader first(from[0]);
    KJ_REQUIRE(first.getDataSection().size() + first.getPointerSection().size() > 0,
               "a list of values whose elements hold nothing", from.size());
  }
  std::vector<decltype(read(from[0]))> values;
  values.reserve(from.size());
  for (auto element : from) values.push_back(read(element));
  return values;
}

}  // namespace mandate::events::codec
