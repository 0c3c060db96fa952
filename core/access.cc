#include "core/access.h"

namespace mandate::core {

bool may(const Caller& caller, Action action) {
  if (caller.is_admin()) return true;
  switch (action) {
    case Action::kManageDirectory:
      return false;
    case Action::kManagePlans:
    case Action::kCoordinateTasks:
    case Action::kHandleIncidents:
      return caller.has_role(Role::kCoordinator);
    case Action::kWorkOnTasks:
    case Action::kRequestTransfers:
    case Action::kReportIncidents:
      return caller.has_role(Role::kOfficer);
    case Action::kDecideTransfers:
      return caller.has_role(Role::kApprover);
    case Action::kAddFindings:
      return caller.has_role(Role::kCoordinator) || caller.has_role(Role::kInvestigator);
    case Action::kCloseIncidents:
      return caller.has_role(Role::kInvestigator);
    case Action::kReadLog:
      return caller.has_role(Role::kAuditor) || caller.has_role(Role::kInvestigator);
  }
  return false;
}

bool confined_to_own_agency(const Caller& caller) {
  for (Role role : caller.roles) {
    if (role != Role::kOfficer) return false;
  }
  return true;
}

bool may_see_agency_scoped(const Caller& caller, std::string_view agency) {
  return !confined_to_own_agency(caller) || (!caller.agency.empty() && caller.agency == agency);
}

}  // namespace mandate::core
