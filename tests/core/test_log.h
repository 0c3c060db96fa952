#pragma once

// An in-memory log that appends Decisions as the store would.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/caller.h"
#include "core/decision.h"
#include "core/event.h"
#include "core/time.h"
#include "core/vocabulary.h"
#include "tests/core/test_callers.h"
#include "tests/core/test_time.h"

namespace mandate::core::testing {

// Appends as the store does: a Decision entirely or not at all, each write's expected version
// checked against its stream. Every event gets the next global position, the next version of
// its stream, the caller as actor and recorded_at = the log's clock, which then advances by one
// second. Not thread-safe.
class TestLog {
 public:
  explicit TestLog(Instant start = instant("2025-01-01T00:00:00Z")) : clock_(start) {}

  // False, appending nothing, when an expected version does not match.
  bool append(const Decision& decision, const Caller& by) {
    std::map<std::string, uint64_t> heads;
    for (const StreamWrite& w : decision) {
      auto [it, fresh] = heads.try_emplace(w.stream, version(w.stream));
      if (it->second != w.expected_version) return false;
      it->second += w.events.size();
    }
    for (const StreamWrite& w : decision) {
      for (const NewEvent& e : w.events) record(w.stream, e.data, by, e.occurred_at);
    }
    return true;
  }

  // Appends events to one stream without a decision: how a test builds history.
  void append(const std::string& stream, const std::vector<EventData>& events,
              const Caller& by = admin()) {
    for (const EventData& e : events) record(stream, e, by, std::nullopt);
  }

  // Moves the clock to `now`, back as well as forward: a test that decides at instants of its
  // own has each decision recorded at the instant it was decided.
  void set_clock(Instant now) { clock_ = now; }

  uint64_t version(std::string_view stream) const {
    auto it = versions_.find(std::string(stream));
    return it == versions_.end() ? 0 : it->second;
  }

  std::vector<RecordedEvent> stream(std::string_view name) const {
    std::vector<RecordedEvent> out;
    for (const RecordedEvent& e : events_) {
      if (e.stream == name) out.push_back(e);
    }
    return out;
  }

  const std::vector<RecordedEvent>& all() const { return events_; }
  Instant clock() const { return clock_; }

  // The state of one stream folded from nothing.
  template <typename State>
  State fold(std::string_view name) const {
    State state;
    for (const RecordedEvent& e : events_) {
      if (e.stream == name) evolve(state, e);
    }
    return state;
  }

 private:
  void record(const std::string& stream, const EventData& data, const Caller& by,
              std::optional<Instant> occurred_at) {
    RecordedEvent e;
    e.position = events_.size() + 1;
    e.stream = stream;
    e.version = ++versions_[stream];
    e.recorded_at = clock_;
    e.occurred_at = occurred_at.value_or(clock_);
    e.actor = by.actor();
    e.data = data;
    events_.push_back(std::move(e));
    clock_.micros += kMicrosPerSecond;
  }

  Instant clock_;
  std::vector<RecordedEvent> events_;
  std::map<std::string, uint64_t> versions_;
};

}  // namespace mandate::core::testing
