#pragma once

// Who may do what: the role table of shared/api.md ("Authentication and access") as pure
// functions. Aggregates' decide() functions and the read side both ask here; no other place
// spells out a role check.
//
// Two answers matter and differ: whether a caller may *know* a thing exists (otherwise the
// API says 404, as if it did not) and whether it may *act* on a thing it can see (otherwise
// 403).

#include <string_view>

#include "core/caller.h"
#include "core/vocabulary.h"

namespace mandate::core {

// The actions of the role table. Admin may do all of them.
enum class Action {
  kManageDirectory,   // agencies, users, tokens: admin only
  kManagePlans,       // create and issue plans, add tasks: coordinator
  kCoordinateTasks,   // approve, return, extend, revise, cancel tasks; give guidance: coordinator
  kWorkOnTasks,       // acknowledge, report progress, submit, raise difficulties: officer
  kRequestTransfers,  // request, record inbound and complete transfers: officer
  kDecideTransfers,   // approve or reject transfers: approver
  kReportIncidents,   // officer
  kHandleIncidents,   // receive and escalate incidents: coordinator
  kAddFindings,       // coordinator, investigator
  kCloseIncidents,    // investigator
  kReadLog,           // the event log and the chain: auditor, investigator
};

// True when the caller's roles allow `action` at all (agency scope is checked separately).
bool may(const Caller& caller, Action action);

// True when the caller sees only its own agency's tasks, transfers and incidents: an officer
// with no other role that reads across agencies.
bool confined_to_own_agency(const Caller& caller);

// True when the caller may know that something of `agency` exists (own-agency scoping only).
bool may_see_agency_scoped(const Caller& caller, std::string_view agency);

// True when the caller may know that something classified `level` exists.
inline bool may_know(const Caller& caller, Classification level) {
  return clears(caller.clearance, level);
}

}  // namespace mandate::core
