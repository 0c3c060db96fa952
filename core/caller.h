#pragma once

// Who is asking: the authenticated user behind a command or a query. Access rules (what a
// caller may see and do) are pure functions of a Caller and the state; see core/access.h.

#include <algorithm>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/vocabulary.h"

namespace mandate::core {

struct Caller {
  std::string user;
  std::string agency;  // Empty for a user with no agency (the built-in admin).
  std::vector<Role> roles;
  Clearance clearance = Clearance::kNone;

  bool has_role(Role role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  }
  bool is_admin() const { return has_role(Role::kAdmin); }
  Actor actor() const { return Actor{user, agency}; }
};

}  // namespace mandate::core
