#pragma once

// An agency (cơ quan, đơn vị, địa phương), stream "agency:<id>": a node of the tree of
// agencies that plans, tasks, transfers and incidents name. An agency is registered once, under
// a parent that already exists (or as a root), so the tree can hold no cycle.
//
// Thread-compatible: plain values and pure functions.

#include <cstdint>
#include <string>
#include <variant>

#include "core/caller.h"
#include "core/decision.h"
#include "core/directory.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"

namespace mandate::core {

struct AgencyState {
  uint64_t version = 0;  // Events folded; 0: the agency does not exist.
  std::string id;
  std::string name;
  std::string parent;  // Empty: a root agency.
  std::string kind;    // Free text; may be empty.

  bool operator==(const AgencyState&) const = default;
};

// Folds one event of the agency's stream into `state` and sets state.version = event.version.
// Events of other aggregates change nothing else.
void evolve(AgencyState& state, const RecordedEvent& event);

// POST /v1/agencies.
struct RegisterAgency {
  std::string id;
  std::string name;
  std::string parent;  // Empty: a root agency.
  std::string kind;
};

using AgencyCommand = std::variant<RegisterAgency>;

// Decides `command` against the agency `state` (the state of "agency:<command.id>").
//
// RegisterAgency -> AgencyRegistered on "agency:<id>", expected version 0. Fails, in this
// order, with kConflict (field "id") when the agency exists; kForbidden unless
// may(kManageDirectory); kValidationFailed when "id" is not a slug or "name" is blank;
// kUnknownAgency (field "parent") when a parent is given that `directory` does not know.
// `now` is not consulted.
Result<Decision> decide(const AgencyState& state, const AgencyCommand& command,
                        const Caller& caller, Instant now, const Directory& directory);

}  // namespace mandate::core
