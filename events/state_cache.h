#pragma once

// Aggregate states as of a version, kept between commands so that a command folds only the
// events its stream gained since, instead of the whole stream. An entry is never wrong, only
// old: events are immutable and versions gapless, so "stream S at version V is this state"
// stays true, and whatever came after V is read on use.
//
// An entry may be ahead of the durable log: a command puts the state its events make as soon
// as they are sequenced, before their batch is synced, so that the next command on the stream
// need not wait for the sync. Such an entry is never evicted, since the log cannot give it back
// yet; past kCapacity entries, one already durable makes room. Should that sync fail, the
// store refuses every later append until it is opened again, so a state that never became
// durable decides nothing that lands.
//
// Owned by a CommandHandler, one per State type. Thread-safe.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mandate::events {

class StateCacheBase {
 public:
  virtual ~StateCacheBase() = default;
};

template <typename State>
class StateCache : public StateCacheBase {
 public:
  static constexpr size_t kCapacity = 4096;

  std::optional<State> get(std::string_view stream) const {
    std::lock_guard lock(mu_);
    auto it = entries_.find(std::string(stream));
    if (it == entries_.end()) return std::nullopt;
    return it->second.state;
  }

  // Keeps `state` unless a newer version of the stream is kept already. `position` is the
  // position of the state's last event when it may not be durable yet (0 when it is);
  // `durable()` tells the log's durable head, asked only when an entry must make room (so that
  // a command does not take the store's head lock to put its state).
  template <typename Durable>
  void put(std::string_view stream, const State& state, uint64_t position, Durable&& durable) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(std::string(stream));
    if (it != entries_.end()) {
      if (it->second.state.version < state.version) it->second = Entry{state, position};
      return;
    }
    if (entries_.size() >= kCapacity) evict_one(durable());
    entries_.emplace(std::string(stream), Entry{state, position});
  }

 private:
  struct Entry {
    State state;
    uint64_t position;
  };

  void evict_one(uint64_t durable) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.position <= durable) {
        entries_.erase(it);
        return;
      }
    }
  }

  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace mandate::events
