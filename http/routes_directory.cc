// Agencies, users and tokens: POST/GET /v1/agencies, GET /v1/agencies/{id}, POST /v1/users,
// GET /v1/users/{id}, POST /v1/users/{id}/tokens, DELETE /v1/tokens/{token_id}, and an
// admin's part in signing in: POST /v1/users/{id}/password, DELETE /v1/users/{id}/second-factor.

#include "core/agency.h"
#include "core/search.h"
#include "core/sign_in.h"
#include "core/user.h"
#include "events/digest.h"
#include "http/app.h"
#include "http/body_readers.h"
#include "http/command_route.h"
#include "http/json_body.h"
#include "http/passwords.h"
#include "http/plan_json.h"
#include "http/problem.h"
#include "http/routes.h"

namespace mandate::http {
namespace {

using boost::beast::http::verb;
using nlohmann::json;

json agency_json(const core::AgencyRegistered& a, uint64_t version) {
  return {{"id", a.id},
          {"name", a.name},
          {"parent", a.parent.empty() ? json(nullptr) : json(a.parent)},
          {"kind", a.kind},
          {"version", version}};
}

json agency_state_json(const core::AgencyState& a) {
  return agency_json(core::AgencyRegistered{a.id, a.name, a.parent, a.kind}, a.version);
}

json user_json(const core::UserState& u) {
  json roles = json::array(), tokens = json::array();
  for (auto r : u.roles) roles.push_back(core::name_of(r));
  for (const auto& [id, t] : u.tokens) {
    tokens.push_back({{"token_id", id},
                      {"issued_at", core::format_instant(t.issued_at)},
                      {"revoked", t.revoked}});
  }
  return {{"id", u.id},
          {"name", u.name},
          {"agency", u.agency.empty() ? json(nullptr) : json(u.agency)},
          {"roles", roles},
          {"clearance", core::name_of(u.clearance)},
          {"tokens", tokens},
          {"password_set", !u.password_hash.empty()},
          {"must_change_password", u.must_change_password},
          {"second_factor_enrolled", !u.second_factor_secret.empty()},
          {"open_sessions", u.sessions.size()}};
}

// A user command on the password pool when it hashes, answered with the user.
Response run_user_command(App& app, const std::string& user, const core::Caller& caller,
                          const events::CommandOptions& options, core::UserCommand command) {
  auto done = app.commands().execute<core::UserState>(
      core::user_stream(user), caller, options, [&](const core::UserState& s) {
        return core::decide(s, command, caller, app.now(), app.store_directory());
      });
  if (!done.ok()) return problem(done.error());
  const auto views = app.await_applied(done->append.last_position);
  Response r = command_response(200, user_json(done->state), done->state.version,
                                done->append.last_position);
  views.mark(r);
  return r;
}

// POST /v1/users/{id}/password {password}: an admin sets a first password, which the user must
// change at its first sign-in. Every session of the user ends.
void set_first_password(App& app, Call& call, Respond respond) {
  if (auto st = require(call, core::Action::kManageDirectory); !st.ok()) {
    return respond(problem(st.error()));
  }
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  FieldReader reader(*body);
  auto password = reader.required_string("password");
  if (!password.ok()) return respond(problem(password.error()));
  if (auto st = reader.finish(); !st.ok()) return respond(problem(st.error()));
  const std::string user = call.params.at("id");
  auto who = app.runner().read([&]() -> std::optional<std::pair<std::string, std::string>> {
    const auto* row = app.views().directory.user(user);
    if (row == nullptr) return std::nullopt;
    return std::pair{row->user.id, row->user.name};
  });
  if (!who) return respond(problem(core::make_error(core::ErrorCode::kNotFound, "no such user")));
  if (auto st = core::check_password_policy(*password, who->first, who->second, "password");
      !st.ok()) {
    return respond(problem(st.error()));
  }
  auto options = app.command_options(call);
  if (!options.ok()) return respond(problem(options.error()));
  app.on_password_pool(
      [&app, user, caller = *call.caller, options = *options,
       password = std::move(password).value()]() -> Response {
        return run_user_command(app, user, caller, options,
                                core::SetPassword{hash_password(password), true, ""});
      },
      std::move(respond));
}

// DELETE /v1/users/{id}/second-factor: a lost device; the user enrols again.
void reset_second_factor(App& app, Call& call, Respond respond) {
  auto options = app.command_options(call);
  if (!options.ok()) return respond(problem(options.error()));
  app.on_command_pool(
      [&app, user = call.params.at("id"), caller = *call.caller, options = *options]() -> Response {
        return run_user_command(app, user, caller, options, core::ResetSecondFactor{});
      },
      std::move(respond));
}

template <typename State, typename Command>
auto decider(App& app, Command command) {
  return [&app, command = std::move(command)](const State& state, const core::Caller& caller,
                                              core::Instant now) {
    using Variant = std::conditional_t<std::is_same_v<State, core::AgencyState>,
                                       core::AgencyCommand, core::UserCommand>;
    return core::decide(state, Variant{command}, caller, now, app.store_directory());
  };
}

core::Result<core::AgencyRegistered> parse_new_agency(const json& body) {
  return agency_from_json(body, "");
}

core::Result<core::RegisterUser> parse_new_user(const json& body) {
  FieldReader r(body);
  core::RegisterUser command;
  ASSIGN_OR_RETURN(command.id, r.required_string("id"));
  ASSIGN_OR_RETURN(command.name, r.required_string("name"));
  ASSIGN_OR_RETURN(command.agency, r.string_or_empty("agency"));
  ASSIGN_OR_RETURN(std::vector<std::string> roles, r.string_list("roles", true));
  ASSIGN_OR_RETURN(std::string clearance, r.required_string("clearance"));
  RETURN_IF_ERROR(r.finish());
  for (size_t i = 0; i < roles.size(); ++i) {
    auto role = core::parse_role(roles[i]);
    if (!role) {
      const std::string field = "roles[" + std::to_string(i) + "]";
      return core::make_error(core::ErrorCode::kValidationFailed, field + " is not a role", field);
    }
    command.roles.push_back(*role);
  }
  auto level = core::parse_clearance(clearance);
  if (!level) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            "clearance is none, confidential, secret or top_secret", "clearance");
  }
  command.clearance = *level;
  return command;
}

void create_agency(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  auto agency = parse_new_agency(*body);
  if (!agency.ok()) return respond(problem(agency.error()));
  const core::RegisterAgency command{agency->id, agency->name, agency->parent, agency->kind};
  run_command<core::AgencyState>(app, call, std::move(respond), core::agency_stream(command.id),
                                 decider<core::AgencyState>(app, command), agency_state_json, 201);
}

void list_agencies(App& app, Call& call, Respond respond) {
  const auto q = call.query.find("q");
  json list = app.runner().read([&] {
    json out = json::array();
    for (const auto& [id, row] : app.views().directory.agencies()) {
      if (q != call.query.end() && !core::search_matches(q->second, row.agency.name) &&
          !core::search_matches(q->second, row.agency.id)) {
        continue;
      }
      out.push_back(agency_json(row.agency, row.version));
    }
    return out;
  });
  respond(json_response(200, {{"agencies", list}}));
}

void get_agency(App& app, Call& call, Respond respond) {
  const std::string& id = call.params.at("id");
  auto found = app.runner().read([&] {
    std::optional<json> out;
    if (const auto* row = app.views().directory.agency(id)) {
      out = agency_json(row->agency, row->version);
    }
    return out;
  });
  if (!found)
    return respond(problem(core::make_error(core::ErrorCode::kNotFound, "no agency " + id)));
  const uint64_t version = (*found)["version"];
  respond(resource_response(200, std::move(*found), version));
}

void create_user(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  auto command = parse_new_user(*body);
  if (!command.ok()) return respond(problem(command.error()));
  run_command<core::UserState>(app, call, std::move(respond), core::user_stream(command->id),
                               decider<core::UserState>(app, *command), user_json, 201);
}

void get_user(App& app, Call& call, Respond respond) {
  // The admin manages users; an auditor reads everything.
  if (!call.caller->has_role(core::Role::kAuditor)) {
    if (auto st = require(call, core::Action::kManageDirectory); !st.ok()) {
      return respond(problem(st.error()));
    }
  }
  auto state =
      events::load_state<core::UserState>(app.store(), core::user_stream(call.params.at("id")));
  if (!state.ok()) return respond(problem(state.error()));
  if (state->version == 0) {
    return respond(problem(core::make_error(core::ErrorCode::kNotFound, "no such user")));
  }
  respond(resource_response(200, user_json(*state), state->version));
}

void issue_token(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  if (auto st = FieldReader(*body).finish(); !st.ok()) return respond(problem(st.error()));
  auto options = app.command_options(call);
  if (!options.ok()) return respond(problem(options.error()));
  // A token is shown once: a repeated request cannot show it again, so none is replayed.
  options->idempotency.reset();
  const std::string token = events::random_hex(32);  // 256 random bits.
  const core::IssueToken command{"t-" + events::random_hex(8), events::sha256_hex(token)};
  const std::string user = call.params.at("id");
  app.on_command_pool(
      [&app, caller = *call.caller, options = *options, command, token, user]() -> Response {
        auto done = app.commands().execute<core::UserState>(
            core::user_stream(user), caller, options, [&](const core::UserState& s) {
              return core::decide(s, core::UserCommand{command}, caller, app.now(),
                                  app.store_directory());
            });
        if (!done.ok()) return problem(done.error());
        const auto views = app.await_applied(done->append.last_position);
        Response r = json_response(201, {{"token_id", command.token_id},
                                         {"token", token},
                                         {"user", user},
                                         {"position", done->append.last_position}});
        views.mark(r);
        return r;
      },
      std::move(respond));
}

void revoke_token(App& app, Call& call, Respond respond) {
  const std::string token_id = call.params.at("token_id");
  auto user = app.runner().read([&] {
    const auto* t = app.views().directory.token(token_id);
    return t ? std::optional<std::string>(t->user) : std::nullopt;
  });
  if (auto st = require(call, core::Action::kManageDirectory); !st.ok()) {
    return respond(problem(st.error()));
  }
  if (!user) {
    return respond(problem(core::make_error(core::ErrorCode::kNotFound, "no token " + token_id)));
  }
  auto options = app.command_options(call);
  if (!options.ok()) return respond(problem(options.error()));
  const core::RevokeToken command{token_id};
  app.on_command_pool(
      [&app, caller = *call.caller, options = *options, command, user = *user]() -> Response {
        auto done = app.commands().execute<core::UserState>(
            core::user_stream(user), caller, options, [&](const core::UserState& s) {
              return core::decide(s, core::UserCommand{command}, caller, app.now(),
                                  app.store_directory());
            });
        if (!done.ok()) return problem(done.error());
        // The token stops working at once: the answer waits until authentication knows.
        const auto views = app.await_applied(done->append.last_position);
        Response r{boost::beast::http::status::no_content, 11};
        views.mark(r);
        return r;
      },
      std::move(respond));
}

}  // namespace

void add_directory_routes(App& app) {
  app.add(verb::post, "/v1/agencies", create_agency);
  app.add(verb::get, "/v1/agencies", list_agencies);
  app.add(verb::get, "/v1/agencies/{id}", get_agency);
  app.add(verb::post, "/v1/users", create_user);
  app.add(verb::get, "/v1/users/{id}", get_user);
  app.add(verb::post, "/v1/users/{id}/tokens", issue_token);
  app.add(verb::delete_, "/v1/tokens/{token_id}", revoke_token);
  app.add(verb::post, "/v1/users/{id}/password", set_first_password);
  app.add(verb::delete_, "/v1/users/{id}/second-factor", reset_second_factor);
}

std::vector<BodyReader> directory_body_readers() {
  return {
      {"POST /v1/agencies", accepts_body<parse_new_agency>},
      {"POST /v1/users", accepts_body<parse_new_user>},
  };
}

}  // namespace mandate::http
