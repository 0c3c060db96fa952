#pragma once

// Callers of each role, named after their first role and their agency ("officer@so-tu-phap").

#include <string>
#include <utility>
#include <vector>

#include "core/caller.h"
#include "core/vocabulary.h"

namespace mandate::core::testing {

inline Caller caller_with(std::string agency, std::vector<Role> roles) {
  std::string user = roles.empty() ? "nobody" : std::string(name_of(roles.front()));
  if (!agency.empty()) user += "@" + agency;
  return Caller{std::move(user), std::move(agency), std::move(roles), Clearance::kSecret};
}
inline Caller officer(std::string agency) {
  return caller_with(std::move(agency), {Role::kOfficer});
}
inline Caller coordinator(std::string agency = "cong-an-tinh") {
  return caller_with(std::move(agency), {Role::kCoordinator});
}
inline Caller admin() { return caller_with("", {Role::kAdmin}); }
inline Caller auditor() { return caller_with("van-phong", {Role::kAuditor}); }
inline Caller approver(std::string agency) {
  return caller_with(std::move(agency), {Role::kApprover});
}

}  // namespace mandate::core::testing
