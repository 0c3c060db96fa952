#pragma once

// Aggregate states as of a version, kept between commands so that a command folds only the
// events its stream gained since, instead of the whole stream. An entry is never wrong, only
// old: events are immutable and versions gapless, so "stream S at version V is this state"
// stays true, and whatever came after V is read on use. Entries are keyed by the store's
// instance as well, so two stores in one process never share one.
//
// Bounded: past kCapacity entries per State type, an arbitrary entry makes room. Thread-safe.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mandate::events {

template <typename State>
class StateCache {
 public:
  static constexpr size_t kCapacity = 4096;

  static StateCache& instance() {
    static StateCache cache;
    return cache;
  }

  std::optional<State> get(uint64_t store, std::string_view stream) const {
    std::lock_guard lock(mu_);
    auto it = states_.find(key(store, stream));
    if (it == states_.end()) return std::nullopt;
    return it->second;
  }

  // Keeps `state` unless a newer version of the stream is kept already.
  void put(uint64_t store, std::string_view stream, const State& state) {
    std::lock_guard lock(mu_);
    std::string k = key(store, stream);
    auto it = states_.find(k);
    if (it != states_.end()) {
      if (it->second.version < state.version) it->second = state;
      return;
    }
    if (states_.size() >= kCapacity) states_.erase(states_.begin());
    states_.emplace(std::move(k), state);
  }

 private:
  static std::string key(uint64_t store, std::string_view stream) {
    std::string k = std::to_string(store);
    k.push_back('\0');
    k.append(stream);
    return k;
  }

  mutable std::mutex mu_;
  std::unordered_map<std::string, State> states_;
};

}  // namespace mandate::events
