#pragma once

// A Directory for tests: agencies, tasks (and which of them are settled) and plans' focal
// agencies that the test fills, and province(), the agencies most tests know. Not thread-safe.

#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/access.h"
#include "core/directory.h"

namespace mandate::core::testing {

class TestDirectory final : public Directory {
 public:
  TestDirectory() = default;
  explicit TestDirectory(std::vector<std::string> agencies, std::vector<std::string> tasks = {})
      : agencies_(agencies.begin(), agencies.end()), tasks_(tasks.begin(), tasks.end()) {}

  TestDirectory(std::initializer_list<std::string> agencies) : agencies_(agencies) {}

  void add_agency(std::string id) { agencies_.insert(std::move(id)); }
  void add_task(std::string id) { tasks_.insert(std::move(id)); }
  // The task exists and is approved or cancelled.
  void settle_task(std::string id) {
    tasks_.insert(id);
    settled_.insert(std::move(id));
  }
  void add_plan(std::string id, std::string focal_agency, std::vector<std::string> audience = {},
                std::string partner = {}) {
    plans_[std::move(id)] =
        PlanFacts{std::move(focal_agency), std::move(audience), std::move(partner)};
  }
  // An agency under `parent`.
  void add_agency(std::string id, std::string parent) {
    agencies_.insert(id);
    parents_[std::move(id)] = std::move(parent);
  }
  // A transfer of `agency` at `level`, for transfer_known_to().
  void add_transfer(std::string id, std::string agency = "so-tu-phap",
                    Classification level = Classification::kSecret) {
    transfers_[std::move(id)] = {std::move(agency), level};
  }
  void set_authorities(Authorities authorities) { authorities_ = std::move(authorities); }

  bool agency_exists(std::string_view id) const override {
    return agencies_.find(std::string(id)) != agencies_.end();
  }
  std::vector<std::string> agencies() const override {
    return {agencies_.begin(), agencies_.end()};  // A std::set iterates sorted.
  }
  bool task_exists(std::string_view id) const override {
    return tasks_.find(std::string(id)) != tasks_.end();
  }
  bool task_settled(std::string_view id) const override {
    return settled_.find(std::string(id)) != settled_.end();
  }
  PlanFacts plan_facts(std::string_view plan) const override {
    auto it = plans_.find(std::string(plan));
    return it == plans_.end() ? PlanFacts{} : it->second;
  }
  bool transfer_known_to(std::string_view id, const Caller& caller) const override {
    auto it = transfers_.find(std::string(id));
    return it != transfers_.end() && clears(caller.clearance, it->second.second) &&
           may_see_agency_scoped(caller, it->second.first);
  }
  std::string agency_parent(std::string_view id) const override {
    auto it = parents_.find(std::string(id));
    return it == parents_.end() ? std::string() : it->second;
  }
  Authorities authorities() const override { return authorities_; }

 private:
  std::set<std::string> agencies_;
  std::set<std::string> tasks_;
  std::map<std::string, std::pair<std::string, Classification>> transfers_;
  std::map<std::string, std::string> parents_;
  std::set<std::string> settled_;
  std::map<std::string, PlanFacts> plans_;
  Authorities authorities_;
};

// The agencies most tests know, in the tree of plans/agencies.json: the departments and the
// Committee Office under the People's Committee, the police divisions under their ministry, and
// the provincial military command, which is not under the Committee. The Laos plan's agreement
// is with LA; the Hà Tĩnh plan has none.
inline TestDirectory province() {
  TestDirectory d;
  d.add_agency("bo-cong-an", "");
  d.add_agency("bo-quoc-phong", "");
  d.add_agency("ubnd-tinh", "");
  d.add_agency("van-phong-ubnd-tinh", "ubnd-tinh");
  d.add_agency("so-ngoai-vu", "ubnd-tinh");
  d.add_agency("so-tu-phap", "ubnd-tinh");
  d.add_agency("cong-an-tinh", "bo-cong-an");
  d.add_agency("phong-anctnb", "cong-an-tinh");
  d.add_agency("cuc-anctnb", "bo-cong-an");
  d.add_agency("bch-quan-su-tinh", "bo-quoc-phong");
  d.add_plan("vn-la-2024", "cong-an-tinh", {}, "LA");
  d.add_plan("ht-ct44-2024", "cong-an-tinh");
  return d;
}

}  // namespace mandate::core::testing
