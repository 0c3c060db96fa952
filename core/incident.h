#pragma once

// A breach report (vụ việc lộ, mất tin mật), stream "incident:<id>": classified information
// exchanged under an agreement was leaked, lost or put at risk. The chain is the documents'
// (001:14, 002 II.4, 003:70): the agency that discovers it reports it; the Provincial Police's
// internal-security division (PA03) receives it, verifies it and finds its cause and remedy; the
// police advise the People's Committee, which reports to the Ministry's internal-security
// department (A03); the Ministry coordinates with the partner (partner_notified). Each hop is an
// escalation taken by the agency holding the incident, to the next one, and by no one else.
// An investigator closes it once a cause and a remediation are recorded, after which nothing
// more is added. Which agencies those offices are is the directory's Authorities.
//
// "Kịp thời" (promptly) has no figure in the documents: each step's deadline is a server
// setting (IncidentDeadlines), and incident_steps() says which were late.
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

struct Hop {
  std::string to;
  std::string note;
  Instant at;
  Actor by;

  bool operator==(const Hop&) const = default;
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
  std::string plan;      // May be empty.
  std::string transfer;  // May be empty.
  // Who holds it now: the reporting agency, then the police division once received, then each
  // agency it was escalated to.
  std::string holder;
  std::vector<Hop> hops;                // Each escalation, in order.
  std::optional<Instant> escalated_at;  // The last hop's.
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

// How long each step of the chain may take, from the step before it (from the discovery for
// the report). The documents say only "kịp thời" and "ngay" (promptly, at once); these are the
// server's defaults, documented in docs/operations.md and set by --incident-deadlines.
struct IncidentDeadlines {
  int64_t report_seconds = 24 * 3600;     // discovered -> reported
  int64_t receive_seconds = 24 * 3600;    // reported -> received by the police division
  int64_t committee_seconds = 48 * 3600;  // received -> escalated to the People's Committee
  int64_t ministry_seconds = 48 * 3600;   // -> escalated to the Ministry's division
  int64_t partner_seconds = 72 * 3600;    // -> partner notified (only when a partner is named)

  bool operator==(const IncidentDeadlines&) const = default;
};

// One step of the chain as it stands at `now`: when it was taken and by whom (absent while
// pending), its deadline (absent while the step before it is pending) and whether it was, or
// by now is, late.
struct IncidentStep {
  std::string step;  // "report", "receive", "committee", "ministry", "partner".
  std::optional<Instant> at;
  Actor by;
  std::optional<Instant> deadline;
  bool late = false;

  bool operator==(const IncidentStep&) const = default;
};

// The chain's steps, in order. Precondition: the incident exists.
std::vector<IncidentStep> incident_steps(const IncidentState& state,
                                         const IncidentDeadlines& deadlines,
                                         const Authorities& authorities, Instant now);

// True when the incident is open and one of its steps is late at `now`.
bool is_incident_late(const IncidentState& state, const IncidentDeadlines& deadlines,
                      const Authorities& authorities, Instant now);
// The same, on the steps incident_steps() gave, for a caller that needs them anyway.
bool is_incident_late(const IncidentState& state, const std::vector<IncidentStep>& steps);

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
  std::string plan;      // Optional: the plan whose exchange it concerns.
  std::string transfer;  // Optional: the transfer it concerns.
};

// POST /v1/incidents/{id}/receive.
struct ReceiveIncident {};

// POST /v1/incidents/{id}/escalate.
struct EscalateIncident {
  std::string to;    // The next agency of the chain.
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
// "summary" (blank), "plan" (given and not an existing plan), "transfer" (given and not a
// transfer the caller may know of: one it may not see answers as one that does not exist).
//
// The other commands: kNotFound when the incident does not exist or !may_see(); kForbidden
// without the action (kHandleIncidents to receive and escalate, kAddFindings, kCloseIncidents)
// or, except for an admin, when the caller's agency is not the one whose turn it is; then the
// fields; then kConflict "incident <id> is closed" for any command on a closed one.
// ReceiveIncident -> IncidentReceived: by the police division's coordinators or investigators,
// not an admin (receipt makes the receiving agency the holder); from reported only (kConflict
// otherwise).
// EscalateIncident -> IncidentEscalated: by a coordinator of the holder; kConflict before the
// police division received it and once it reached the Ministry's division;
// kValidationFailed for "to" unless it is the next agency of the chain.
// AddFinding -> FindingAdded with occurred_at as given: by the police division, or by the
// holder once received;
// kValidationFailed for "text" (blank) or "occurred_at" (after `now`); partner_notified only
// by the Ministry's division once it holds the incident (kConflict before); in any status but
// closed.
// CloseIncident -> IncidentClosed: by an investigator of the police division or the Ministry's
// division; kValidationFailed for "conclusion" (blank); kConflict before the receipt and until a
// cause and a remediation finding are recorded (001:14: the cause is found and the harm
// remedied).
Result<Decision> decide(const IncidentState& state, const IncidentCommand& command,
                        const Caller& caller, Instant now, const Directory& directory);

}  // namespace mandate::core
