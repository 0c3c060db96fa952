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
  source->listener_ =
      store.add_commit_listener([weak = std::weak_ptr<LogEventSource>(source)](uint64_t) {
        if (auto s = weak.lock()) s->parked_.wake();
      });
  return source;
}

void LogEventSource::next(Deliver deliver) {
  if (parked_.cancelled()) return deliver(std::nullopt);
  auto events = store_.read_all(next_, kEventsPerChunk);
  if (!events.ok()) return deliver(std::nullopt);
  if (events->empty()) {
    return parked_.park(std::move(deliver), [&] { return store_.head().position >= next_; });
  }
  next_ = events->back().position + 1;
  std::string chunk;
  for (const auto& e : filter_(std::move(events).value())) {
    chunk +=
        "id: " + std::to_string(e.position) + "\nevent: " + core::event_type_name(e.data) +
        "\ndata: " + event_json(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
        "\n\n";
  }
  deliver(std::move(chunk));  // Empty when nothing was visible: asked again.
}

void LogEventSource::cancel() {
  if (parked_.cancel()) store_.remove_commit_listener(listener_);
}

}  // namespace mandate::http
