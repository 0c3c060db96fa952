#include "core/vocabulary.h"

#include <array>
#include <utility>

namespace mandate::core {
namespace {

template <typename E, size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

template <typename E, size_t N>
std::string_view lookup(const Names<E, N>& names, E v) {
  for (const auto& [e, n] : names) {
    if (e == v) return n;
  }
  return "?";
}

template <typename E, size_t N>
std::optional<E> parse(const Names<E, N>& names, std::string_view s) {
  for (const auto& [e, n] : names) {
    if (n == s) return e;
  }
  return std::nullopt;
}

constexpr Names<Role, 6> kRoles{{{Role::kAdmin, "admin"},
                                 {Role::kCoordinator, "coordinator"},
                                 {Role::kOfficer, "officer"},
                                 {Role::kApprover, "approver"},
                                 {Role::kInvestigator, "investigator"},
                                 {Role::kAuditor, "auditor"}}};
constexpr Names<Clearance, 4> kClearances{{{Clearance::kNone, "none"},
                                           {Clearance::kConfidential, "confidential"},
                                           {Clearance::kSecret, "secret"},
                                           {Clearance::kTopSecret, "top_secret"}}};
constexpr Names<Classification, 3> kClassifications{
    {{Classification::kConfidential, "confidential"},
     {Classification::kSecret, "secret"},
     {Classification::kTopSecret, "top_secret"}}};
constexpr Names<PlanStatus, 2> kPlanStatuses{
    {{PlanStatus::kDraft, "draft"}, {PlanStatus::kActive, "active"}}};
constexpr Names<AssignmentStatus, 6> kAssignmentStatuses{
    {{AssignmentStatus::kAssigned, "assigned"},
     {AssignmentStatus::kAcknowledged, "acknowledged"},
     {AssignmentStatus::kInProgress, "in_progress"},
     {AssignmentStatus::kSubmitted, "submitted"},
     {AssignmentStatus::kApproved, "approved"},
     {AssignmentStatus::kCancelled, "cancelled"}}};
constexpr Names<AgencyRoleOnTask, 2> kAgencyRoles{
    {{AgencyRoleOnTask::kLead, "lead"}, {AgencyRoleOnTask::kCoordinator, "coordinator"}}};
constexpr Names<TaskKind, 4> kTaskKinds{{{TaskKind::kJoint, "joint"},
                                         {TaskKind::kEach, "each"},
                                         {TaskKind::kOnEvent, "on_event"},
                                         {TaskKind::kRule, "rule"}}};
constexpr Names<Direction, 2> kDirections{
    {{Direction::kOutbound, "outbound"}, {Direction::kInbound, "inbound"}}};
constexpr Names<Channel, 4> kChannels{{{Channel::kDiplomatic, "diplomatic"},
                                       {Channel::kTelecom, "telecom"},
                                       {Channel::kElectronic, "electronic"},
                                       {Channel::kCourier, "courier"}}};
constexpr Names<TransferStatus, 6> kTransferStatuses{{{TransferStatus::kRequested, "requested"},
                                                      {TransferStatus::kReceived, "received"},
                                                      {TransferStatus::kApproved, "approved"},
                                                      {TransferStatus::kRejected, "rejected"},
                                                      {TransferStatus::kCompleted, "completed"},
                                                      {TransferStatus::kProposed, "proposed"}}};
constexpr Names<IncidentKind, 3> kIncidentKinds{{{IncidentKind::kLeak, "leak"},
                                                 {IncidentKind::kLoss, "loss"},
                                                 {IncidentKind::kAtRisk, "at_risk"}}};
constexpr Names<FindingKind, 5> kFindingKinds{{{FindingKind::kVerification, "verification"},
                                               {FindingKind::kCause, "cause"},
                                               {FindingKind::kRemediation, "remediation"},
                                               {FindingKind::kPartnerNotified, "partner_notified"},
                                               {FindingKind::kNote, "note"}}};
constexpr Names<IncidentStatus, 4> kIncidentStatuses{{{IncidentStatus::kReported, "reported"},
                                                      {IncidentStatus::kReceived, "received"},
                                                      {IncidentStatus::kEscalated, "escalated"},
                                                      {IncidentStatus::kClosed, "closed"}}};
constexpr Names<InspectionKind, 2> kInspectionKinds{
    {{InspectionKind::kPeriodic, "periodic"}, {InspectionKind::kSurprise, "surprise"}}};
constexpr Names<FindingSeverity, 3> kFindingSeverities{{{FindingSeverity::kLow, "low"},
                                                        {FindingSeverity::kMedium, "medium"},
                                                        {FindingSeverity::kHigh, "high"}}};
constexpr Names<InspectionStatus, 3> kInspectionStatuses{
    {{InspectionStatus::kPlanned, "planned"},
     {InspectionStatus::kInProgress, "in_progress"},
     {InspectionStatus::kClosed, "closed"}}};

}  // namespace

std::string_view name_of(Role v) { return lookup(kRoles, v); }
std::string_view name_of(Clearance v) { return lookup(kClearances, v); }
std::string_view name_of(Classification v) { return lookup(kClassifications, v); }
std::string_view name_of(PlanStatus v) { return lookup(kPlanStatuses, v); }
std::string_view name_of(AssignmentStatus v) { return lookup(kAssignmentStatuses, v); }
std::string_view name_of(TaskKind v) { return lookup(kTaskKinds, v); }
std::string_view name_of(AgencyRoleOnTask v) { return lookup(kAgencyRoles, v); }
std::string_view name_of(Direction v) { return lookup(kDirections, v); }
std::string_view name_of(Channel v) { return lookup(kChannels, v); }
std::string_view name_of(TransferStatus v) { return lookup(kTransferStatuses, v); }
std::string_view name_of(IncidentKind v) { return lookup(kIncidentKinds, v); }
std::string_view name_of(FindingKind v) { return lookup(kFindingKinds, v); }
std::string_view name_of(IncidentStatus v) { return lookup(kIncidentStatuses, v); }
std::string_view name_of(InspectionKind v) { return lookup(kInspectionKinds, v); }
std::string_view name_of(FindingSeverity v) { return lookup(kFindingSeverities, v); }
std::string_view name_of(InspectionStatus v) { return lookup(kInspectionStatuses, v); }

std::optional<Role> parse_role(std::string_view s) { return parse(kRoles, s); }
std::optional<Clearance> parse_clearance(std::string_view s) { return parse(kClearances, s); }
std::optional<Classification> parse_classification(std::string_view s) {
  return parse(kClassifications, s);
}
std::optional<TaskKind> parse_task_kind(std::string_view s) { return parse(kTaskKinds, s); }

std::optional<AssignmentStatus> parse_assignment_status(std::string_view s) {
  return parse(kAssignmentStatuses, s);
}
std::optional<Direction> parse_direction(std::string_view s) { return parse(kDirections, s); }
std::optional<Channel> parse_channel(std::string_view s) { return parse(kChannels, s); }
std::optional<IncidentKind> parse_incident_kind(std::string_view s) {
  return parse(kIncidentKinds, s);
}
std::optional<FindingKind> parse_finding_kind(std::string_view s) {
  return parse(kFindingKinds, s);
}
std::optional<InspectionKind> parse_inspection_kind(std::string_view s) {
  return parse(kInspectionKinds, s);
}
std::optional<FindingSeverity> parse_finding_severity(std::string_view s) {
  return parse(kFindingSeverities, s);
}
std::optional<InspectionStatus> parse_inspection_status(std::string_view s) {
  return parse(kInspectionStatuses, s);
}

}  // namespace mandate::core
