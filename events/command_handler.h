#pragma once

// Command handling: load an aggregate by folding its stream, ask core to decide, append with
// the expected version, and decide again when another writer got there first. core stays free
// of storage; this is the one place that joins the two.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/caller.h"
#include "core/decision.h"
#include "core/directory.h"
#include "core/result.h"
#include "events/state_cache.h"
#include "events/store.h"

namespace mandate::events {

struct CommandOptions {
  // The version the client last saw (If-Match). When set, a different current version is
  // kVersionConflict and the command is not retried.
  std::optional<uint64_t> if_match;
  std::optional<IdempotencyKey> idempotency;
  std::string correlation_id;
};

template <typename State>
struct Handled {
  State state;  // The aggregate after the command (or after its first run, when replayed).
  AppendResult append;
};

// How many times a decision is re-made after losing a race before giving up with
// kVersionConflict. Commands on the same primary stream take turns (EventStore::decision_lock),
// so a race needs a decision writing to another's stream as a side effect: rare.
inline constexpr int kMaxDecisionAttempts = 8;

// Folds `stream` up to `max_version` into a State with evolve(State&, const RecordedEvent&),
// found by argument-dependent lookup in the State's namespace.
template <typename State>
core::Result<State> load_state(const EventStore& store, std::string_view stream,
                               uint64_t max_version = UINT64_MAX) {
  State state;
  // Versions run 1, 2, ... without gaps, so the first max_version events are those up to it.
  ASSIGN_OR_RETURN(auto events, store.read_stream(stream, 1, max_version));
  for (const auto& event : events) evolve(state, event);
  return state;
}

// Folds the events of `stream` after `state.version` (at most `limit`) into `state`.
template <typename State>
core::Status catch_up(const EventStore& store, std::string_view stream, State& state,
                      size_t limit = SIZE_MAX) {
  ASSIGN_OR_RETURN(auto events, store.read_stream(stream, state.version + 1, limit));
  for (const auto& event : events) evolve(state, event);
  return core::ok_status();
}

// The current state of `stream`: the last one a command saw, caught up (StateCache).
template <typename State>
core::Result<State> load_current_state(const EventStore& store, std::string_view stream) {
  auto& cache = StateCache<State>::instance();
  State state = cache.get(store.instance(), stream).value_or(State{});
  RETURN_IF_ERROR(catch_up(store, stream, state));
  cache.put(store.instance(), stream, state);
  return state;
}

// Runs `decide(const State&) -> Result<Decision>` against the current state of `stream` and
// appends its decision. The decision's first write should be to `stream` (the aggregate the
// answer is about); it may write to other streams too.
template <typename State, typename Decide>
core::Result<Handled<State>> execute(EventStore& store, std::string_view stream,
                                     const core::Caller& caller, const CommandOptions& options,
                                     Decide&& decide) {
  const AppendContext context{caller.actor(), options.correlation_id, ""};
  auto answer = [&](const AppendResult& append) -> core::Result<Handled<State>> {
    uint64_t version = UINT64_MAX;
    for (const auto& [s, v] : append.stream_versions) {
      if (s == stream) version = v;
    }
    ASSIGN_OR_RETURN(State state, load_state<State>(store, stream, version));
    return Handled<State>{std::move(state), append};
  };

  // Commands on one stream take turns; a retry is left only for a writer elsewhere (another
  // stream this decision also writes to). A repeat of an idempotent command waits its turn too,
  // so that it finds the first one's answer instead of deciding again.
  std::lock_guard turn(store.decision_lock(stream));
  if (options.idempotency) {
    ASSIGN_OR_RETURN(auto earlier, store.find_idempotent(*options.idempotency));
    if (earlier) return answer(*earlier);
  }
  for (int attempt = 0; attempt < kMaxDecisionAttempts; ++attempt) {
    ASSIGN_OR_RETURN(State state, load_current_state<State>(store, stream));
    // Visibility comes first: what the caller may not know of answers kNotFound, as what does
    // not exist does, whatever If-Match says. Then If-Match, and only then the decision's other
    // refusals. The conflict names the version the client sent, never the current one.
    auto decided = decide(static_cast<const State&>(state));
    if (!decided.ok() && decided.error().code == core::ErrorCode::kNotFound) {
      return decided.take_error();
    }
    if (options.if_match && *options.if_match != state.version) {
      return core::make_error(
          core::ErrorCode::kVersionConflict,
          std::string(stream) + " is no longer at version " + std::to_string(*options.if_match));
    }
    ASSIGN_OR_RETURN(core::Decision decision, std::move(decided));
    auto appended = store.append(decision, context, options.idempotency);
    if (appended.ok() && !appended->replayed) {
      // The state after: the one decided on, and the events this append gave the stream.
      size_t added = SIZE_MAX;
      for (const auto& [s, v] : appended->stream_versions) {
        if (s == stream) added = v - state.version;
      }
      if (added != SIZE_MAX) {
        RETURN_IF_ERROR(catch_up(store, stream, state, added));
        StateCache<State>::instance().put(store.instance(), stream, state);
        return Handled<State>{std::move(state), std::move(*appended)};
      }
    }
    if (appended.ok()) return answer(*appended);
    if (appended.error().code != core::ErrorCode::kVersionConflict || options.if_match) {
      return appended.take_error();
    }
  }
  return core::make_error(core::ErrorCode::kVersionConflict,
                          std::string(stream) + " kept changing; try again");
}

// A Directory answered from the log: an agency or task exists when its stream does; a task is
// settled when its stream, folded with core's evolve (through the StateCache commands share),
// says approved or cancelled. Thread-safe; `store` must outlive it.
class StoreDirectory : public core::Directory {
 public:
  explicit StoreDirectory(const EventStore& store, core::Authorities authorities = {},
                          int utc_offset_minutes = core::kVietnamUtcOffsetMinutes)
      : store_(store), authorities_(std::move(authorities)), utc_offset_minutes_(utc_offset_minutes) {}
  bool agency_exists(std::string_view id) const override;
  std::vector<std::string> agencies() const override;
  bool task_exists(std::string_view id) const override;
  bool transfer_known_to(std::string_view id, const core::Caller& caller) const override;
  bool task_settled(std::string_view id) const override;
  core::PlanFacts plan_facts(std::string_view plan) const override;
  std::string agency_parent(std::string_view id) const override;
  core::Authorities authorities() const override { return authorities_; }
  int utc_offset_minutes() const override { return utc_offset_minutes_; }

 private:
  const EventStore& store_;
  const core::Authorities authorities_;
  const int utc_offset_minutes_;
};

}  // namespace mandate::events
