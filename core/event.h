#pragma once

// The facts Mandate records. Each event type's payload is a struct of core/event_types.h,
// which capnpc-mandate generates from events/schema/payload.capnp, the one description of every
// event: its fields, their order and comments, its wire name and its JSON. An event is an
// immutable value. `events/` encodes them (Cap'n Proto) and wraps them in an envelope with the
// position, stream, times, actor and chain hash; `core` decides and folds them.
//
// Evolving: edit payload.capnp only (docs/schema.md): a new event type is a new struct and a
// new member at the end of Body's union, which EventData gains at its end; new fields take
// defaults that mean "absent". Never reorder, rename or remove.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/event_types.h"
#include "core/time.h"

namespace mandate::core {

// The wire name of an event type, e.g. "task.acknowledged". Stable: it is in the API.
const char* event_type_name(const EventData& data);

// Who caused an event.
struct Actor {
  std::string user;
  std::string agency;  // Empty when the user has none (the admin).

  bool operator==(const Actor&) const = default;
};

// An event as a command decides it, before the store gives it a position.
struct NewEvent {
  EventData data;
  // When it happened in the world, if the client said (e.g. when a leak was discovered).
  std::optional<Instant> occurred_at;
};

// An event as the log holds it.
struct RecordedEvent {
  uint64_t position = 0;  // Global, gapless, from 1.
  std::string stream;
  uint64_t version = 0;  // Within the stream, from 1.
  Instant recorded_at;
  Instant occurred_at;  // Equals recorded_at unless the client gave one.
  Actor actor;
  std::string correlation_id;
  std::string causation_id;
  EventData data;
  std::string hash;  // 32 raw bytes: SHA-256(previous hash || canonical bytes).
};

// Stream names: "<kind>:<id>". Ids are slugs, so ':' never appears inside one.
std::string agency_stream(std::string_view id);
std::string user_stream(std::string_view id);
std::string plan_stream(std::string_view id);
std::string task_stream(std::string_view id);
std::string difficulty_stream(std::string_view id);
std::string transfer_stream(std::string_view id);
std::string incident_stream(std::string_view id);
std::string inspection_stream(std::string_view id);
// "access:policy" (who needs a second factor) and "access:sources" (locked addresses).
std::string access_stream(std::string_view id);

}  // namespace mandate::core
