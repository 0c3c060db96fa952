#pragma once

// Every task (an AggregateView of core::TaskState), with what the views ask of the tasks kept
// as the events are applied instead of found by walking every task on every read:
//   - the tasks of each plan, and of each agency holding an assignment, in id order;
//   - the tasks that can still fall overdue, by the day after which they are;
//   - each plan's assignments counted by year, phase, agency and status (AgencyCounts), with
//     the days after which the open ones are overdue.
// A read then costs what its answer holds, not what the log holds: phase status walks the
// plan's agencies, the inbox one agency's tasks, overdue the tasks already late. A loaded
// snapshot leaves the indexes to the first read, which builds them from the states.
//
// Thread-safety: the ProjectionRunner's lock guards it, as every view's; readers under its
// shared lock may call the index accessors at once (the first builds, under a mutex of its own).

#include <array>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/task.h"
#include "projections/aggregate_view.h"

namespace mandate::projections {

// One agency's assignments in one phase (or the standing tasks) of one plan, for the tasks of
// one year (or of no particular year).
struct StatusCounts {
  std::array<int, 6> by_status{};  // Indexed by core::AssignmentStatus.
  // For the assignments that can fall overdue as they stand: the day after which they are ->
  // how many (a day per row, not a node per assignment: the rows share few days).
  std::map<int32_t, int> overdue_after;

  int assigned() const;
  int overdue_on(core::Date on) const;  // Those overdue on `on`.
};

// agency -> counts, in agency order.
using AgencyCounts = std::map<std::string, StatusCounts, std::less<>>;

class TaskView : public AggregateView<core::TaskState> {
 public:
  TaskView() : AggregateView("task") {}

  void apply(const core::RecordedEvent& event) override;
  void clear() override;
  bool load(snapshot::Reader& in) override;

  using Ids = std::set<std::string_view>;

  // The tasks of `plan`, or of which `agency` holds an assignment, by id. Valid until the next
  // apply().
  const Ids& of_plan(std::string_view plan) const;
  const Ids& of_agency(std::string_view agency) const;

  // The tasks that can still fall overdue (core::overdue_after), by that day and then id: those
  // overdue on a day are a prefix.
  const std::set<std::pair<int32_t, std::string_view>>& by_overdue_after() const {
    indexed();
    return by_overdue_after_;
  }

  // The counts of `plan`'s tasks of `year` (nullopt: the tasks of no particular year, which
  // count in every year) in `phase` ("" for the standing tasks), or nullptr when none counts.
  // On_event duties and rules are not counted.
  const AgencyCounts* counts(std::string_view plan, std::optional<int32_t> year,
                             std::string_view phase) const;

 private:
  // One assignment as it was last counted.
  struct Counted {
    // Views its key in of_agency_, which stays while the task holds an assignment of it.
    std::string_view agency;
    core::AssignmentStatus status;
    std::optional<int32_t> overdue_after;
    StatusCounts* counts;  // Map nodes never move.
  };
  // What one task was last indexed as, to take it back out when it changes.
  struct Indexed {
    std::string plan;
    std::optional<int32_t> year;
    std::string phase;
    bool counts = false;  // Neither an on_event duty nor a rule.
    std::vector<Counted> assignments;
    std::optional<int32_t> overdue_after;
  };
  // phase -> agencies; year -> phases; plan -> years.
  using Phases = std::map<std::string, AgencyCounts, std::less<>>;
  using Years = std::map<std::optional<int32_t>, Phases>;

  void reindex(std::string_view id, const core::TaskState& task);
  void count(Counted& c);
  // Takes c out of its row (of `where`'s plan, year and phase), and the row out when empty.
  void uncount(const Indexed& where, Counted& c);
  // Unless `task` still has another assignment of `agency`.
  void unindex_agency(std::string_view agency, std::string_view id, const core::TaskState& task);
  void clear_indexes();
  // Builds every index from the states when a load left them to the first read (a replay
  // for one `as_of` answer, or the start of a server, pays for them only if a view asks).
  void indexed() const;

  std::unordered_map<std::string_view, Indexed> indexed_;
  std::map<std::string, Ids, std::less<>> of_plan_;
  std::map<std::string, Ids, std::less<>> of_agency_;
  std::set<std::pair<int32_t, std::string_view>> by_overdue_after_;
  std::map<std::string, Years, std::less<>> counts_;
  // Set by load(): the indexes are empty and wait for the first read (indexed()).
  bool stale_ = false;
  mutable std::mutex stale_mu_;
};

}  // namespace mandate::projections
