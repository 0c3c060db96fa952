#include "http/applied_broadcast.h"

namespace mandate::http {

AppliedBroadcast::AppliedBroadcast(projections::ProjectionRunner& runner,
                                   std::chrono::milliseconds interval)
    : runner_(runner), interval_(interval) {
  thread_ = std::thread([this] { run(); });
  listener_ = runner_.add_applied_listener([this](uint64_t) {
    {
      std::lock_guard lock(mu_);
      moved_ = true;
    }
    cv_.notify_one();
  });
}

AppliedBroadcast::~AppliedBroadcast() {
  runner_.remove_applied_listener(listener_);
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

uint64_t AppliedBroadcast::add(std::function<void()> wake) {
  return wakes_.add([wake = std::move(wake)](uint64_t) { wake(); });
}

void AppliedBroadcast::remove(uint64_t id) { wakes_.remove(id); }

void AppliedBroadcast::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return moved_ || stopping_; });
    if (stopping_) return;
    moved_ = false;
    lock.unlock();
    // Each stream reads the position itself when it is woken: the latest, whatever came
    // between.
    wakes_.notify(0);
    lock.lock();
    // The next wake no sooner than an interval from now; a stop ends the wait at once.
    cv_.wait_for(lock, interval_, [&] { return stopping_; });
    if (stopping_) return;
  }
}

}  // namespace mandate::http
