#pragma once

// The current state of every aggregate of one kind (every plan, every task, ...), folded with
// core's own evolve(): the read side answers with exactly the state the write side decides
// against. Streams are "<kind>:<id>"; this view keeps those whose kind it was given.
//
// Thread-safety: none of its own; the ProjectionRunner's lock guards it.

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/event.h"
#include "projections/projection.h"

namespace mandate::projections {

template <typename State>
class AggregateView : public Projection {
 public:
  // `kind` is the stream prefix without the colon, e.g. "plan".
  explicit AggregateView(std::string kind) : kind_(kind), prefix_(std::move(kind) + ":") {}

  AggregateView(const AggregateView&) = delete;  // index_ points into states_.
  AggregateView& operator=(const AggregateView&) = delete;

  std::string_view name() const override { return kind_; }
  bool follows(std::string_view stream) const override { return stream.starts_with(prefix_); }

  void apply(const core::RecordedEvent& event) override {
    if (auto [id, state] = folding(event); state != nullptr) evolve(*state, event);
  }

  void clear() override {
    index_.clear();
    states_.clear();
  }
  void save(snapshot::Writer& out) const override { snapshot::put(out, states_); }
  bool load(snapshot::Reader& in) override {
    index_.clear();
    if (!snapshot::get(in, states_)) return false;
    index_.reserve(states_.size());
    for (auto& [key, state] : states_) index_.emplace(key, &state);
    return true;
  }
  uint64_t shape() const override { return snapshot::shape_fingerprint<States>(); }

  // The aggregate with this id, or nullptr. Valid until the next apply().
  const State* find(std::string_view id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : it->second;
  }

  // Every aggregate, in id order.
  const std::map<std::string, State, std::less<>>& all() const { return states_; }

 protected:
  using States = std::map<std::string, State, std::less<>>;

  // The state `event` folds into, made empty on its stream's first event, with its id (which
  // views the map's key: valid as long as the state); a null state when the event is of
  // another kind. A view that indexes its states calls this, then evolve(), then indexes the
  // state again.
  std::pair<std::string_view, State*> folding(const core::RecordedEvent& event) {
    if (event.stream.compare(0, prefix_.size(), prefix_) != 0) return {{}, nullptr};
    const std::string_view id = std::string_view(event.stream).substr(prefix_.size());
    if (auto it = index_.find(id); it != index_.end()) return {it->first, it->second};
    auto& [key, fresh] = *states_.emplace(std::string(id), State()).first;
    index_.emplace(key, &fresh);
    return {key, &fresh};
  }

 private:
  std::string kind_;
  std::string prefix_;
  States states_;
  // The same states by id, for lookups in one hash probe instead of a walk down the tree (the
  // walk dominated a rebuild of a log with tens of thousands of tasks). Keys view the map's
  // keys, and map nodes never move.
  std::unordered_map<std::string_view, State*> index_;
};

}  // namespace mandate::projections
