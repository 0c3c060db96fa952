#pragma once

// A Directory for tests: agencies and tasks held in sets that the test fills.

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/directory.h"

namespace mandate::core::testing {

class TestDirectory final : public Directory {
 public:
  TestDirectory() = default;
  explicit TestDirectory(std::vector<std::string> agencies, std::vector<std::string> tasks = {})
      : agencies_(agencies.begin(), agencies.end()), tasks_(tasks.begin(), tasks.end()) {}

  void add_agency(std::string id) { agencies_.insert(std::move(id)); }
  void add_task(std::string id) { tasks_.insert(std::move(id)); }

  bool agency_exists(std::string_view id) const override {
    return agencies_.find(std::string(id)) != agencies_.end();
  }
  std::vector<std::string> agencies() const override {
    return {agencies_.begin(), agencies_.end()};  // A std::set iterates sorted.
  }
  bool task_exists(std::string_view id) const override {
    return tasks_.find(std::string(id)) != tasks_.end();
  }

 private:
  std::set<std::string> agencies_;
  std::set<std::string> tasks_;
};

}  // namespace mandate::core::testing
