// The view routes: GET /v1/views/<name> for each view of view_answers.h (computed in
// projections/, rendered by view_json.h). Each takes `as_of` (a position or an instant: the
// record as it stood then) and `on` (the day due dates are judged against; default the day of
// as_of, or today).
//
// The present is answered from the live projections, and kept (view_cache.h) until the views
// move; a past `as_of` is answered from a replay.

#include "http/app.h"
#include "http/applied_stream.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/view_answers.h"
#include "http/view_cache.h"
#include "projections/replay.h"

namespace mandate::http {
namespace {

using boost::beast::http::verb;

Response answer_text(std::string_view body) {
  Response r{boost::beast::http::status::ok, 11};
  r.set(boost::beast::http::field::content_type, "application/json");
  r.body() = body;
  return r;
}

// The key under which the live answer to `call` is kept, or nullopt for a question about the
// past (as_of), which is answered from a replay and not kept.
std::optional<std::string> cache_key(const Call& call, const ViewSpec& view, core::Date today) {
  auto moment = moment_query(call.query);
  auto question = view_query(call.query);
  if (!moment.ok() || moment->as_of || !question.ok()) return std::nullopt;
  return ViewCache::key(view.name, question_key(*question, moment->on.value_or(today)),
                        *call.caller);
}

// `today` is the one the key was made with, so that an answer made across midnight is kept
// under the day it was judged on.
Response answer(App& app, const Call& call, const ViewSpec& view,
                const std::optional<std::string>& key, core::Date today) {
  auto m = moment_of(app.store(), call.query, today, app.now());
  if (!m.ok()) return problem(m.error());
  m->incident_deadlines = app.incident_deadlines();
  m->authorities = app.authorities();
  if (m->past) {
    projections::Views past;
    // Only the projections this view reads, from their nearest snapshots.
    if (auto st = projections::replay_into(app.store(), m->as_of, past.select(view.needs));
        !st.ok()) {
      return problem(st.error());
    }
    auto answer = answer_view(view, past, *call.caller, call.query, *m);
    if (!answer.ok()) return problem(answer.error());
    return json_response(200, answer->body);
  }
  uint64_t applied = 0;
  auto answer = app.runner().read([&] {
    // The position the views stand at while the shared lock holds them still.
    applied = app.runner().applied();
    m->as_of = applied;
    return answer_view(view, app.views(), *call.caller, call.query, *m);
  });
  if (!answer.ok()) return problem(answer.error());
  auto text = std::make_shared<const std::string>(
      answer->body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (key) app.view_cache().put(*key, {text, applied, answer->until});
  return answer_text(*text);
}

RouteFn view_route(const ViewSpec& view) {
  return [&view](App& app, Call& call, Respond respond) {
    const core::Date today = app.today();
    auto key = cache_key(call, view, today);
    // A kept answer is a lookup and a copy: answered here, with no hand-off.
    if (key) {
      if (auto kept = app.view_cache().find(*key, app.runner().applied(), app.now())) {
        return respond(answer_text(*kept));
      }
    }
    auto shared = std::make_shared<Call>(call);
    app.on_command_pool([&app, shared, &view, key = std::move(key),
                         today] { return answer(app, *shared, view, key, today); },
                        std::move(respond));
  };
}

// GET /v1/views/changes: any caller may learn that the views moved on (not what changed).
// Last-Event-ID (a reconnecting client) wins over ?after=.
void changes(App& app, Call& call, Respond respond) {
  auto after = query_uint(call, "after", 0);
  if (!after.ok()) return respond(problem(after.error()));
  uint64_t start = *after;
  const std::string_view last_id = call.request["Last-Event-ID"];
  if (!last_id.empty()) {
    auto parsed = query_uint(Params{{"Last-Event-ID", std::string(last_id)}}, "Last-Event-ID", 0);
    if (!parsed.ok()) return respond(problem(parsed.error()));
    start = *parsed;
  }
  Response head{boost::beast::http::status::ok, 11};
  head.set(boost::beast::http::field::content_type, "text/event-stream");
  head.set(boost::beast::http::field::cache_control, "no-cache");
  respond.stream(std::move(head),
                 AppliedPositionSource::start(app.runner(), app.applied_broadcast(), start));
}

}  // namespace

void add_view_routes(App& app) {
  app.add(verb::get, "/v1/views/changes", changes);
  for (const auto& view : view_specs()) {
    app.add(verb::get, "/v1/views/" + std::string(view.name), view_route(view));
  }
}

}  // namespace mandate::http
