#pragma once

// Callers of each role. person() names a caller when a test needs its user id or its clearance;
// the shorthands name one after its first role and its agency ("officer@so-tu-phap") and clear
// it for Secret, except admin().

#include <string>
#include <utility>
#include <vector>

#include "core/caller.h"
#include "core/vocabulary.h"

namespace mandate::core::testing {

inline Caller person(std::string user, std::string agency, std::vector<Role> roles,
                     Clearance clearance = Clearance::kSecret) {
  return Caller{std::move(user), std::move(agency), std::move(roles), clearance};
}

inline Caller caller_with(std::string agency, std::vector<Role> roles) {
  std::string user = roles.empty() ? "nobody" : std::string(name_of(roles.front()));
  if (!agency.empty()) user += "@" + agency;
  return person(std::move(user), std::move(agency), std::move(roles));
}
inline Caller officer(std::string agency) {
  return caller_with(std::move(agency), {Role::kOfficer});
}
inline Caller coordinator(std::string agency = "cong-an-tinh") {
  return caller_with(std::move(agency), {Role::kCoordinator});
}
inline Caller approver(std::string agency) {
  return caller_with(std::move(agency), {Role::kApprover});
}
inline Caller auditor() { return caller_with("van-phong", {Role::kAuditor}); }
// The built-in admin as the server creates it: user "admin", no agency, cleared for Top Secret.
inline Caller admin(Clearance clearance = Clearance::kTopSecret) {
  return person("admin", "", {Role::kAdmin}, clearance);
}

}  // namespace mandate::core::testing
