#include "core/agency.h"

#include <utility>

#include "core/access.h"
#include "core/field_rules.h"

namespace mandate::core {

void evolve(AgencyState& state, const RecordedEvent& event) {
  if (const auto* e = std::get_if<AgencyRegistered>(&event.data)) {
    state.id = e->id;
    state.name = e->name;
    state.parent = e->parent;
    state.kind = e->kind;
  }
  state.version = event.version;
}

namespace {

Result<Decision> decide_one(const AgencyState& state, const RegisterAgency& c, const Caller& caller,
                            const Directory& directory) {
  if (state.version != 0) return id_taken("agency", c.id);
  if (!may(caller, Action::kManageDirectory)) {
    return make_error(ErrorCode::kForbidden, "only an admin registers agencies");
  }
  RETURN_IF_ERROR(require_slug(c.id, "id"));
  RETURN_IF_ERROR(require_text(c.name, "name"));
  if (!c.parent.empty()) RETURN_IF_ERROR(require_agency(directory, c.parent, "parent"));
  return single_stream(agency_stream(c.id), state.version,
                       {NewEvent{AgencyRegistered{c.id, c.name, c.parent, c.kind}, std::nullopt}});
}

}  // namespace

Result<Decision> decide(const AgencyState& state, const AgencyCommand& command,
                        const Caller& caller, Instant /*now*/, const Directory& directory) {
  return std::visit([&](const auto& c) { return decide_one(state, c, caller, directory); },
                    command);
}

}  // namespace mandate::core
