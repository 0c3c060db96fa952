#pragma once

// A breach report (vụ việc lộ, mất tin mật), stream "incident:<id>": classified information
// exchanged under an agreement was leaked, lost or put at risk. The agency that discovers it
// reports it; the focal agency receives it and may escalate it to the Ministry; investigators
// and coordinators add findings (verification, cause, remediation, partner notified); an
// investigator closes it, after which nothing more is added.
//
// Incidents keep when a thing happened apart from when it was recorded: the report's event
// occurred at the discovery, and a finding's at the moment it names. The timeline is the stream.
//
// An incident classified above the caller's clearance does not exist for that caller, whatever
// its roles; an officer with no other role sees only its own agency's.
//
// Thread-compatible: plain values and pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/caller.h"
#include "core/decision.h"
#include "core/directory.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"
#include "core/vocabulary.h"

namespace mandate::core {

struct Finding {
  FindingKind kind = FindingKind::kNote;
  std::string text;
  Instant occurred_at;  // As the finder said, or when it was recorded.
  Instant recorded_at;
  Actor by;

  bool operator==(const Finding&) const = default;
};

struct IncidentState {
  uint64_t version = 0;  // Events folded; 0: the incident does not exist.
  std::string id;
  std::string agency;
  IncidentKind kind = IncidentKind::kLeak;
  Classification classification = Classification::kConfidential;
  std::string partner;  // May be empty.
  std::vector<IncidentDocument> documents;
  Instant discovered_at;
  std::string summary;
  IncidentStatus status = IncidentStatus::kReported;
  Instant reported_at;  // recorded_at of the report.
  Actor reported_by;
  std::optional<Instant> received_at;
  std::string received_by;
  std::optional<Instant> escalated_at;
  std::string escalated_to;
  std::string escalation_note;
  std::optional<Instant> closed_at;
  std::string closed_by;
  std::string conclusion;
  std::vector<Finding> findings;  // In the order recorded.

  bool operator==(const IncidentState&) const = default;
};

// Folds one event of the incident's stream into `state` and sets state.version = event.version.
// Events of other aggregates change nothing else.
void evolve(IncidentState& state, const RecordedEvent& event);

// True when the caller may know the incident exists: it clears the incident's classification
// and, when confined to its own agency, the incident is its agency's.
bool may_see(const Caller& caller, const IncidentState& state);

// How long each step of the handling took, in whole seconds. Each step is measured from the
// latest earlier step that happened: an incident escalated without being received counts its
// escalation from the report. Absent where the step has not happened.
struct IncidentResponseTimes {
  int64_t to_report = 0;                 // discovered -> reported
  std::optional<int64_t> to_receipt;     // reported -> received
  std::optional<int64_t> to_escalation;  // received (or reported) -> escalated
  std::optional<int64_t> to_closure;     // escalated (or received, or reported) -> closed
  std::optional<int64_t> total;          // discovered -> closed

  bool operator==(const IncidentResponseTimes&) const = default;
};

// The response times of an incident. Precondition: the incident exists (version > 0).
IncidentResponseTimes response_times(const IncidentState& state);

// POST /v1/incidents.
struct ReportIncident {
  std::string id;
  std::string agency;
  IncidentKind kind = IncidentKind::kLeak;
  Classification classification = Classification::kConfidential;
  std::string partner;  // Empty, or ISO 3166-1 alpha-2.
  std::vector<IncidentDocument> documents;
  Instant discovered_at;
  std::string summary;
};

// POST /v1/incidents/{id}/receive.
struct ReceiveIncident {};

// POST /v1/incidents/{id}/escalate.
struct EscalateIncident {
  std::string to;    // An agency, usually the Ministry's A03.
  std::string note;  // Optional.
};

// POST /v1/incidents/{id}/findings.
struct AddFinding {
  FindingKind kind = FindingKind::kNote;
  std::string text;
  std::optional<Instant> occurred_at;  // Absent: when it is recorded.
};

// POST /v1/incidents/{id}/close.
struct CloseIncident {
  std::string conclusion;
};

using IncidentCommand =
    std::variant<ReportIncident, ReceiveIncident, EscalateIncident, AddFinding, CloseIncident>;

// Decides `command` against the incident `state`; events go to "incident:<id>" with the state's
// version expected.
//
// ReportIncident -> IncidentReported with occurred_at = discovered_at. In order: kConflict
// (field "id") when the id is taken; kForbidden unless may(kReportIncidents), and (field
// "agency") unless the caller is of `agency` or an admin; kValidationFailed for "id" (not a
// slug), kValidationFailed / kUnknownAgency for "agency", kValidationFailed for
// "classification" (above the caller's clearance), "partner" (given and not two uppercase
// letters), "documents" (none) or "documents[i].ref" (blank), "discovered_at" (after `now`),
// "summary" (blank).
//
// The other commands: kNotFound when the incident does not exist or !may_see(); kForbidden
// without the action (kHandleIncidents to receive and escalate, kAddFindings, kCloseIncidents);
// then the fields; then kConflict "incident <id> is closed" for any command on a closed one.
// ReceiveIncident -> IncidentReceived, from reported only (kConflict otherwise).
// EscalateIncident -> IncidentEscalated: kValidationFailed / kUnknownAgency for "to"; from
// reported or received only (kConflict when escalated already).
// AddFinding -> FindingAdded with occurred_at as given: kValidationFailed for "text" (blank) or
// "occurred_at" (after `now`); in any status but closed.
// CloseIncident -> IncidentClosed: kValidationFailed for "conclusion" (blank).
Result<Decision> decide(const IncidentState& state, const IncidentCommand& command,
                        const Caller& caller, Instant now, const Directory& directory);

}  // namespace mandate::core
