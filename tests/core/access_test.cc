// Tests of core/access.h: the role table of shared/api.md, every action against every role.

#include "core/access.h"

#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

namespace mandate::core {
namespace {

constexpr std::array kAllActions{
    Action::kManageDirectory, Action::kManagePlans,      Action::kCoordinateTasks,
    Action::kWorkOnTasks,     Action::kRequestTransfers, Action::kDecideTransfers,
    Action::kReportIncidents, Action::kHandleIncidents,  Action::kAddFindings,
    Action::kCloseIncidents,  Action::kReadLog,
};

constexpr std::array kAllRoles{Role::kAdmin,    Role::kCoordinator,  Role::kOfficer,
                               Role::kApprover, Role::kInvestigator, Role::kAuditor};

const char* action_name(Action a) {
  switch (a) {
    case Action::kManageDirectory:
      return "manage_directory";
    case Action::kManagePlans:
      return "manage_plans";
    case Action::kCoordinateTasks:
      return "coordinate_tasks";
    case Action::kWorkOnTasks:
      return "work_on_tasks";
    case Action::kRequestTransfers:
      return "request_transfers";
    case Action::kDecideTransfers:
      return "decide_transfers";
    case Action::kReportIncidents:
      return "report_incidents";
    case Action::kHandleIncidents:
      return "handle_incidents";
    case Action::kAddFindings:
      return "add_findings";
    case Action::kCloseIncidents:
      return "close_incidents";
    case Action::kReadLog:
      return "read_log";
  }
  return "?";
}

Caller with_roles(std::vector<Role> roles, std::string agency = "so-tu-phap") {
  return Caller{"u", std::move(agency), std::move(roles), Clearance::kSecret};
}

TEST_CASE("access: every role against every action, as the role table says", "[core][access]") {
  // What each role may do beyond nothing; admin may do everything.
  const std::vector<std::pair<Role, std::set<Action>>> table{
      {Role::kAdmin, {kAllActions.begin(), kAllActions.end()}},
      {Role::kCoordinator,
       {Action::kManagePlans, Action::kCoordinateTasks, Action::kHandleIncidents,
        Action::kAddFindings}},
      {Role::kOfficer, {Action::kWorkOnTasks, Action::kRequestTransfers, Action::kReportIncidents}},
      {Role::kApprover, {Action::kDecideTransfers}},
      {Role::kInvestigator, {Action::kAddFindings, Action::kCloseIncidents, Action::kReadLog}},
      {Role::kAuditor, {Action::kReadLog}},
  };
  REQUIRE(table.size() == kAllRoles.size());
  for (const auto& [role, allowed] : table) {
    for (Action action : kAllActions) {
      INFO(name_of(role) << " " << action_name(action));
      CHECK(may(with_roles({role}), action) == (allowed.count(action) == 1));
    }
  }
}

TEST_CASE("access: a caller without roles may do nothing", "[core][access]") {
  for (Action action : kAllActions) {
    INFO(action_name(action));
    CHECK_FALSE(may(with_roles({}), action));
  }
}

TEST_CASE("access: roles add up", "[core][access]") {
  const Caller both = with_roles({Role::kOfficer, Role::kApprover});
  CHECK(may(both, Action::kRequestTransfers));
  CHECK(may(both, Action::kDecideTransfers));
  CHECK_FALSE(may(both, Action::kManageDirectory));
  CHECK_FALSE(may(both, Action::kCloseIncidents));
}

TEST_CASE("access: only an officer with no other role is confined to its agency",
          "[core][access]") {
  for (Role role : kAllRoles) {
    INFO(name_of(role));
    CHECK(confined_to_own_agency(with_roles({role})) == (role == Role::kOfficer));
  }
  CHECK_FALSE(confined_to_own_agency(with_roles({Role::kOfficer, Role::kApprover})));
  CHECK_FALSE(confined_to_own_agency(with_roles({Role::kApprover, Role::kOfficer})));
  CHECK_FALSE(confined_to_own_agency(with_roles({Role::kOfficer, Role::kAdmin})));
  CHECK(confined_to_own_agency(with_roles({Role::kOfficer, Role::kOfficer})));
}

TEST_CASE("access: agency scoping", "[core][access]") {
  const Caller officer = with_roles({Role::kOfficer}, "so-tu-phap");
  CHECK(may_see_agency_scoped(officer, "so-tu-phap"));
  CHECK_FALSE(may_see_agency_scoped(officer, "so-ngoai-vu"));
  CHECK_FALSE(may_see_agency_scoped(officer, ""));

  const Caller homeless = with_roles({Role::kOfficer}, "");
  CHECK_FALSE(may_see_agency_scoped(homeless, ""));
  CHECK_FALSE(may_see_agency_scoped(homeless, "so-tu-phap"));

  const Caller officer_approver = with_roles({Role::kOfficer, Role::kApprover}, "so-tu-phap");
  CHECK(may_see_agency_scoped(officer_approver, "so-ngoai-vu"));
  CHECK(may_see_agency_scoped(with_roles({Role::kAdmin}, ""), "so-ngoai-vu"));
  CHECK(may_see_agency_scoped(with_roles({Role::kAuditor}), "so-ngoai-vu"));
}

TEST_CASE("access: clearance against classification", "[core][access]") {
  struct Row {
    Clearance clearance;
    Classification level;
    bool knows;
  };
  const std::vector<Row> rows{
      {Clearance::kNone, Classification::kConfidential, false},
      {Clearance::kNone, Classification::kSecret, false},
      {Clearance::kNone, Classification::kTopSecret, false},
      {Clearance::kConfidential, Classification::kConfidential, true},
      {Clearance::kConfidential, Classification::kSecret, false},
      {Clearance::kConfidential, Classification::kTopSecret, false},
      {Clearance::kSecret, Classification::kConfidential, true},
      {Clearance::kSecret, Classification::kSecret, true},
      {Clearance::kSecret, Classification::kTopSecret, false},
      {Clearance::kTopSecret, Classification::kConfidential, true},
      {Clearance::kTopSecret, Classification::kSecret, true},
      {Clearance::kTopSecret, Classification::kTopSecret, true},
  };
  for (const Row& row : rows) {
    INFO(name_of(row.clearance) << " knows " << name_of(row.level));
    Caller c = with_roles({Role::kAdmin});  // Roles do not matter: admin is cleared like anyone.
    c.clearance = row.clearance;
    CHECK(may_know(c, row.level) == row.knows);
  }
}

}  // namespace
}  // namespace mandate::core
