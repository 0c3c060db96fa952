#pragma once

// The shape every command route shares: read the headers' options, run the decision on the
// command pool (it waits for a durable append), wait until the views have applied it, answer
// with the new state, its version and position, or with the problem.

#include <memory>
#include <string>
#include <utility>

#include "events/command_handler.h"
#include "http/app.h"
#include "http/json_body.h"
#include "http/problem.h"

namespace mandate::http {

// `decide(const State&, const core::Caller&, core::Instant now) -> Result<Decision>` and
// `render(const State&) -> json` are copied onto the pool; they must own what they use.
template <typename State, typename Decide, typename Render>
void run_command(App& app, const Call& call, Respond respond, std::string stream, Decide decide,
                 Render render, unsigned success_status = 200) {
  auto options = app.command_options(call);
  if (!options.ok()) return respond(problem(options.error()));
  app.on_command_pool(
      [&app, caller = *call.caller, options = std::move(options).value(),
       stream = std::move(stream), decide = std::move(decide), render = std::move(render),
       success_status]() -> Response {
        const core::Instant now = app.now();
        auto done = app.commands().execute<State>(stream, caller, options, [&](const State& state) {
          return decide(state, caller, now);
        });
        if (!done.ok()) return problem(done.error());
        const auto views = app.await_applied(done->append.last_position);
        // A replayed request answers as the first did, with the first's status.
        Response r = command_response(success_status, render(done->state), done->state.version,
                                      done->append.last_position);
        views.mark(r);
        return r;
      },
      std::move(respond));
}

// A route for a command on an existing aggregate: the path's {id} names it on
// `stream_of(id)`, the body parses into `Command` (unknown fields refused), core::decide
// decides, and `render(app, state)` answers.
template <typename State, typename Command, typename Render>
RouteFn aggregate_command(core::Result<Command> (*parse)(FieldReader&),
                          std::string (*stream_of)(std::string_view), Render render) {
  return [parse, stream_of, render](App& app, Call& call, Respond respond) {
    auto body = parse_command_body(call.request);
    if (!body.ok()) return respond(problem(body.error()));
    auto command = read_fields(parse, *body);
    if (!command.ok()) return respond(problem(command.error()));
    run_command<State>(
        app, call, std::move(respond), stream_of(call.params.at("id")),
        [&app, command = std::move(command).value()](const State& state, const core::Caller& caller,
                                                     core::Instant now) {
          return core::decide(state, command, caller, now, app.store_directory());
        },
        [&app, render](const State& state) { return render(app, state); });
  };
}

}  // namespace mandate::http
