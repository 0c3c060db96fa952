#include "core/event.h"

#include <string_view>
#include <type_traits>

namespace mandate::core {
namespace {

template <typename T>
constexpr bool kNoName = false;

template <typename T>
constexpr const char* type_name() {
  if constexpr (std::is_same_v<T, AgencyRegistered>)
    return "agency.registered";
  else if constexpr (std::is_same_v<T, UserRegistered>)
    return "user.registered";
  else if constexpr (std::is_same_v<T, TokenIssued>)
    return "token.issued";
  else if constexpr (std::is_same_v<T, TokenRevoked>)
    return "token.revoked";
  else if constexpr (std::is_same_v<T, PlanDrafted>)
    return "plan.drafted";
  else if constexpr (std::is_same_v<T, PlanTaskAdded>)
    return "plan.task_added";
  else if constexpr (std::is_same_v<T, PlanIssued>)
    return "plan.issued";
  else if constexpr (std::is_same_v<T, TaskAssigned>)
    return "task.assigned";
  else if constexpr (std::is_same_v<T, TaskAcknowledged>)
    return "task.acknowledged";
  else if constexpr (std::is_same_v<T, TaskProgressReported>)
    return "task.progress_reported";
  else if constexpr (std::is_same_v<T, TaskSubmitted>)
    return "task.submitted";
  else if constexpr (std::is_same_v<T, TaskApproved>)
    return "task.approved";
  else if constexpr (std::is_same_v<T, TaskReturned>)
    return "task.returned";
  else if constexpr (std::is_same_v<T, TaskExtended>)
    return "task.extended";
  else if constexpr (std::is_same_v<T, TaskRevised>)
    return "task.revised";
  else if constexpr (std::is_same_v<T, TaskCancelled>)
    return "task.cancelled";
  else if constexpr (std::is_same_v<T, DifficultyRaised>)
    return "difficulty.raised";
  else if constexpr (std::is_same_v<T, GuidanceGiven>)
    return "difficulty.guidance_given";
  else if constexpr (std::is_same_v<T, TransferRequested>)
    return "transfer.requested";
  else if constexpr (std::is_same_v<T, TransferReceived>)
    return "transfer.received";
  else if constexpr (std::is_same_v<T, TransferApproved>)
    return "transfer.approved";
  else if constexpr (std::is_same_v<T, TransferRejected>)
    return "transfer.rejected";
  else if constexpr (std::is_same_v<T, TransferCompleted>)
    return "transfer.completed";
  else if constexpr (std::is_same_v<T, IncidentReported>)
    return "incident.reported";
  else if constexpr (std::is_same_v<T, IncidentReceived>)
    return "incident.received";
  else if constexpr (std::is_same_v<T, IncidentEscalated>)
    return "incident.escalated";
  else if constexpr (std::is_same_v<T, FindingAdded>)
    return "incident.finding_added";
  else if constexpr (std::is_same_v<T, IncidentClosed>)
    return "incident.closed";
  else if constexpr (std::is_same_v<T, PlanYearOpened>)
    return "plan.year_opened";
  else if constexpr (std::is_same_v<T, PlanAudienceWidened>)
    return "plan.audience_widened";
  else if constexpr (std::is_same_v<T, TaskDueSet>)
    return "task.due_set";
  else if constexpr (std::is_same_v<T, TransferProposed>)
    return "transfer.proposed";
  else if constexpr (std::is_same_v<T, InspectionPlanned>)
    return "inspection.planned";
  else if constexpr (std::is_same_v<T, InspectionFindingRecorded>)
    return "inspection.finding_recorded";
  else if constexpr (std::is_same_v<T, InspectionClosed>)
    return "inspection.closed";
  else if constexpr (std::is_same_v<T, PasswordSet>)
    return "user.password_set";
  else if constexpr (std::is_same_v<T, SignedIn>)
    return "user.signed_in";
  else if constexpr (std::is_same_v<T, SignInFailed>)
    return "user.sign_in_failed";
  else if constexpr (std::is_same_v<T, SignInLocked>)
    return "sign_in.locked";
  else if constexpr (std::is_same_v<T, SignedOut>)
    return "user.signed_out";
  else if constexpr (std::is_same_v<T, SecondFactorEnrolled>)
    return "user.second_factor_enrolled";
  else if constexpr (std::is_same_v<T, SecondFactorReset>)
    return "user.second_factor_reset";
  else if constexpr (std::is_same_v<T, SecondFactorPolicySet>)
    return "access.second_factor_policy_set";
  // A new event type without a name is a compile error, not undefined behaviour.
  else
    static_assert(kNoName<T>, "every event type needs a wire name");
}

std::string stream(std::string_view kind, std::string_view id) {
  std::string s;
  s.reserve(kind.size() + 1 + id.size());
  s.append(kind).append(":").append(id);
  return s;
}

}  // namespace

const char* event_type_name(const EventData& data) {
  return std::visit([](const auto& e) { return type_name<std::decay_t<decltype(e)>>(); }, data);
}

std::string agency_stream(std::string_view id) { return stream("agency", id); }
std::string user_stream(std::string_view id) { return stream("user", id); }
std::string plan_stream(std::string_view id) { return stream("plan", id); }
std::string task_stream(std::string_view id) { return stream("task", id); }
std::string difficulty_stream(std::string_view id) { return stream("difficulty", id); }
std::string transfer_stream(std::string_view id) { return stream("transfer", id); }
std::string incident_stream(std::string_view id) { return stream("incident", id); }
std::string inspection_stream(std::string_view id) { return stream("inspection", id); }
std::string access_stream(std::string_view id) { return stream("access", id); }

}  // namespace mandate::core
