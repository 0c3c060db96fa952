// POST /v1/backups: a consistent copy of the store, taken while the server goes on serving.
// The copy is written on the server's host, to the absolute path given; only an admin may ask.

#include "http/app.h"
#include "http/backups.h"
#include "http/body_readers.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/routes.h"

namespace mandate::http {
namespace {

using boost::beast::http::verb;

// {"path"}: an absolute directory on the server's host.
core::Result<std::string> parse_backup(FieldReader& r) { return r.required_string("path"); }

void create_backup(App& app, Call& call, Respond respond) {
  if (!call.caller->has_role(core::Role::kAdmin)) {
    return respond(
        problem(core::make_error(core::ErrorCode::kForbidden, "only an admin may take backups")));
  }
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  auto path = read_fields(parse_backup, *body);
  if (!path.ok()) return respond(problem(path.error()));
  // Flushing and linking files takes a while: off the network threads.
  app.on_command_pool(
      [&app, dir = *path]() -> Response {
        auto manifest = back_up(app.store(), dir, app.now());
        if (!manifest.ok()) return problem(manifest.error());
        return json_response(201, *manifest);
      },
      std::move(respond));
}

}  // namespace

void add_backup_routes(App& app) { app.add(verb::post, "/v1/backups", create_backup); }

std::vector<BodyReader> backup_body_readers() {
  return {{"POST /v1/backups", accepts_fields<parse_backup>}};
}

}  // namespace mandate::http
