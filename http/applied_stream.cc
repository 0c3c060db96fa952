#include "http/applied_stream.h"

#include <string>

namespace mandate::http {

AppliedPositionSource::AppliedPositionSource(projections::ProjectionRunner& runner,
                                             AppliedBroadcast& broadcast, uint64_t after)
    : runner_(runner), broadcast_(broadcast), sent_(after) {}

std::shared_ptr<AppliedPositionSource> AppliedPositionSource::start(
    projections::ProjectionRunner& runner, AppliedBroadcast& broadcast, uint64_t after) {
  auto source = std::make_shared<AppliedPositionSource>(runner, broadcast, after);
  // The listener holds no strong reference: the connection owns the source.
  source->listener_ = broadcast.add([weak = std::weak_ptr<AppliedPositionSource>(source)] {
    if (auto s = weak.lock()) {
      s->woken_ = true;  // Before the wake, so that a park() that missed it sees it.
      s->parked_.wake();
    }
  });
  return source;
}

void AppliedPositionSource::next(Deliver deliver) {
  if (parked_.cancelled()) return deliver(std::nullopt);
  // A message only after a wake of the broadcast (or the first at once): a stream whose write
  // has just finished would otherwise send again for every batch, however fast they come.
  // The wake is taken before the position is read, so a move after this read wakes it again.
  const auto moved = [&] { return woken_.load() && runner_.applied() > sent_; };
  if (!woken_.exchange(false)) return parked_.park(std::move(deliver), moved);
  const uint64_t applied = runner_.applied();
  if (applied <= sent_) return parked_.park(std::move(deliver), moved);
  // Only the latest position: a burst of commits gives one message.
  sent_ = applied;
  const std::string position = std::to_string(applied);
  deliver("id: " + position + "\nevent: applied\ndata: {\"position\":" + position + "}\n\n");
}

void AppliedPositionSource::cancel() {
  if (parked_.cancel()) broadcast_.remove(listener_);
}

}  // namespace mandate::http
