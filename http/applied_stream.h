#pragma once

// GET /v1/views/changes: Server-Sent Events telling that the views moved on, for any
// authenticated caller. Each message is
//   id: <position>\nevent: applied\ndata: {"position":<position>}\n\n
// where position is what the views have applied: a client that reloads a view on a message
// sees at least that position. It says only how far the log has come (as GET /readyz does),
// never what is in it, so it needs no right to read the log. Messages are coalesced: a burst
// of commits gives one, and a stream is woken at most once per AppliedBroadcast::kInterval.

#include <atomic>
#include <cstdint>
#include <memory>

#include "http/applied_broadcast.h"
#include "http/parked_reader.h"
#include "http/server.h"
#include "projections/runner.h"

namespace mandate::http {

// Thread-safety: next() and cancel() from any thread; one next() outstanding at a time.
// `runner` and `broadcast` must outlive the source.
class AppliedPositionSource : public StreamSource,
                              public std::enable_shared_from_this<AppliedPositionSource> {
 public:
  // Sends the applied position at once, then each time it moves past `after`.
  static std::shared_ptr<AppliedPositionSource> start(projections::ProjectionRunner& runner,
                                                      AppliedBroadcast& broadcast, uint64_t after);
  AppliedPositionSource(projections::ProjectionRunner& runner, AppliedBroadcast& broadcast,
                        uint64_t after);

  void next(Deliver deliver) override;
  void cancel() override;

 private:
  projections::ProjectionRunner& runner_;
  AppliedBroadcast& broadcast_;
  uint64_t sent_;  // Touched by next() only, one at a time.
  // The broadcast woke the stream since its last message (true: the first goes at once).
  std::atomic<bool> woken_{true};
  uint64_t listener_ = 0;
  ParkedReader parked_;
};

}  // namespace mandate::http
