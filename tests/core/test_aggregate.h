#pragma once

// One aggregate driven through its commands as the command handler drives it, for the tests
// that walk an agency, a user, a transfer or an incident through its life.

#include <cstddef>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/caller.h"
#include "core/decision.h"
#include "core/directory.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"
#include "tests/core/test_descriptions.h"
#include "tests/core/test_log.h"

namespace mandate::core::testing {

// run() decides a command against the state and, when the decision is ok, appends it to the
// aggregate's own TestLog, recorded at the instant it was decided, and evolves the state by
// what was recorded. The state is kept step by step, as the handler's cache keeps it, so that
// refold() can check it against a fold from nothing. A copy is a separate aggregate with the
// same past. Not thread-safe.
template <typename State>
class TestAggregate {
 public:
  template <typename Command>
  Result<Decision> run(const Command& command, const Caller& caller, Instant now,
                       const Directory& directory) {
    Result<Decision> decided = decide(state_, command, caller, now, directory);
    if (!decided.ok()) return decided;
    // One write, to this aggregate's stream, guarded by the version the state was decided at.
    REQUIRE(decided->size() == 1);
    const StreamWrite& write = decided->front();
    if (stream_.empty()) stream_ = write.stream;
    REQUIRE(write.stream == stream_);
    REQUIRE(write.expected_version == state_.version);
    const size_t before = log_.all().size();
    log_.set_clock(now);
    REQUIRE(log_.append(*decided, caller));
    for (size_t i = before; i < log_.all().size(); ++i) evolve(state_, log_.all()[i]);
    return decided;
  }

  // Runs a command that must succeed: how a test builds the aggregate's past.
  template <typename Command>
  void given(const Command& command, const Caller& caller, Instant now,
             const Directory& directory) {
    const Result<Decision> decided = run(command, caller, now, directory);
    INFO(describe(decided));
    REQUIRE(decided.ok());
  }

  const State& state() const { return state_; }
  // Every event of the aggregate, as recorded: its log holds its stream alone.
  const std::vector<RecordedEvent>& events() const { return log_.all(); }
  // The aggregate's stream, empty until a command is accepted.
  const std::string& stream() const { return stream_; }

  // The state folded again from nothing.
  State refold() const { return log_.fold<State>(stream_); }

 private:
  TestLog log_;
  State state_;
  std::string stream_;
};

}  // namespace mandate::core::testing
