// The event log and the chain: GET /v1/events, /v1/streams/{stream}, /v1/chain,
// /v1/chain/verify, and the Merkle tree's proofs /v1/chain/inclusion and /v1/chain/consistency
// and signed checkpoints /v1/chain/checkpoint (docs/proofs.md). For auditors, investigators and
// admins.

#include "events/record.h"
#include "http/app.h"
#include "http/event_json.h"
#include "http/event_stream.h"
#include "http/problem.h"
#include "http/routes.h"

namespace mandate::http {
namespace {

using boost::beast::http::verb;
using nlohmann::json;

constexpr uint64_t kDefaultPage = 100;
// How long a log read waits for the views to know the streams it shows.
constexpr std::chrono::milliseconds kViewsWait{5000};

// The events of a transfer or incident classified above the caller's clearance are, like the
// thing itself, absent for that caller. The views know each stream's classification once they
// have applied its first event.
std::vector<core::RecordedEvent> visible_events(const App& app, const core::Caller& caller,
                                                std::vector<core::RecordedEvent> events) {
  if (events.empty()) return events;
  app.runner().wait_applied(events.back().position, kViewsWait);
  return app.runner().read([&] {
    std::vector<core::RecordedEvent> out;
    for (auto& e : events) {
      const auto colon = e.stream.find(':');
      const std::string_view kind = std::string_view(e.stream).substr(0, colon);
      const std::string_view id = std::string_view(e.stream).substr(colon + 1);
      bool visible = true;
      if (kind == "transfer") {
        const auto* t = app.views().transfers.find(id);
        visible = t != nullptr && core::may_know(caller, t->document.classification);
      } else if (kind == "incident") {
        const auto* i = app.views().incidents.find(id);
        visible = i != nullptr && core::may_know(caller, i->classification);
      }
      if (visible) out.push_back(std::move(e));
    }
    return out;
  });
}
constexpr uint64_t kMaxPage = 1000;

Response events_page(App& app, Call& call) {
  if (auto st = require(call, core::Action::kReadLog); !st.ok()) return problem(st.error());
  auto from = query_uint(call, "from", 1);
  if (!from.ok()) return problem(from.error());
  auto limit = query_uint(call, "limit", kDefaultPage);
  if (!limit.ok()) return problem(limit.error());
  const uint64_t n = std::clamp<uint64_t>(*limit, 1, kMaxPage);
  auto events = app.store().read_all(std::max<uint64_t>(*from, 1), n);
  if (!events.ok()) return problem(events.error());
  // The cursor moves past hidden events too: `next` is where the next page starts.
  const uint64_t next =
      events->empty() ? std::max<uint64_t>(*from, 1) : events->back().position + 1;
  json list = json::array();
  for (const auto& e : visible_events(app, *call.caller, std::move(events).value())) {
    list.push_back(event_json(e));
  }
  return json_response(200, {{"events", list}, {"next", next}});
}

Response stream_page(App& app, Call& call) {
  if (auto st = require(call, core::Action::kReadLog); !st.ok()) return problem(st.error());
  auto from = query_uint(call, "from", 1);
  if (!from.ok()) return problem(from.error());
  const std::string& stream = call.params.at("stream");
  // Whether the caller may know of the stream is decided by its first event, before the page
  // is read: a hidden stream read past its end is 404, as a missing one is.
  auto first = app.store().read_stream(stream, 1, 1);
  if (!first.ok()) return problem(first.error());
  if (visible_events(app, *call.caller, std::move(first).value()).empty()) {
    return problem(core::make_error(core::ErrorCode::kNotFound, "no stream " + stream));
  }
  auto events = app.store().read_stream(stream, *from);
  if (!events.ok()) return problem(events.error());
  auto visible = visible_events(app, *call.caller, std::move(events).value());
  json list = json::array();
  for (const auto& e : visible) list.push_back(event_json(e));
  return json_response(200, {{"stream", stream}, {"events", list}});
}

json hex_list(const std::vector<events::Hash>& hashes) {
  json list = json::array();
  for (const auto& h : hashes) list.push_back(events::to_hex(h));
  return list;
}

Response chain_head(App& app, Call& call) {
  if (auto st = require(call, core::Action::kReadLog); !st.ok()) return problem(st.error());
  const auto head = app.store().head();
  auto root = app.store().tree_root(head.position);
  if (!root.ok()) return problem(root.error());
  return json_response(200, {{"head_position", head.position},
                             {"head_hash", events::to_hex(head.hash)},
                             {"tree_size", head.position},
                             {"root_hash", events::to_hex(*root)}});
}

// A tree size from the query: at most the durable head, which is the default.
core::Result<uint64_t> query_size(const Call& call, const std::string& name, uint64_t head) {
  ASSIGN_OR_RETURN(auto size, query_uint(call, name, head));
  if (size == 0 || size > head) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            name + " must be from 1 to the head, " + std::to_string(head), name);
  }
  return size;
}

Response chain_inclusion(App& app, Call& call) {
  if (auto st = require(call, core::Action::kReadLog); !st.ok()) return problem(st.error());
  const uint64_t head = app.store().head().position;
  auto size = query_size(call, "size", head);
  if (!size.ok()) return problem(size.error());
  auto position = query_uint(call, "position", 0);
  if (!position.ok()) return problem(position.error());
  if (*position == 0 || *position > *size) {
    return problem(core::make_error(core::ErrorCode::kValidationFailed,
                                    "position must be from 1 to the size, " + std::to_string(*size),
                                    "position"));
  }
  auto proof = app.store().inclusion_proof(*position, *size);
  if (!proof.ok()) return problem(proof.error());
  auto leaf = app.store().leaf_hash(*position);
  if (!leaf.ok()) return problem(leaf.error());
  auto root = app.store().tree_root(*size);
  if (!root.ok()) return problem(root.error());
  return json_response(200, {{"position", *position},
                             {"size", *size},
                             {"leaf_hash", events::to_hex(*leaf)},
                             {"root_hash", events::to_hex(*root)},
                             {"proof", hex_list(*proof)}});
}

Response chain_consistency(App& app, Call& call) {
  if (auto st = require(call, core::Action::kReadLog); !st.ok()) return problem(st.error());
  const uint64_t head = app.store().head().position;
  auto to = query_size(call, "to", head);
  if (!to.ok()) return problem(to.error());
  auto from = query_uint(call, "from", 0);
  if (!from.ok()) return problem(from.error());
  if (*from == 0 || *from > *to) {
    return problem(core::make_error(core::ErrorCode::kValidationFailed,
                                    "from must be from 1 to `to`, " + std::to_string(*to), "from"));
  }
  auto proof = app.store().consistency_proof(*from, *to);
  if (!proof.ok()) return problem(proof.error());
  auto from_root = app.store().tree_root(*from);
  if (!from_root.ok()) return problem(from_root.error());
  auto to_root = app.store().tree_root(*to);
  if (!to_root.ok()) return problem(to_root.error());
  return json_response(200, {{"from", *from},
                             {"to", *to},
                             {"from_root_hash", events::to_hex(*from_root)},
                             {"to_root_hash", events::to_hex(*to_root)},
                             {"proof", hex_list(*proof)}});
}

// The newest signed checkpoint, or the one of exactly ?size=, as the signed note's text.
Response chain_checkpoint(App& app, Call& call) {
  if (auto st = require(call, core::Action::kReadLog); !st.ok()) return problem(st.error());
  std::optional<uint64_t> size;
  if (call.query.count("size") > 0) {
    auto asked = query_uint(call, "size", 0);
    if (!asked.ok()) return problem(asked.error());
    size = *asked;
  }
  auto found = app.store().tree_checkpoint(size);
  if (!found.ok()) return problem(found.error());
  if (!*found) {
    return problem(core::make_error(
        core::ErrorCode::kNotFound,
        size ? "no checkpoint was signed at size " + std::to_string(*size)
             : std::string("no checkpoint was signed (the server runs without --checkpoint-key)")));
  }
  Response r{boost::beast::http::status::ok, 11};
  r.set(boost::beast::http::field::content_type, "text/plain; charset=utf-8");
  r.body() = (*found)->second;
  return r;
}

Response chain_verify(App& app, Call& call) {
  if (auto st = require(call, core::Action::kReadLog); !st.ok()) return problem(st.error());
  auto from = query_uint(call, "from", 1);
  if (!from.ok()) return problem(from.error());
  auto to = query_uint(call, "to", UINT64_MAX);
  if (!to.ok()) return problem(to.error());
  const auto report = app.store().verify(*from, *to);
  json body = {{"ok", report.ok}, {"checked", report.checked}};
  if (report.first_bad) {
    body["first_bad"] = *report.first_bad;
    body["problem"] = report.problem;
  }
  return json_response(200, body);
}

// Reads that scan the log run on the command pool: they may take a while on a long log.
RouteFn on_pool(Response (*fn)(App&, Call&)) {
  return [fn](App& app, Call& call, Respond respond) {
    auto shared = std::make_shared<Call>(call);
    app.on_command_pool([&app, shared, fn] { return fn(app, *shared); }, std::move(respond));
  };
}

// Last-Event-ID (a reconnecting EventSource) wins over ?from=.
void subscribe(App& app, Call& call, Respond respond) {
  if (auto st = require(call, core::Action::kReadLog); !st.ok())
    return respond(problem(st.error()));
  auto from = query_uint(call, "from", 1);
  if (!from.ok()) return respond(problem(from.error()));
  uint64_t start = *from;
  const std::string_view last_id = call.request["Last-Event-ID"];
  if (!last_id.empty()) {
    // A plain decimal of at most 19 digits, so that the +1 cannot wrap.
    auto parsed = query_uint(Params{{"Last-Event-ID", std::string(last_id)}}, "Last-Event-ID", 0);
    if (!parsed.ok()) return respond(problem(parsed.error()));
    start = *parsed + 1;
  }
  Response head{boost::beast::http::status::ok, 11};
  head.set(boost::beast::http::field::content_type, "text/event-stream");
  head.set(boost::beast::http::field::cache_control, "no-cache");
  respond.stream(
      std::move(head),
      LogEventSource::start(app.store(), start, [&app, caller = *call.caller](auto events) {
        return visible_events(app, caller, std::move(events));
      }));
}

}  // namespace

void add_log_routes(App& app) {
  app.add(verb::get, "/v1/events/subscribe", subscribe);
  app.add(verb::get, "/v1/events", on_pool(events_page));
  app.add(verb::get, "/v1/streams/{stream+}", on_pool(stream_page));
  app.add(verb::get, "/v1/chain", on_pool(chain_head));
  app.add(verb::get, "/v1/chain/verify", on_pool(chain_verify));
  app.add(verb::get, "/v1/chain/inclusion", on_pool(chain_inclusion));
  app.add(verb::get, "/v1/chain/checkpoint", on_pool(chain_checkpoint));
  app.add(verb::get, "/v1/chain/consistency", on_pool(chain_consistency));
}

}  // namespace mandate::http
