#pragma once

// A Directory for the agency, user, transfer and incident tests: agencies and tasks held in
// sets that the test fills.

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/directory.h"

namespace mandate::core::testkit {

// A Directory whose agencies and tasks are the sets the test fills. Not thread-safe.
class FakeDirectory final : public Directory {
 public:
  FakeDirectory() = default;
  FakeDirectory(std::initializer_list<std::string> agencies) : agencies_(agencies) {}

  void add_agency(std::string id) { agencies_.insert(std::move(id)); }
  void add_task(std::string id) { tasks_.insert(std::move(id)); }

  bool agency_exists(std::string_view id) const override {
    return agencies_.find(std::string(id)) != agencies_.end();
  }
  std::vector<std::string> agencies() const override {
    return {agencies_.begin(), agencies_.end()};
  }
  bool task_exists(std::string_view id) const override {
    return tasks_.find(std::string(id)) != tasks_.end();
  }

 private:
  std::set<std::string> agencies_;
  std::set<std::string> tasks_;
};

// The agencies most tests know.
inline FakeDirectory province() {
  return FakeDirectory{"bo-cong-an", "cong-an-tinh", "so-ngoai-vu", "so-tu-phap", "ubnd-tinh"};
}

}  // namespace mandate::core::testkit
