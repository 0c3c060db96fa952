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
  state.plan = e.plan;
  state.transfer = e.transfer;
  state.holder = e.agency;
  state.status = IncidentStatus::kReported;
  state.reported_at = event.recorded_at;
  state.reported_by = event.actor;
}

void apply(IncidentState& state, const IncidentReceived&, const RecordedEvent& event) {
  state.status = IncidentStatus::kReceived;
  state.received_at = event.recorded_at;
  state.received_by = event.actor.user;
  // Received by the police division, which holds it from then on (decide() lets no other
  // agency receive; an event recorded before that names whoever received it).
  state.holder = event.actor.agency.empty() ? state.holder : event.actor.agency;
}

void apply(IncidentState& state, const IncidentEscalated& e, const RecordedEvent& event) {
  state.status = IncidentStatus::kEscalated;
  state.escalated_at = event.recorded_at;
  state.escalated_to = e.to;
  state.escalation_note = e.note;
  state.holder = e.to;
  state.hops.push_back(Hop{e.to, e.note, event.recorded_at, event.actor});
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

// Only the agency whose turn it is takes a step of the chain; an admin may stand in for any.
Status require_turn(const Caller& caller, std::initializer_list<std::string_view> agencies,
                    const std::string& what) {
  if (caller.is_admin()) return ok_status();
  for (std::string_view a : agencies) {
    if (!a.empty() && caller.agency == a) return ok_status();
  }
  return make_error(ErrorCode::kForbidden, what);
}

// The agency after `holder` in the chain; empty at its top.
std::string next_hop(const std::string& holder, const Authorities& authorities) {
  if (holder == authorities.police_division) return authorities.committee;
  if (holder == authorities.committee) return authorities.ministry_division;
  return {};
}

bool has_finding(const IncidentState& state, FindingKind kind) {
  for (const auto& f : state.findings) {
    if (f.kind == kind) return true;
  }
  return false;
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
  if (!c.plan.empty()) RETURN_IF_ERROR(require_plan(directory, c.plan, "plan"));
  if (!c.transfer.empty()) {
    RETURN_IF_ERROR(require_slug(c.transfer, "transfer"));
    if (!directory.transfer_known_to(c.transfer, caller)) {
      return validation("no transfer " + c.transfer, "transfer");
    }
  }
  // Last, so that a report refused for any other reason answers alike whether the id is free or
  // held by an incident the caller may not know of (docs/api.md, "A create's id").
  if (state.version != 0) return id_taken("incident", c.id);
  return one_event(state, c.id,
                   IncidentReported{c.id, c.agency, c.kind, c.classification, c.partner,
                                    c.documents, c.discovered_at, c.summary, c.plan, c.transfer},
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
                            const Caller& caller, Instant, const Directory& directory) {
  if (!may(caller, Action::kHandleIncidents) && !caller.has_role(Role::kInvestigator)) {
    return make_error(ErrorCode::kForbidden,
                      "only a coordinator or an investigator receives incidents");
  }
  // Not even an admin stands in here: receipt makes the police division the holder, so the
  // receiving agency must be the division itself.
  const std::string& division = directory.authorities().police_division;
  if (caller.agency != division) {
    return make_error(ErrorCode::kForbidden, "breach reports are received by " + division);
  }
  RETURN_IF_ERROR(check_open(state));
  if (state.status != IncidentStatus::kReported) {
    return conflict("incident " + state.id + " is already " + std::string(name_of(state.status)));
  }
  return one_event(state, state.id, IncidentReceived{});
}

Result<Decision> decide_one(const IncidentState& state, const EscalateIncident& c,
                            const Caller& caller, Instant, const Directory& directory) {
  RETURN_IF_ERROR(require(caller, Action::kHandleIncidents, "a coordinator escalates incidents"));
  RETURN_IF_ERROR(require_turn(caller, {state.holder},
                               "incident " + state.id + " is held by " + state.holder +
                                   ", whose turn it is to escalate it"));
  RETURN_IF_ERROR(require_agency(directory, c.to, "to"));
  RETURN_IF_ERROR(check_open(state));
  if (state.status == IncidentStatus::kReported) {
    return conflict("incident " + state.id + " has not been received by " +
                    directory.authorities().police_division);
  }
  const std::string next = next_hop(state.holder, directory.authorities());
  if (next.empty()) {
    return conflict("incident " + state.id + " is at the top of the chain, with " + state.holder);
  }
  if (c.to != next) return validation("the next hop from " + state.holder + " is " + next, "to");
  return one_event(state, state.id, IncidentEscalated{c.to, c.note});
}

Result<Decision> decide_one(const IncidentState& state, const AddFinding& c, const Caller& caller,
                            Instant now, const Directory& directory) {
  RETURN_IF_ERROR(
      require(caller, Action::kAddFindings, "a coordinator or an investigator adds findings"));
  const Authorities authorities = directory.authorities();
  if (c.kind == FindingKind::kPartnerNotified) {
    RETURN_IF_ERROR(require_turn(caller, {authorities.ministry_division},
                                 "the partner is notified by " + authorities.ministry_division));
  } else {
    // The holder counts from the receipt on: before it, the reporting agency holds the report
    // and the verification is the police division's.
    const std::string holder =
        state.status == IncidentStatus::kReported ? std::string() : state.holder;
    RETURN_IF_ERROR(require_turn(caller, {authorities.police_division, holder},
                                 "findings are added by " + authorities.police_division +
                                     " or by the agency holding the incident"));
  }
  RETURN_IF_ERROR(require_text(c.text, "text"));
  if (c.occurred_at.has_value() && *c.occurred_at > now) {
    return validation("occurred_at is in the future", "occurred_at");
  }
  RETURN_IF_ERROR(check_open(state));
  if (c.kind == FindingKind::kPartnerNotified && state.holder != authorities.ministry_division) {
    return conflict("incident " + state.id + " has not reached " + authorities.ministry_division +
                    ", which coordinates with the partner");
  }
  return one_event(state, state.id, FindingAdded{c.kind, c.text}, c.occurred_at);
}

Result<Decision> decide_one(const IncidentState& state, const CloseIncident& c,
                            const Caller& caller, Instant, const Directory& directory) {
  RETURN_IF_ERROR(require(caller, Action::kCloseIncidents, "an investigator closes incidents"));
  const Authorities authorities = directory.authorities();
  RETURN_IF_ERROR(require_turn(caller, {authorities.police_division, authorities.ministry_division},
                               "incidents are closed by the investigators of " +
                                   authorities.police_division + " or " +
                                   authorities.ministry_division));
  RETURN_IF_ERROR(require_text(c.conclusion, "conclusion"));
  RETURN_IF_ERROR(check_open(state));
  if (state.status == IncidentStatus::kReported) {
    return conflict("incident " + state.id + " has not been received by " +
                    authorities.police_division);
  }
  if (!has_finding(state, FindingKind::kCause) || !has_finding(state, FindingKind::kRemediation)) {
    return conflict("incident " + state.id +
                    " may not be closed before its cause and its remediation are recorded");
  }
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

std::vector<IncidentStep> incident_steps(const IncidentState& state,
                                         const IncidentDeadlines& deadlines,
                                         const Authorities& authorities, Instant now) {
  std::vector<IncidentStep> steps;
  // A closed incident is judged as it stood when it closed: nothing pending grows later.
  if (state.closed_at && *state.closed_at < now) now = *state.closed_at;
  // Each step's deadline runs from the step before it; a pending step has none after it.
  std::optional<Instant> previous = state.discovered_at;
  auto add = [&](std::string name, std::optional<Instant> at, Actor by, int64_t allowed) {
    IncidentStep step{std::move(name), at, std::move(by), std::nullopt, false};
    if (previous) {
      step.deadline = Instant{previous->micros + allowed * kMicrosPerSecond};
      step.late = at ? *at > *step.deadline : now > *step.deadline;
    }
    previous = at;
    steps.push_back(std::move(step));
  };
  add("report", state.reported_at, state.reported_by, deadlines.report_seconds);
  add("receive", state.received_at,
      state.received_at ? Actor{state.received_by, authorities.police_division} : Actor{},
      deadlines.receive_seconds);
  auto hop_to = [&](const std::string& agency) -> const Hop* {
    for (const auto& h : state.hops) {
      if (h.to == agency) return &h;
    }
    return nullptr;
  };
  const Hop* committee = hop_to(authorities.committee);
  const Hop* ministry = hop_to(authorities.ministry_division);
  add("committee", committee ? std::optional<Instant>(committee->at) : std::nullopt,
      committee ? committee->by : Actor{}, deadlines.committee_seconds);
  add("ministry", ministry ? std::optional<Instant>(ministry->at) : std::nullopt,
      ministry ? ministry->by : Actor{}, deadlines.ministry_seconds);
  if (!state.partner.empty()) {
    const Finding* notified = nullptr;
    for (const auto& f : state.findings) {
      if (f.kind == FindingKind::kPartnerNotified) {
        notified = &f;
        break;
      }
    }
    add("partner", notified ? std::optional<Instant>(notified->occurred_at) : std::nullopt,
        notified ? notified->by : Actor{}, deadlines.partner_seconds);
  }
  return steps;
}

bool is_incident_late(const IncidentState& state, const IncidentDeadlines& deadlines,
                      const Authorities& authorities, Instant now) {
  if (state.status == IncidentStatus::kClosed) return false;
  return is_incident_late(state, incident_steps(state, deadlines, authorities, now));
}

bool is_incident_late(const IncidentState& state, const std::vector<IncidentStep>& steps) {
  if (state.status == IncidentStatus::kClosed) return false;
  for (const auto& step : steps) {
    if (step.late) return true;
  }
  return false;
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
