#pragma once

// A generated history of a province at work, appended to a real store: the seed plans, then
// copies of them issued again and again, tasks acknowledged, worked, submitted, approved and
// returned, extended and revised, difficulties raised and answered, transfers requested and
// decided, incidents reported and investigated. Every command is decided by core as the
// server would decide it, so the log holds only what the domain allows.
//
// The generator folds each event it appends, one by one, into its own Views: the state
// reached incrementally, for tests to hold rebuilt and snapshot-restored views against.
//
// Deterministic for a given seed and clock start. Thread-compatible.

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "events/command_handler.h"
#include "events/store.h"
#include "projections/views.h"

namespace mandate::testing {

class HistoryGenerator {
 public:
  // `store` must outlive the generator, and be opened with `clock()` as its clock (so that
  // recorded_at and the generator's "now" agree) and sync off for speed where durability is
  // not what is tested.
  HistoryGenerator(events::EventStore& store, uint32_t seed, std::string plans_dir);

  // A clock for the store: starts on 2025-01-06 and moves 90 seconds per reading.
  static std::function<core::Instant()> clock();

  // Loads the seed plans (agencies and the four plans) on the first call, then runs commands
  // until the log holds at least `events` events.
  core::Status run(uint64_t events);

  // The views folded event by event from everything appended.
  const projections::Views& views() const { return views_; }
  uint64_t head() const { return store_.head().position; }

  // Called after each append with the new head, once the views have folded it.
  std::function<void(uint64_t)> after_append;

 private:
  core::Status seed();
  core::Status step();
  core::Status append(const core::Decision& decision, const core::Caller& caller);
  core::Status feed();

  core::Status work_on_task();
  core::Status new_plan();
  core::Status transfer();
  core::Status incident();
  core::Status difficulty();

  int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return below(100) < percent; }
  core::Instant now() const;
  core::Caller officer_of(const std::string& agency) const;

  events::EventStore& store_;
  events::CommandHandler commands_;
  std::mt19937 rng_;
  std::string plans_dir_;
  projections::Views views_;
  std::vector<core::PlanDrafted> seed_drafts_;
  std::vector<std::string> agencies_;
  std::vector<std::string> open_tasks_;
  std::vector<std::string> open_transfers_;
  std::vector<std::string> open_incidents_;
  std::vector<std::string> difficulties_;
  bool seeded_ = false;
  uint64_t fed_ = 0;  // The last position folded into views_.
  core::Instant last_recorded_;
  int copies_ = 0;
  int counter_ = 0;
};

}  // namespace mandate::testing
