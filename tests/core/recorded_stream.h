#pragma once

// Test helpers for the agency, user, transfer and incident tests: times from text, callers, and
// a stream that records what decide() decided and folds it, as the store and the command
// handler would.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "core/caller.h"
#include "core/decision.h"
#include "core/directory.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"
#include "core/vocabulary.h"

namespace mandate::core::testkit {

inline Instant at(std::string_view rfc3339) {
  const auto i = parse_instant(rfc3339);
  MANDATE_CHECK(i.has_value(), "a test instant is RFC 3339");
  return *i;
}

inline Date on(std::string_view ymd) {
  const auto d = parse_date(ymd);
  MANDATE_CHECK(d.has_value(), "a test date is YYYY-MM-DD");
  return *d;
}

inline Caller person(std::string user, std::string agency, std::vector<Role> roles,
                     Clearance clearance = Clearance::kSecret) {
  return Caller{std::move(user), std::move(agency), std::move(roles), clearance};
}
inline Caller root(Clearance clearance = Clearance::kTopSecret) {
  return person("admin", "", {Role::kAdmin}, clearance);
}

// An event as the store holds it, for tests that build a state by hand.
inline RecordedEvent recorded(std::string stream, uint64_t version, EventData data,
                              Instant recorded_at = {}, Actor actor = {}) {
  RecordedEvent e;
  e.position = version;
  e.stream = std::move(stream);
  e.version = version;
  e.recorded_at = recorded_at;
  e.occurred_at = recorded_at;
  e.actor = std::move(actor);
  e.data = std::move(data);
  return e;
}

// The events of `decision` as the store would record them: consecutive positions from
// `first_position`, versions following each write's expected version, `recorded_at` for every
// event, occurred_at as decided or else recorded_at, `by` as actor.
inline std::vector<RecordedEvent> record(const Decision& decision, uint64_t first_position,
                                         Instant recorded_at, const Caller& by) {
  std::vector<RecordedEvent> out;
  for (const StreamWrite& w : decision) {
    uint64_t version = w.expected_version;
    for (const NewEvent& e : w.events) {
      RecordedEvent r;
      r.position = first_position + out.size();
      r.stream = w.stream;
      r.version = ++version;
      r.recorded_at = recorded_at;
      r.occurred_at = e.occurred_at.value_or(recorded_at);
      r.actor = by.actor();
      r.data = e.data;
      out.push_back(std::move(r));
    }
  }
  return out;
}

// One aggregate's stream: run() decides a command against the current state and, when the
// decision is ok, records and folds its events. Not thread-safe.
template <typename State>
class Stream {
 public:
  template <typename Command>
  Result<Decision> run(const Command& command, const Caller& caller, Instant now,
                       const Directory& directory) {
    Result<Decision> decided = decide(state_, command, caller, now, directory);
    if (!decided.ok()) return decided;
    REQUIRE(decided->size() == 1);
    const StreamWrite& write = decided->front();
    if (name_.empty()) name_ = write.stream;
    REQUIRE(write.stream == name_);
    REQUIRE(write.expected_version == state_.version);
    for (RecordedEvent& e : record(*decided, events_.size() + 1, now, caller)) {
      evolve(state_, e);
      events_.push_back(std::move(e));
    }
    return decided;
  }

  // Runs a command that must succeed.
  template <typename Command>
  void given(const Command& command, const Caller& caller, Instant now,
             const Directory& directory) {
    const Result<Decision> decided = run(command, caller, now, directory);
    INFO((decided.ok() ? std::string() : decided.error().message));
    REQUIRE(decided.ok());
  }

  const State& state() const { return state_; }
  const std::vector<RecordedEvent>& events() const { return events_; }
  const std::string& name() const { return name_; }

  // The state folded again from nothing.
  State refold() const {
    State s;
    for (const RecordedEvent& e : events_) evolve(s, e);
    return s;
  }

 private:
  State state_;
  std::string name_;
  std::vector<RecordedEvent> events_;
};

// "code field" of a failed Result, or "ok": one string that a table row can expect.
template <typename T>
std::string outcome(const Result<T>& result) {
  if (result.ok()) return "ok";
  const Error& e = result.error();
  return std::string(error_code_name(e.code)) + (e.field.empty() ? "" : " " + e.field);
}

}  // namespace mandate::core::testkit
