#pragma once

// Command handling: load an aggregate by folding its stream, ask core to decide, append with
// the expected version, and decide again when another writer got there first. core stays free
// of storage; this is the one place that joins the two.

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>

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
// kVersionConflict. Commands on the same primary stream take turns (CommandHandler), so a race
// needs a decision writing to another's stream as a side effect, or a state the cache had
// dropped while a newer one was still being synced: both rare.
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

// Runs commands against the log: load an aggregate's state, let core decide, append the
// decision with the expected versions, and decide again when another writer got there first.
//
// The path of one command, all on the caller's thread:
//   take the stream's turn -> state from the cache, caught up from the log -> decide ->
//   EventStore::append sequences the events -> fold them into the state, cache it, give the
//   turn to the next command -> wait for the batch's sync (or write it, as its leader) -> answer.
// The turn is never held across the sync: the next command on the stream decides on the cached
// state while this one's batch is written, and is sequenced behind it.
//
// Thread-safety: execute() may be called from any thread; `store` must outlive the handler.
class CommandHandler {
 public:
  explicit CommandHandler(EventStore& store) : store_(store) {}
  CommandHandler(const CommandHandler&) = delete;
  CommandHandler& operator=(const CommandHandler&) = delete;

  EventStore& store() { return store_; }
  const EventStore& store() const { return store_; }

  // Runs `decide(const State&) -> Result<Decision>` against the current state of `stream` and
  // appends its decision; returns once the append is durable. The decision's first write should
  // be to `stream` (the aggregate the answer is about); it may write to other streams too.
  template <typename State, typename Decide>
  core::Result<Handled<State>> execute(std::string_view stream, const core::Caller& caller,
                                       const CommandOptions& options, Decide&& decide);

  // The state of `stream` as the next command would see it (sequenced events included).
  template <typename State>
  core::Result<State> current_state(std::string_view stream) const;

 private:
  static constexpr size_t kTurns = 4096;

  std::mutex& turn(std::string_view stream) const {
    return turns_[std::hash<std::string_view>{}(stream) % kTurns];
  }
  template <typename State>
  StateCache<State>& cache() const;

  EventStore& store_;
  // Commands on one stream take turns; streams share kTurns mutexes.
  mutable std::array<std::mutex, kTurns> turns_;
  mutable std::mutex caches_mu_;
  mutable std::unordered_map<std::type_index, std::unique_ptr<StateCacheBase>> caches_;
};

template <typename State>
StateCache<State>& CommandHandler::cache() const {
  std::lock_guard lock(caches_mu_);
  auto& slot = caches_[std::type_index(typeid(State))];
  if (!slot) slot = std::make_unique<StateCache<State>>();
  return static_cast<StateCache<State>&>(*slot);
}

template <typename State>
core::Result<State> CommandHandler::current_state(std::string_view stream) const {
  auto& states = cache<State>();
  State state = states.get(stream).value_or(State{});
  // A cached state ahead of the durable log reads nothing more here.
  RETURN_IF_ERROR(catch_up(store_, stream, state));
  states.put(stream, state, 0, [this] { return store_.head().position; });
  return state;
}

template <typename State, typename Decide>
core::Result<Handled<State>> CommandHandler::execute(std::string_view stream,
                                                     const core::Caller& caller,
                                                     const CommandOptions& options,
                                                     Decide&& decide) {
  const AppendContext context{caller.actor(), options.correlation_id, ""};
  auto answer_replayed = [&](const AppendResult& append) -> core::Result<Handled<State>> {
    uint64_t version = UINT64_MAX;
    for (const auto& [s, v] : append.stream_versions) {
      if (s == stream) version = v;
    }
    ASSIGN_OR_RETURN(State state, load_state<State>(store_, stream, version));
    return Handled<State>{std::move(state), append};
  };

  for (int attempt = 0; attempt < kMaxDecisionAttempts; ++attempt) {
    std::unique_lock my_turn(turn(stream));
    // A repeat of an idempotent command answers as the first did instead of deciding again. It
    // looks under the turn, so that a first one sequenced just before is seen; it waits for
    // that one's sync without the turn.
    if (options.idempotency) {
      ASSIGN_OR_RETURN(bool known, store_.idempotency_key_known(options.idempotency->key));
      if (known) {
        my_turn.unlock();
        ASSIGN_OR_RETURN(auto earlier, store_.find_idempotent(*options.idempotency));
        if (earlier) return answer_replayed(*earlier);
        continue;  // The first one's write failed: decide as if it had never come.
      }
    }
    ASSIGN_OR_RETURN(State state, current_state<State>(stream));
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
    // Once sequenced, the state after is the one decided on with this append's events of the
    // stream folded in: it goes to the cache for the next command before the sync.
    auto appended =
        store_.append(decision, context, options.idempotency, [&](const Sequenced& sequenced) {
          uint64_t last = 0;
          for (const auto& event : sequenced.events) {
            if (event.stream != stream) continue;
            evolve(state, event);
            last = event.position;
          }
          cache<State>().put(stream, state, last, [this] { return store_.head().position; });
          my_turn.unlock();
        });
    if (my_turn.owns_lock()) my_turn.unlock();
    if (appended.ok() && appended->replayed) return answer_replayed(*appended);
    if (appended.ok()) return Handled<State>{std::move(state), std::move(*appended)};
    if (appended.error().code != core::ErrorCode::kVersionConflict || options.if_match) {
      return appended.take_error();
    }
    // The state decided on was behind what is sequenced: decide again once the log has it.
    store_.wait_for(store_.tip().position, std::chrono::seconds(5));
  }
  return core::make_error(core::ErrorCode::kVersionConflict,
                          std::string(stream) + " kept changing; try again");
}

// A Directory answered from the log: an agency or task exists when its stream does; a task is
// settled when its state, as the handler's commands see it, says approved or cancelled.
// Thread-safe; `commands` must outlive it.
class StoreDirectory : public core::Directory {
 public:
  explicit StoreDirectory(const CommandHandler& commands, core::Authorities authorities = {},
                          int utc_offset_minutes = core::kVietnamUtcOffsetMinutes)
      : commands_(commands),
        authorities_(std::move(authorities)),
        utc_offset_minutes_(utc_offset_minutes) {}
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
  const EventStore& store() const { return commands_.store(); }

  const CommandHandler& commands_;
  const core::Authorities authorities_;
  const int utc_offset_minutes_;
};

}  // namespace mandate::events
