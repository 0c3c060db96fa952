#include "http/applied_stream.h"

#include <string>

namespace mandate::http {

AppliedPositionSource::AppliedPositionSource(projections::ProjectionRunner& runner, uint64_t after)
    : runner_(runner), sent_(after) {}

std::shared_ptr<AppliedPositionSource> AppliedPositionSource::start(
    projections::ProjectionRunner& runner, uint64_t after) {
  auto source = std::make_shared<AppliedPositionSource>(runner, after);
  // The listener holds no strong reference: the connection owns the source.
  source->listener_ = runner.add_applied_listener(
      [weak = std::weak_ptr<AppliedPositionSource>(source)](uint64_t) {
        if (auto s = weak.lock()) s->wake();
      });
  return source;
}

void AppliedPositionSource::next(Deliver deliver) {
  std::unique_lock lock(mu_);
  if (cancelled_) {
    lock.unlock();
    return deliver(std::nullopt);
  }
  const uint64_t applied = runner_.applied();
  if (applied > sent_) {
    sent_ = applied;
    lock.unlock();
    const std::string position = std::to_string(applied);
    return deliver("id: " + position + "\nevent: applied\ndata: {\"position\":" + position +
                   "}\n\n");
  }
  waiting_ = std::move(deliver);
}

void AppliedPositionSource::wake() {
  std::unique_lock lock(mu_);
  if (!waiting_ || runner_.applied() <= sent_) return;
  auto deliver = std::move(waiting_);
  waiting_ = nullptr;
  lock.unlock();
  deliver(std::string());  // Ask again: the views moved on.
}

void AppliedPositionSource::cancel() {
  std::unique_lock lock(mu_);
  if (cancelled_) return;
  cancelled_ = true;
  const uint64_t listener = listener_;
  auto deliver = std::move(waiting_);
  waiting_ = nullptr;
  lock.unlock();
  runner_.remove_applied_listener(listener);
  if (deliver) deliver(std::nullopt);
}

}  // namespace mandate::http
