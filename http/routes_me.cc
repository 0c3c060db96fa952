// GET /v1/me: who the token belongs to, so that a client (the dashboard) can show each user
// the screens its roles allow without guessing from refusals.

#include "core/vocabulary.h"
#include "http/app.h"
#include "http/routes.h"

namespace mandate::http {
namespace {

using boost::beast::http::verb;
using nlohmann::json;

// Any authenticated caller, about itself only: nothing it could not already act on.
void get_me(App& app, Call& call, Respond respond) {
  const core::Caller& caller = *call.caller;
  const std::string name = app.runner().read([&] {
    const auto* row = app.views().directory.user(caller.user);
    return row ? row->user.name : std::string();
  });
  json roles = json::array();
  for (auto r : caller.roles) roles.push_back(core::name_of(r));
  respond(
      json_response(200, {{"user", caller.user},
                          {"name", name},
                          {"agency", caller.agency.empty() ? json(nullptr) : json(caller.agency)},
                          {"roles", roles},
                          {"clearance", core::name_of(caller.clearance)}}));
}

}  // namespace

void add_me_routes(App& app) { app.add(verb::get, "/v1/me", get_me); }

}  // namespace mandate::http
