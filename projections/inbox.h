#pragma once

// An agency's inbox (GET /v1/views/inbox): the open tasks that ask something of it now, and
// its inspections not closed.

#include <string>
#include <string_view>
#include <vector>

#include "core/caller.h"
#include "core/result.h"
#include "core/vocabulary.h"
#include "projections/overdue.h"
#include "projections/view_question.h"
#include "projections/views.h"

namespace mandate::projections {

// Why a task is in the inbox.
enum class InboxReason { kUnacknowledged, kReturned, kDueSoon };
std::string_view name_of(InboxReason reason);

// The inbox shows what falls due within this many days.
inline constexpr int kInboxHorizonDays = 14;

struct InboxTask {
  TaskLine line;
  core::AgencyRoleOnTask role = core::AgencyRoleOnTask::kLead;  // The agency's, on the task.
  core::AssignmentStatus assignment_status = core::AssignmentStatus::kAssigned;
  std::vector<InboxReason> reasons;  // In the order of InboxReason; never empty.
};

struct InboxInspection {
  std::string inspection;
  core::InspectionKind kind = core::InspectionKind::kPeriodic;
  core::Date scheduled_on;
  core::InspectionStatus status = core::InspectionStatus::kPlanned;
  std::string inspecting_agency;
  std::string plan;  // Empty: not under a plan.
  std::string scope;
  int open_follow_ups = 0;
};

struct Inbox {
  std::string agency;
  std::vector<InboxTask> tasks;              // In task id order.
  std::vector<InboxInspection> inspections;  // In inspection id order.
};

// `query.agency`, else the caller's own. kValidationFailed when neither names one, kForbidden
// when an officer asks for another agency's.
core::Result<Inbox> inbox(const Views& views, const core::Caller& caller, const ViewQuery& query,
                          const Moment& m);

}  // namespace mandate::projections
