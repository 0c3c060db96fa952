#pragma once

// What a decision may need to know beyond its own aggregate: which agencies and tasks exist,
// and whether a task is settled. The command handler answers from the log; tests answer from a
// set. Implementations must reflect at least every event the aggregate's own state reflects
// (the handler re-decides when an append finds the world moved on).

#include <string>
#include <string_view>
#include <vector>

#include "core/caller.h"
#include "core/time.h"

namespace mandate::core {

// A plan's focal agency (whose coordinators decide on its tasks) and its audience ("*").
struct PlanFacts {
  std::string focal_agency;  // Empty: no such plan.
  std::vector<std::string> audience;
  std::string partner;  // The agreement's partner country; empty when the plan has none.
};

// The agencies the procedures of the documents name by their office rather than by a plan: who
// approves transfers for the bodies under the People's Committee (003:65), and the hops of a
// breach report (001:14, 003:70). A server setting, because a province names its own bodies.
struct Authorities {
  std::string committee = "ubnd-tinh";  // Ủy ban nhân dân tỉnh; its Chairman.
  std::string committee_office = "van-phong-ubnd-tinh";  // Văn phòng UBND tỉnh: proposes.
  std::string police_division = "phong-anctnb";          // PA03 of the Provincial Police.
  std::string ministry_division = "cuc-anctnb";          // A03 of the Ministry of Public Security.

  bool operator==(const Authorities&) const = default;
};

class Directory {
 public:
  virtual ~Directory() = default;
  virtual bool agency_exists(std::string_view id) const = 0;
  // Every agency id, sorted.
  virtual std::vector<std::string> agencies() const = 0;
  virtual bool task_exists(std::string_view id) const = 0;
  // True when the transfer exists and `caller` may know it does (core/transfer.h may_see), so
  // that naming a transfer tells nothing of one the caller may not see.
  virtual bool transfer_known_to(std::string_view id, const Caller& caller) const = 0;
  // True when the task exists and is approved or cancelled: it asks nothing more of anyone, and
  // never will (both are final). False for a task that does not exist, or cannot be read.
  virtual bool task_settled(std::string_view id) const = 0;
  // What a task's decision needs of its plan: empty fields when the plan is unknown.
  virtual PlanFacts plan_facts(std::string_view plan) const = 0;
  // The agency `id` was registered under; empty for a root or an unknown agency.
  virtual std::string agency_parent(std::string_view id) const = 0;
  virtual Authorities authorities() const { return {}; }
  // The offset of the server's time zone, against which "today" is judged (--time-zone).
  virtual int utc_offset_minutes() const { return kVietnamUtcOffsetMinutes; }
};

}  // namespace mandate::core
