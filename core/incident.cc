#include "core/incident.h"

#include <string_view>
#include <type_traits>
#include <utility>

#include "core/access.h"
#include "core/field_rules.h"

namespace mandate::core {
namespace {

void apply(IncidentState& state, const IncidentReported& e, const RecordedEvent& event) {
  state = IncidentState{};
  state.id = e.id;
  state.agency = e.agency;
  state.kind = e.kind;
  state.classification = e.classification;
  state.partner = e.partner;
  state.documents = e.documents;
  state.discovered_at = e.discovered_at;
  state.summary = e.summary;
  state.status = IncidentStatus::kReported;
  state.reported_at = event.recorded_at;
  state.reported_by = event.actor;
}

void apply(IncidentState& state, const IncidentReceived&, const RecordedEvent& event) {
  state.status = IncidentStatus::kReceived;
  state.received_at = event.recorded_at;
  state.received_by = event.actor.user;
}

void apply(IncidentState& state, const IncidentEscalated& e, const RecordedEvent& event) {
  state.status = IncidentStatus::kEscalated;
  state.escalated_at = event.recorded_at;
  state.escalated_to = e.to;
  state.escalation_note = e.note;
}

void apply(IncidentState& state, const FindingAdded& e, const RecordedEvent& event) {
  state.findings.push_back(
      Finding{e.kind, e.text, event.occurred_at, event.recorded_at, event.actor});
}

void apply(IncidentState& state, const IncidentClosed& e, const RecordedEvent& event) {
  state.status = IncidentStatus::kClosed;
  state.closed_at = event.recorded_at;
  state.closed_by = event.actor.user;
  state.conclusion = e.conclusion;
}

template <typename Other>
void apply(IncidentState&, const Other&, const RecordedEvent&) {}

int64_t seconds_between(Instant from, Instant to) {
  return (to.micros - from.micros) / kMicrosPerSecond;
}

Decision one_event(const IncidentState& state, std::string_view id, EventData event,
                   std::optional<Instant> occurred_at = std::nullopt) {
  return single_stream(incident_stream(id), state.version,
                       {NewEvent{std::move(event), occurred_at}});
}

Error validation(std::string message, std::string field) {
  return make_error(ErrorCode::kValidationFailed, std::move(message), std::move(field));
}

Error conflict(std::string message) { return make_error(ErrorCode::kConflict, std::move(message)); }

Status require(const Caller& caller, Action action, const char* who) {
  if (may(caller, action)) return ok_status();
  return make_error(ErrorCode::kForbidden, std::string("only ") + who);
}

Result<Decision> decide_one(const IncidentState& state, const ReportIncident& c,
                            const Caller& caller, Instant now, const Directory& directory) {
  RETURN_IF_ERROR(require(caller, Action::kReportIncidents, "an officer reports incidents"));
  RETURN_IF_ERROR(require_acting_for(caller, c.agency, "agency"));
  RETURN_IF_ERROR(require_slug(c.id, "id"));
  RETURN_IF_ERROR(require_agency(directory, c.agency, "agency"));
  if (!may_know(caller, c.classification)) {
    return validation("the incident is classified above the caller's clearance", "classification");
  }
  if (!c.partner.empty()) RETURN_IF_ERROR(require_country_code(c.partner, "partner"));
  if (c.documents.empty()) return validation("name at least one document", "documents");
  for (size_t i = 0; i < c.documents.size(); ++i) {
    RETURN_IF_ERROR(require_text(c.documents[i].ref, "documents[" + std::to_string(i) + "].ref"));
  }
  if (c.discovered_at > now) {
    return validation("discovered_at is in the future", "discovered_at");
  }
  RETURN_IF_ERROR(require_text(c.summary, "summary"));
  // Last, so that a report refused for any other reason answers alike whether the id is free or
  // held by an incident the caller may not know of (docs/api.md, "A create's id").
  if (state.version != 0) return id_taken("incident", c.id);
  return one_event(state, c.id,
                   IncidentReported{c.id, c.agency, c.kind, c.classification, c.partner,
                                    c.documents, c.discovered_at, c.summary},
                   c.discovered_at);
}

// Existence and visibility answer alike, so that a caller cannot tell an incident it may not
// know of from one that does not exist.
Status check_visible(const IncidentState& state, const Caller& caller) {
  if (state.version == 0 || !may_see(caller, state)) {
    return make_error(ErrorCode::kNotFound, "no such incident");
  }
  return ok_status();
}

// A closed incident takes nothing more.
Status check_open(const IncidentState& state) {
  if (state.status != IncidentStatus::kClosed) return ok_status();
  return conflict("incident " + state.id + " is closed");
}

Result<Decision> decide_one(const IncidentState& state, const ReceiveIncident&,
                            const Caller& caller, Instant, const Directory&) {
  RETURN_IF_ERROR(require(caller, Action::kHandleIncidents, "a coordinator receives incidents"));
  RETURN_IF_ERROR(check_open(state));
  if (state.status != IncidentStatus::kReported) {
    return conflict("incident " + state.id + " is already " + std::string(name_of(state.status)));
  }
  return one_event(state, state.id, IncidentReceived{});
}

Result<Decision> decide_one(const IncidentState& state, const EscalateIncident& c,
                            const Caller& caller, Instant, const Directory& directory) {
  RETURN_IF_ERROR(require(caller, Action::kHandleIncidents, "a coordinator escalates incidents"));
  RETURN_IF_ERROR(require_agency(directory, c.to, "to"));
  RETURN_IF_ERROR(check_open(state));
  if (state.status == IncidentStatus::kEscalated) {
    return conflict("incident " + state.id + " is already escalated to " + state.escalated_to);
  }
  return one_event(state, state.id, IncidentEscalated{c.to, c.note});
}

Result<Decision> decide_one(const IncidentState& state, const AddFinding& c, const Caller& caller,
                            Instant now, const Directory&) {
  RETURN_IF_ERROR(
      require(caller, Action::kAddFindings, "a coordinator or an investigator adds findings"));
  RETURN_IF_ERROR(require_text(c.text, "text"));
  if (c.occurred_at.has_value() && *c.occurred_at > now) {
    return validation("occurred_at is in the future", "occurred_at");
  }
  RETURN_IF_ERROR(check_open(state));
  return one_event(state, state.id, FindingAdded{c.kind, c.text}, c.occurred_at);
}

Result<Decision> decide_one(const IncidentState& state, const CloseIncident& c,
                            const Caller& caller, Instant, const Directory&) {
  RETURN_IF_ERROR(require(caller, Action::kCloseIncidents, "an investigator closes incidents"));
  RETURN_IF_ERROR(require_text(c.conclusion, "conclusion"));
  RETURN_IF_ERROR(check_open(state));
  return one_event(state, state.id, IncidentClosed{c.conclusion});
}

}  // namespace

void evolve(IncidentState& state, const RecordedEvent& event) {
  std::visit([&](const auto& e) { apply(state, e, event); }, event.data);
  state.version = event.version;
}

bool may_see(const Caller& caller, const IncidentState& state) {
  return may_know(caller, state.classification) && may_see_agency_scoped(caller, state.agency);
}

IncidentResponseTimes response_times(const IncidentState& state) {
  IncidentResponseTimes times;
  times.to_report = seconds_between(state.discovered_at, state.reported_at);
  Instant last = state.reported_at;  // The latest step that happened so far.
  if (state.received_at) {
    times.to_receipt = seconds_between(last, *state.received_at);
    last = *state.received_at;
  }
  if (state.escalated_at) {
    times.to_escalation = seconds_between(last, *state.escalated_at);
    last = *state.escalated_at;
  }
  if (state.closed_at) {
    times.to_closure = seconds_between(last, *state.closed_at);
    times.total = seconds_between(state.discovered_at, *state.closed_at);
  }
  return times;
}

Result<Decision> decide(const IncidentState& state, const IncidentCommand& command,
                        const Caller& caller, Instant now, const Directory& directory) {
  return std::visit(
      [&](const auto& c) -> Result<Decision> {
        if constexpr (!std::is_same_v<std::decay_t<decltype(c)>, ReportIncident>) {
          RETURN_IF_ERROR(check_visible(state, caller));
        }
        return decide_one(state, c, caller, now, directory);
      },
      command);
}

}  // namespace mandate::core
