#include "http/event_stream.h"

#include "http/event_json.h"

namespace mandate::http {
namespace {

// Events per chunk: large enough to catch up fast, small enough to keep a chunk modest.
constexpr size_t kEventsPerChunk = 256;

}  // namespace

LogEventSource::LogEventSource(events::EventStore& store, uint64_t from, Filter filter)
    : store_(store), filter_(std::move(filter)), next_(std::max<uint64_t>(from, 1)) {}

std::shared_ptr<LogEventSource> LogEventSource::start(events::EventStore& store, uint64_t from,
                                                      Filter filter) {
  auto source = std::make_shared<LogEventSource>(store, from, std::move(filter));
  // The listener holds no strong reference: the connection owns the source.
  source->listener_ = store.add_commit_listener(
      [weak = std::weak_ptr<LogEventSource>(source)](uint64_t) {
        if (auto s = weak.lock()) s->wake();
      });
  return source;
}

void LogEventSource::next(Deliver deliver) {
  uint64_t from;
  {
    std::lock_guard lock(mu_);
    if (cancelled_) return deliver(std::nullopt);
    from = next_;
  }
  auto events = store_.read_all(from, kEventsPerChunk);
  if (!events.ok()) return deliver(std::nullopt);
  if (!events->empty()) {
    const uint64_t last = events->back().position;
    const auto visible = filter_(std::move(events).value());
    std::string chunk;
    for (const auto& e : visible) {
      chunk += "id: " + std::to_string(e.position) + "\nevent: " +
               core::event_type_name(e.data) + "\ndata: " +
               event_json(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
               "\n\n";
    }
    {
      std::lock_guard lock(mu_);
      next_ = last + 1;
    }
    return deliver(std::move(chunk));  // Empty when nothing was visible: asked again.
  }
  std::unique_lock lock(mu_);
  waiting_ = std::move(deliver);
  // A commit between the read above and now would have found nobody waiting: look again.
  if (store_.head().position >= next_) {
    auto again = std::move(waiting_);
    waiting_ = nullptr;
    lock.unlock();
    again(std::string());
  }
}

void LogEventSource::wake() {
  std::unique_lock lock(mu_);
  if (!waiting_) return;
  auto deliver = std::move(waiting_);
  waiting_ = nullptr;
  lock.unlock();
  deliver(std::string());  // Ask again: there is something to read now.
}

void LogEventSource::cancel() {
  std::unique_lock lock(mu_);
  if (cancelled_) return;
  cancelled_ = true;
  const uint64_t listener = listener_;
  auto deliver = std::move(waiting_);
  waiting_ = nullptr;
  lock.unlock();
  store_.remove_commit_listener(listener);
  if (deliver) deliver(std::nullopt);
}

}  // namespace mandate::http
