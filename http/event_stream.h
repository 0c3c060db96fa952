#pragma once

// GET /v1/events/subscribe: the log as Server-Sent Events. Each event is
//   id: <position>\nevent: <type>\ndata: <the event as JSON, one line>\n\n
// It catches up from a position, then follows live appends: the store's commit notification
// wakes it, with no polling.

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "events/store.h"
#include "http/parked_reader.h"
#include "http/server.h"

namespace mandate::http {

// Thread-safety: next() and cancel() from any thread; one next() outstanding at a time.
// `store` must outlive the source.
class LogEventSource : public StreamSource, public std::enable_shared_from_this<LogEventSource> {
 public:
  // Keeps only the events `filter` lets through (what the subscriber may know of).
  using Filter = std::function<std::vector<core::RecordedEvent>(std::vector<core::RecordedEvent>)>;

  static std::shared_ptr<LogEventSource> start(events::EventStore& store, uint64_t from,
                                               Filter filter);
  LogEventSource(events::EventStore& store, uint64_t from, Filter filter);

  void next(Deliver deliver) override;
  void cancel() override;

 private:
  events::EventStore& store_;
  Filter filter_;
  uint64_t next_;  // Touched by next() only, one at a time.
  uint64_t listener_ = 0;
  ParkedReader parked_;
};

}  // namespace mandate::http
