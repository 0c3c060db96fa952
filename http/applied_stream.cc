#include "http/applied_stream.h"

#include <string>

namespace mandate::http {

AppliedPositionSource::AppliedPositionSource(projections::ProjectionRunner& runner, uint64_t after)
    : runner_(runner), sent_(after) {}

std::shared_ptr<AppliedPositionSource> AppliedPositionSource::start(
    projections::ProjectionRunner& runner, uint64_t after) {
  auto source = std::make_shared<AppliedPositionSource>(runner, after);
  // The listener holds no strong reference: the connection owns the source.
  source->listener_ =
      runner.add_applied_listener([weak = std::weak_ptr<AppliedPositionSource>(source)](uint64_t) {
        if (auto s = weak.lock()) s->parked_.wake();
      });
  return source;
}

void AppliedPositionSource::next(Deliver deliver) {
  if (parked_.cancelled()) return deliver(std::nullopt);
  const uint64_t applied = runner_.applied();
  if (applied <= sent_) {
    return parked_.park(std::move(deliver), [&] { return runner_.applied() > sent_; });
  }
  // Only the latest position: a burst of commits gives one message.
  sent_ = applied;
  const std::string position = std::to_string(applied);
  deliver("id: " + position + "\nevent: applied\ndata: {\"position\":" + position + "}\n\n");
}

void AppliedPositionSource::cancel() {
  if (parked_.cancel()) runner_.remove_applied_listener(listener_);
}

}  // namespace mandate::http
