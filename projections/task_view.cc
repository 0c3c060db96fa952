#include "projections/task_view.h"

#include <algorithm>
#include <iterator>
#include <numeric>

namespace mandate::projections {
namespace {

std::optional<int32_t> days_of(std::optional<core::Date> date) {
  if (!date) return std::nullopt;
  return date->days;
}

bool counted_kind(const core::TaskState& task) {
  return task.kind != core::TaskKind::kOnEvent && task.kind != core::TaskKind::kRule;
}

const TaskView::Ids kNoIds;

}  // namespace

int StatusCounts::assigned() const {
  return std::accumulate(by_status.begin(), by_status.end(), 0);
}

int StatusCounts::overdue_on(core::Date on) const {
  int n = 0;
  for (auto it = overdue_after.begin(); it != overdue_after.end() && it->first < on.days; ++it) {
    n += it->second;
  }
  return n;
}

void TaskView::apply(const core::RecordedEvent& event) {
  auto [id, task] = folding(event);
  if (task == nullptr) return;
  evolve(*task, event);
  // Behind a load, the first read builds every index from the states: none is kept meanwhile.
  if (!stale_) reindex(id, *task);
}

void TaskView::clear() {
  clear_indexes();
  stale_ = false;  // No task: the empty indexes are right.
  AggregateView::clear();
}

bool TaskView::load(snapshot::Reader& in) {
  const bool loaded = AggregateView::load(in);
  clear_indexes();
  stale_ = true;
  return loaded;
}

void TaskView::clear_indexes() {
  indexed_.clear();
  of_plan_.clear();
  of_agency_.clear();
  by_overdue_after_.clear();
  counts_.clear();
}

void TaskView::indexed() const {
  // Readers hold the runner's shared lock, so apply(), load() and clear() wait; the first reader
  // builds, the others wait here for it, and none reads an index while it is being built.
  std::lock_guard lock(stale_mu_);
  if (!stale_) return;
  auto& self = const_cast<TaskView&>(*this);
  for (const auto& [id, task] : all()) self.reindex(id, task);
  self.stale_ = false;
}

const TaskView::Ids& TaskView::of_plan(std::string_view plan) const {
  indexed();
  auto it = of_plan_.find(plan);
  return it == of_plan_.end() ? kNoIds : it->second;
}

const TaskView::Ids& TaskView::of_agency(std::string_view agency) const {
  indexed();
  auto it = of_agency_.find(agency);
  return it == of_agency_.end() ? kNoIds : it->second;
}

const AgencyCounts* TaskView::counts(std::string_view plan, std::optional<int32_t> year,
                                     std::string_view phase) const {
  indexed();
  auto p = counts_.find(plan);
  if (p == counts_.end()) return nullptr;
  auto y = p->second.find(year);
  if (y == p->second.end()) return nullptr;
  auto ph = y->second.find(phase);
  return ph == y->second.end() ? nullptr : &ph->second;
}

void TaskView::count(Counted& c) {
  if (c.counts == nullptr) return;
  ++c.counts->by_status[static_cast<size_t>(c.status)];
  if (c.overdue_after) ++c.counts->overdue_after[*c.overdue_after];
}

void TaskView::uncount(const Indexed& where, Counted& c) {
  if (c.counts == nullptr) return;
  --c.counts->by_status[static_cast<size_t>(c.status)];
  if (c.overdue_after) {
    auto day = c.counts->overdue_after.find(*c.overdue_after);
    if (--day->second == 0) c.counts->overdue_after.erase(day);
  }
  if (c.counts->assigned() == 0) {
    // No assignment counts here any more, so nothing points to it: an agency with no
    // assignment left has no row, as one that never had any.
    AgencyCounts& rows = counts_[where.plan][where.year][where.phase];
    if (auto row = rows.find(c.agency); row != rows.end()) rows.erase(row);
  }
  c.counts = nullptr;
}

void TaskView::unindex_agency(std::string_view agency, std::string_view id,
                              const core::TaskState& task) {
  if (core::find_assignment(task, agency) != nullptr) return;  // Another part is its own.
  if (auto it = of_agency_.find(agency); it != of_agency_.end()) {
    it->second.erase(id);
    if (it->second.empty()) of_agency_.erase(it);
  }
}

void TaskView::reindex(std::string_view id, const core::TaskState& task) {
  Indexed& ix = indexed_[id];

  if (ix.plan != task.plan) {
    if (auto it = of_plan_.find(ix.plan); it != of_plan_.end()) {
      it->second.erase(id);
      if (it->second.empty()) of_plan_.erase(it);
    }
    if (!task.plan.empty()) of_plan_[task.plan].insert(id);
  }

  // Where its assignments count; when that moves, every one is counted again.
  const std::string_view phase = task.phase ? std::string_view(*task.phase) : std::string_view();
  const bool counts = counted_kind(task);
  // The rows of that place, looked up once, and only when an assignment is counted anew.
  AgencyCounts* place = nullptr;
  const auto row_of = [&](std::string_view agency) -> StatusCounts* {
    if (!counts) return nullptr;
    if (place == nullptr) place = &counts_[ix.plan][ix.year][ix.phase];
    auto it = place->find(agency);
    if (it == place->end()) it = place->emplace(std::string(agency), StatusCounts()).first;
    return &it->second;
  };
  if (ix.plan != task.plan || ix.year != task.occurrence_year || ix.phase != phase ||
      ix.counts != counts) {
    for (auto& c : ix.assignments) uncount(ix, c);
    ix.plan = task.plan;
    ix.year = task.occurrence_year;
    ix.phase = std::string(phase);
    ix.counts = counts;
    for (auto& c : ix.assignments) {
      c.counts = row_of(c.agency);
      count(c);
    }
  }

  // Assignments are only ever added, or replaced all at once (TaskAssigned): the parts whose
  // agency is where it was are updated in place, the rest counted again.
  size_t same = 0;
  for (; same < std::min(ix.assignments.size(), task.assignments.size()); ++same) {
    const core::Assignment& a = task.assignments[same];
    Counted& c = ix.assignments[same];
    if (c.agency != a.agency) break;
    const auto after = days_of(core::overdue_after(task, a));
    if (c.status == a.status && c.overdue_after == after) continue;
    // Counted before it is taken out, so that its row never empties on the way.
    Counted now{c.agency, a.status, after, c.counts};
    count(now);
    uncount(ix, c);
    c = now;
  }
  // Copied: the names view keys of of_agency_ that unindex_agency may erase.
  std::vector<std::string> gone;
  for (size_t i = same; i < ix.assignments.size(); ++i) {
    uncount(ix, ix.assignments[i]);
    gone.emplace_back(ix.assignments[i].agency);
  }
  ix.assignments.resize(same);
  ix.assignments.reserve(task.assignments.size());
  for (size_t i = same; i < task.assignments.size(); ++i) {
    const core::Assignment& a = task.assignments[i];
    auto agency = of_agency_.find(a.agency);
    if (agency == of_agency_.end()) agency = of_agency_.emplace(a.agency, Ids()).first;
    agency->second.insert(id);
    Counted c{agency->first, a.status, days_of(core::overdue_after(task, a)), row_of(a.agency)};
    count(c);
    ix.assignments.push_back(c);
  }
  for (const auto& agency : gone) unindex_agency(agency, id, task);

  const auto after = days_of(core::overdue_after(task));
  if (after != ix.overdue_after) {
    if (ix.overdue_after) by_overdue_after_.erase({*ix.overdue_after, id});
    if (after) by_overdue_after_.insert({*after, id});
    ix.overdue_after = after;
  }
}

}  // namespace mandate::projections
