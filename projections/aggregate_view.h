#pragma once

// The current state of every aggregate of one kind (every plan, every task, ...), folded with
// core's own evolve(): the read side answers with exactly the state the write side decides
// against. Streams are "<kind>:<id>"; this view keeps those whose kind it was given.
//
// Thread-safety: none of its own; the ProjectionRunner's lock guards it.

#include <map>
#include <string>
#include <string_view>

#include "core/event.h"
#include "projections/projection.h"

namespace mandate::projections {

template <typename State>
class AggregateView : public Projection {
 public:
  // `kind` is the stream prefix without the colon, e.g. "plan".
  explicit AggregateView(std::string kind) : kind_(kind), prefix_(std::move(kind) + ":") {}

  std::string_view name() const override { return kind_; }

  void apply(const core::RecordedEvent& event) override {
    if (event.stream.compare(0, prefix_.size(), prefix_) != 0) return;
    // Looked up by a view of the id: most events find their aggregate and copy nothing.
    const std::string_view id = std::string_view(event.stream).substr(prefix_.size());
    auto it = states_.find(id);
    if (it == states_.end()) it = states_.emplace(std::string(id), State()).first;
    evolve(it->second, event);
  }

  void clear() override { states_.clear(); }
  void save(snapshot::Writer& out) const override { snapshot::put(out, states_); }
  bool load(snapshot::Reader& in) override { return snapshot::get(in, states_); }
  uint64_t shape() const override { return snapshot::shape_fingerprint<States>(); }

  // The aggregate with this id, or nullptr. Valid until the next apply().
  const State* find(std::string_view id) const {
    auto it = states_.find(id);
    return it == states_.end() ? nullptr : &it->second;
  }

  // Every aggregate, in id order.
  const std::map<std::string, State, std::less<>>& all() const { return states_; }

 private:
  using States = std::map<std::string, State, std::less<>>;

  std::string kind_;
  std::string prefix_;
  States states_;
};

}  // namespace mandate::projections
