#pragma once

// What both Server-Sent Events sources (event_stream.h, applied_stream.h) do while there is
// nothing to send: keep the connection's Deliver until a listener says the position moved,
// then ask it to read again; end it at once when the client goes. One mutex, and a check once
// parked, so that a wake between the source's last look and park() is not lost.
//
// Thread-safe: park() from the source's next(), wake() from a listener, cancel() from anywhere.

#include <functional>
#include <mutex>

#include "http/server.h"

namespace mandate::http {

class ParkedReader {
 public:
  using Deliver = StreamSource::Deliver;

  bool cancelled() {
    std::lock_guard lock(mu_);
    return cancelled_;
  }

  // Keeps `deliver` until wake() or cancel(). When `moved()` (asked once parked) says that what
  // the source waits for came meanwhile, deliver is asked again at once instead; after cancel()
  // it gets the end at once.
  void park(Deliver deliver, const std::function<bool()>& moved) {
    std::unique_lock lock(mu_);
    if (cancelled_) {
      lock.unlock();
      return deliver(std::nullopt);
    }
    if (moved()) {
      lock.unlock();
      return deliver(std::string());
    }
    waiting_ = std::move(deliver);
  }

  // The parked Deliver, if any, is asked to read again.
  void wake() { release(std::string()); }

  // Ends the stream: the parked Deliver, and any later park(), get the end. True the first time
  // only, so that the source stops listening once.
  bool cancel() {
    {
      std::lock_guard lock(mu_);
      if (cancelled_) return false;
      cancelled_ = true;
    }
    release(std::nullopt);
    return true;
  }

 private:
  void release(std::optional<std::string> chunk) {
    std::unique_lock lock(mu_);
    if (!waiting_) return;
    Deliver deliver = std::move(waiting_);
    waiting_ = nullptr;
    lock.unlock();
    deliver(std::move(chunk));  // Outside the lock: it may call next() again at once.
  }

  std::mutex mu_;
  bool cancelled_ = false;
  Deliver waiting_;  // Set while parked.
};

}  // namespace mandate::http
