#pragma once

// Callbacks told of a new position: the store's commits (EventStore::add_commit_listener) and
// the views' progress (ProjectionRunner::add_applied_listener) share this one registry.
//
// Thread-safe. notify() runs the callbacks under the registry's lock, in the notifier's thread:
// they must be quick (post work elsewhere) and must not add or remove listeners.

#include <cstdint>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace mandate::events {

class PositionListeners {
 public:
  using Listener = std::function<void(uint64_t position)>;

  // Returns an id for remove().
  uint64_t add(Listener fn) {
    std::lock_guard lock(mu_);
    const uint64_t id = next_id_++;
    listeners_.emplace_back(id, std::move(fn));
    return id;
  }

  void remove(uint64_t id) {
    std::lock_guard lock(mu_);
    std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
  }

  void notify(uint64_t position) {
    std::lock_guard lock(mu_);
    for (auto& [id, fn] : listeners_) fn(position);
  }

 private:
  std::mutex mu_;
  uint64_t next_id_ = 1;
  std::vector<std::pair<uint64_t, Listener>> listeners_;
};

}  // namespace mandate::events
