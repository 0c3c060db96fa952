#include "core/event.h"

#include <string_view>
#include <type_traits>

namespace mandate::core {
namespace {

template <typename T>
constexpr const char* type_name() {
  if constexpr (std::is_same_v<T, AgencyRegistered>) return "agency.registered";
  if constexpr (std::is_same_v<T, UserRegistered>) return "user.registered";
  if constexpr (std::is_same_v<T, TokenIssued>) return "token.issued";
  if constexpr (std::is_same_v<T, TokenRevoked>) return "token.revoked";
  if constexpr (std::is_same_v<T, PlanDrafted>) return "plan.drafted";
  if constexpr (std::is_same_v<T, PlanTaskAdded>) return "plan.task_added";
  if constexpr (std::is_same_v<T, PlanIssued>) return "plan.issued";
  if constexpr (std::is_same_v<T, TaskAssigned>) return "task.assigned";
  if constexpr (std::is_same_v<T, TaskAcknowledged>) return "task.acknowledged";
  if constexpr (std::is_same_v<T, TaskProgressReported>) return "task.progress_reported";
  if constexpr (std::is_same_v<T, TaskSubmitted>) return "task.submitted";
  if constexpr (std::is_same_v<T, TaskApproved>) return "task.approved";
  if constexpr (std::is_same_v<T, TaskReturned>) return "task.returned";
  if constexpr (std::is_same_v<T, TaskExtended>) return "task.extended";
  if constexpr (std::is_same_v<T, TaskRevised>) return "task.revised";
  if constexpr (std::is_same_v<T, TaskCancelled>) return "task.cancelled";
  if constexpr (std::is_same_v<T, DifficultyRaised>) return "difficulty.raised";
  if constexpr (std::is_same_v<T, GuidanceGiven>) return "difficulty.guidance_given";
  if constexpr (std::is_same_v<T, TransferRequested>) return "transfer.requested";
  if constexpr (std::is_same_v<T, TransferReceived>) return "transfer.received";
  if constexpr (std::is_same_v<T, TransferApproved>) return "transfer.approved";
  if constexpr (std::is_same_v<T, TransferRejected>) return "transfer.rejected";
  if constexpr (std::is_same_v<T, TransferCompleted>) return "transfer.completed";
  if constexpr (std::is_same_v<T, IncidentReported>) return "incident.reported";
  if constexpr (std::is_same_v<T, IncidentReceived>) return "incident.received";
  if constexpr (std::is_same_v<T, IncidentEscalated>) return "incident.escalated";
  if constexpr (std::is_same_v<T, FindingAdded>) return "incident.finding_added";
  if constexpr (std::is_same_v<T, IncidentClosed>) return "incident.closed";
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

}  // namespace mandate::core
