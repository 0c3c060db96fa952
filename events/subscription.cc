#include "events/subscription.h"

#include <algorithm>

namespace mandate::events {

Subscription::Subscription(const EventStore& store, uint64_t from)
    : store_(store), next_(std::max<uint64_t>(from, 1)) {}

core::Result<std::vector<core::RecordedEvent>> Subscription::next(size_t max,
                                                                  std::chrono::milliseconds wait) {
  if (cancelled_.load()) return std::vector<core::RecordedEvent>{};
  if (store_.head().position < next_) {
    store_.wait_for(next_, wait, &cancelled_);
    if (cancelled_.load()) return std::vector<core::RecordedEvent>{};
  }
  ASSIGN_OR_RETURN(auto events, store_.read_all(next_, max));
  if (!events.empty()) next_ = events.back().position + 1;
  return events;
}

void Subscription::cancel() {
  cancelled_.store(true);
  store_.wake_waiters();
}

}  // namespace mandate::events
