#pragma once

// The closed vocabularies of the domain (shared/domain.md, "Words used in code") and their wire
// spellings. Every enum round-trips through its name; parse_* returns nullopt for anything else.

#include <optional>
#include <string_view>

namespace mandate::core {

enum class Role { kAdmin, kCoordinator, kOfficer, kApprover, kInvestigator, kAuditor };

// Ordered: a user cleared for a level may see everything at or below it.
enum class Clearance { kNone, kConfidential, kSecret, kTopSecret };

// Ordered like Clearance. Mật < Tối mật < Tuyệt mật.
enum class Classification { kConfidential, kSecret, kTopSecret };

enum class PlanStatus { kDraft, kActive };

// The lifecycle of one agency's assignment to a task.
enum class AssignmentStatus {
  kAssigned,
  kAcknowledged,
  kInProgress,
  kSubmitted,
  kApproved,
  kCancelled,
};

enum class AgencyRoleOnTask { kLead, kCoordinator };

// How a duty is held (shared/api.md, "Plans and tasks"): joint (a lead with coordinating
// agencies), each (every agency of a set on its own), on_event (set off by something that
// happens; never dated), rule (a standing rule with no assignments).
enum class TaskKind { kJoint, kEach, kOnEvent, kRule };

enum class Direction { kOutbound, kInbound };
enum class Channel { kDiplomatic, kTelecom, kElectronic, kCourier };
// kProposed: the People's Committee Office has proposed a request to the Chairman (003:65).
enum class TransferStatus { kRequested, kReceived, kApproved, kRejected, kCompleted, kProposed };

enum class IncidentKind { kLeak, kLoss, kAtRisk };
enum class FindingKind { kVerification, kCause, kRemediation, kPartnerNotified, kNote };
enum class IncidentStatus { kReported, kReceived, kEscalated, kClosed };

// Inspections (seed 004 II.8: "định kỳ hoặc đột xuất"): periodic or surprise. A finding's
// severity is one of three; `high` is a breach of the rules, `medium` a shortcoming to remedy,
// `low` an observation. The status: planned, in progress once a finding is recorded, closed.
enum class InspectionKind { kPeriodic, kSurprise };
enum class FindingSeverity { kLow, kMedium, kHigh };
enum class InspectionStatus { kPlanned, kInProgress, kClosed };

std::string_view name_of(Role v);
std::string_view name_of(Clearance v);
std::string_view name_of(Classification v);
std::string_view name_of(PlanStatus v);
std::string_view name_of(AssignmentStatus v);
std::string_view name_of(AgencyRoleOnTask v);
std::string_view name_of(TaskKind v);
std::string_view name_of(Direction v);
std::string_view name_of(Channel v);
std::string_view name_of(TransferStatus v);
std::string_view name_of(IncidentKind v);
std::string_view name_of(FindingKind v);
std::string_view name_of(IncidentStatus v);
std::string_view name_of(InspectionKind v);
std::string_view name_of(FindingSeverity v);
std::string_view name_of(InspectionStatus v);

std::optional<Role> parse_role(std::string_view s);
std::optional<Clearance> parse_clearance(std::string_view s);
std::optional<Classification> parse_classification(std::string_view s);
std::optional<AssignmentStatus> parse_assignment_status(std::string_view s);
std::optional<TaskKind> parse_task_kind(std::string_view s);
std::optional<Direction> parse_direction(std::string_view s);
std::optional<Channel> parse_channel(std::string_view s);
std::optional<IncidentKind> parse_incident_kind(std::string_view s);
std::optional<FindingKind> parse_finding_kind(std::string_view s);
std::optional<InspectionKind> parse_inspection_kind(std::string_view s);
std::optional<FindingSeverity> parse_finding_severity(std::string_view s);
std::optional<InspectionStatus> parse_inspection_status(std::string_view s);

// True when a holder of `clearance` may know that something classified `level` exists.
constexpr bool clears(Clearance clearance, Classification level) {
  return static_cast<int>(clearance) >= static_cast<int>(level) + 1;
}

}  // namespace mandate::core
