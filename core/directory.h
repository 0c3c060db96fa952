#pragma once

// What a decision may need to know beyond its own aggregate: which agencies and tasks exist.
// The command handler answers from the read side; tests answer from a set. Implementations
// must reflect at least every event the aggregate's own state reflects (the handler re-decides
// when an append finds the world moved on).

#include <string>
#include <string_view>
#include <vector>

namespace mandate::core {

// A plan's focal agency (whose coordinators decide on its tasks) and its audience ("*").
struct PlanFacts {
  std::string focal_agency;
  std::vector<std::string> audience;
};

class Directory {
 public:
  virtual ~Directory() = default;
  virtual bool agency_exists(std::string_view id) const = 0;
  // Every agency id, sorted.
  virtual std::vector<std::string> agencies() const = 0;
  virtual bool task_exists(std::string_view id) const = 0;
  // What a task's decision needs of its plan: empty fields when the plan is unknown.
  virtual PlanFacts plan_facts(std::string_view plan) const = 0;
};

}  // namespace mandate::core
