// GET /v1/me: who the token or the session belongs to, so that a client (the dashboard) can
// show each user the screens its roles allow without guessing from refusals; with a session,
// its expiry, its CSRF token and what the user owes first (a password change, a second factor).

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
  struct Row {
    std::string name;
    bool must_change = false;
    bool enrolled = false;
    bool needs_enrolment = false;
  };
  const Row row = app.runner().read([&] {
    const auto& directory = app.views().directory;
    const auto* user = directory.user(caller.user);
    if (user == nullptr) return Row{};
    return Row{user->user.name, user->must_change_password, !user->second_factor_secret.empty(),
               directory.owes_second_factor(*user)};
  });
  json roles = json::array();
  for (auto r : caller.roles) roles.push_back(core::name_of(r));
  json body = {{"user", caller.user},
               {"name", row.name},
               {"agency", caller.agency.empty() ? json(nullptr) : json(caller.agency)},
               {"roles", roles},
               {"clearance", core::name_of(caller.clearance)},
               {"must_change_password", row.must_change},
               {"second_factor_enrolled", row.enrolled},
               {"second_factor_enrolment_required", row.needs_enrolment},
               {"session", nullptr}};
  if (call.session) {
    body["session"] = {{"id", call.session->session_id},
                       {"expires_at", core::format_instant(call.session->expires_at)},
                       {"csrf_token", csrf_token_of(call.session->secret)}};
  }
  respond(json_response(200, body));
}

}  // namespace

void add_me_routes(App& app) { app.add(verb::get, "/v1/me", get_me); }

}  // namespace mandate::http
