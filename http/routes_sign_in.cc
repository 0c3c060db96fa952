// Signing in as a person: POST /v1/sign-in, POST /v1/sign-out, POST /v1/me/password,
// POST /v1/me/second-factor, POST /v1/me/second-factor/confirm, GET and PUT /v1/policy/sign-in.
// The rules are core's (core/sign_in.h, core/user.h); hashing is http/passwords.h, one-time
// codes http/totp.h. docs/security.md holds the threat model these answer to.

#include <iostream>

#include "core/sign_in.h"
#include "core/user.h"
#include "events/command_handler.h"
#include "events/digest.h"
#include "http/app.h"
#include "http/json_body.h"
#include "http/passwords.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/totp.h"

namespace mandate::http {
namespace {

namespace bhttp = boost::beast::http;
using bhttp::verb;
using nlohmann::json;

// A typed name longer than any id, or a password longer than 128 four-byte characters, is
// refused before any work: it cannot match.
constexpr size_t kMaxUserName = 64;
constexpr size_t kMaxPasswordBytes = 4 * core::kMaxPasswordLength;

// Failures and locks are recorded by the server, not by the person who failed.
const core::Caller kServer{"system", "", {}, core::Clearance::kNone};

std::string set_cookie(const App& app, const std::string& value, int64_t max_age) {
  return app.session_cookie_name() + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age) +
         "; HttpOnly; SameSite=Strict" + (app.secure_cookies() ? "; Secure" : "");
}

Response throttled(core::Instant retry_at, core::Instant now) {
  const int64_t seconds =
      std::max<int64_t>(1, (retry_at.micros - now.micros + 999'999) / 1'000'000);
  Response r = problem(
      core::make_error(core::ErrorCode::kRateLimited,
                       "too many failed sign-ins; try again in " + std::to_string(seconds) + " s"));
  r.set(bhttp::field::retry_after, std::to_string(seconds));
  return r;
}

Response sign_in_failed() {
  return problem(core::make_error(core::ErrorCode::kSignInFailed,
                                  "the user name, the password or the code is wrong"));
}

// What signing in needs to know of a user, read from the directory view.
struct Known {
  core::Caller caller;
  std::string name;
  std::string hash;
  std::string second_factor_secret;
  uint64_t last_totp_step = 0;
  bool must_change_password = false;
  bool second_factor_enrolment_required = false;
};

std::optional<Known> known_user(const App& app, const std::string& user) {
  return app.runner().read([&]() -> std::optional<Known> {
    const auto& directory = app.views().directory;
    const auto* row = directory.user(user);
    if (row == nullptr) return std::nullopt;
    const auto& u = row->user;
    return Known{core::Caller{u.id, u.agency, u.roles, u.clearance},
                 u.name,
                 row->password_hash,
                 row->second_factor_secret,
                 row->last_totp_step,
                 row->must_change_password,
                 directory.owes_second_factor(*row)};
  });
}

void log_unrecorded(const core::Error& error) {
  std::cerr << R"({"level":"warn","msg":"a sign-in event was not recorded","detail":)"
            << json(error.message).dump() << "}\n";
}

template <typename State>
void record(App& app, const std::string& stream, const core::Caller& caller,
            const core::UserCommand& command) {
  auto done = app.commands().execute<State>(stream, caller, {}, [&](const State& s) {
    return core::decide(s, command, caller, app.now(), app.store_directory());
  });
  if (!done.ok()) log_unrecorded(done.error());
}

// Counts a failure at once (the next attempt must see it), and records it and any lock it set
// off on the command pool, after the answer: a name that exists, whose failure is written,
// answers as fast as one that does not.
void count_failure(App& app, const std::string& user, const std::string& peer, bool exists,
                   const std::string& reason) {
  const core::Instant now = app.now();
  const auto outcome =
      app.with_throttle([&](core::SignInThrottle& t) { return t.failed(user, peer, now); });
  if (!exists && !outcome.source_locked_until) return;
  app.on_command_pool(
      [&app, user, peer, exists, reason, outcome]() -> Response {
        if (exists) {
          record<core::UserState>(app, core::user_stream(user), kServer,
                                  core::RecordSignInFailure{peer, reason});
          if (outcome.name_locked_until) {
            record<core::UserState>(app, core::user_stream(user), kServer,
                                    core::RecordAccountLock{core::SignInLocked{
                                        peer, *outcome.name_locked_until, outcome.failures}});
          }
        }
        if (outcome.source_locked_until) {
          const core::SignInLocked lock{peer, *outcome.source_locked_until,
                                        outcome.source_failures};
          auto done = app.commands().execute<core::SourceLocksState>(
              core::access_stream("sources"), kServer, {},
              [&](const core::SourceLocksState& s) -> core::Result<core::Decision> {
                return core::record_source_lock(s, lock);
              });
          if (!done.ok()) log_unrecorded(done.error());
        }
        return Response();
      },
      [](Response&&) {});
}

// POST /v1/sign-in {user, password, code?}: public.
void sign_in(App& app, Call& call, Respond respond) {
  // No session yet, so no CSRF token: a page of another site could still sign the browser in
  // as someone else. It cannot send JSON without a preflight, and its Origin gives it away.
  if (!same_origin_or_none(call.request)) {
    return respond(problem(core::make_error(core::ErrorCode::kCsrfFailed,
                                            "a sign-in from another site's page is refused")));
  }
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  FieldReader reader(*body);
  auto user = reader.required_string("user");
  if (!user.ok()) return respond(problem(user.error()));
  auto password = reader.required_string("password");
  if (!password.ok()) return respond(problem(password.error()));
  auto code = reader.optional_string("code");
  if (!code.ok()) return respond(problem(code.error()));
  if (auto st = reader.finish(); !st.ok()) return respond(problem(st.error()));
  if (user->size() > kMaxUserName) {
    return respond(problem(core::make_error(core::ErrorCode::kValidationFailed,
                                            "a user name has at most 64 characters", "user")));
  }
  if (password->size() > kMaxPasswordBytes) {
    return respond(problem(core::make_error(core::ErrorCode::kValidationFailed,
                                            "a password has at most 128 characters", "password")));
  }
  const core::Instant now = app.now();
  if (auto at = app.with_throttle(
          [&](core::SignInThrottle& t) { return t.retry_at(*user, call.peer, now); })) {
    return respond(throttled(*at, now));
  }
  app.on_password_pool(
      [&app, user = *user, password = *password, code = *code, peer = call.peer]() -> Response {
        const auto known = known_user(app, user);
        const bool has_password = known && !known->hash.empty();
        // A name without a password is checked against a decoy, so that it takes as long.
        const bool password_ok =
            verify_password(has_password ? known->hash : decoy_hash(), password) && has_password;
        auto refuse = [&](const std::string& reason) {
          count_failure(app, user, peer, known.has_value(), reason);
          return sign_in_failed();
        };
        if (!password_ok) return refuse("password");
        const core::Instant now = app.now();
        core::SignedIn session{"s-" + events::random_hex(8), "", peer, false, 0};
        if (!known->second_factor_secret.empty()) {
          if (!code) {
            return problem(core::make_error(core::ErrorCode::kSecondFactorRequired,
                                            "send the one-time code of your authenticator too",
                                            "code"));
          }
          const auto step = totp_step_of(known->second_factor_secret, *code, now);
          if (!step || *step <= known->last_totp_step) return refuse("second_factor");
          session.second_factor = true;
          session.totp_step = *step;
        }
        const std::string secret = events::random_hex(32);  // 256 random bits.
        session.session_sha256 = events::sha256_hex(secret);
        auto done = app.commands().execute<core::UserState>(
            core::user_stream(user), known->caller, {}, [&](const core::UserState& s) {
              return core::decide(s, core::UserCommand{core::RecordSignIn{session}}, known->caller,
                                  now, app.store_directory());
            });
        if (!done.ok()) {
          // A code used a moment ago by a sign-in that won the race.
          if (done.error().code == core::ErrorCode::kSignInFailed) return refuse("second_factor");
          return problem(done.error());
        }
        app.with_throttle([&](core::SignInThrottle& t) {
          t.succeeded(user);
          return 0;
        });
        const auto views = app.await_applied(done->append.last_position);
        const auto expires = app.session_activity().use(session.session_id, now, now);
        Response r = json_response(
            200, {{"user", user},
                  {"session_id", session.session_id},
                  {"csrf_token", csrf_token_of(secret)},
                  {"expires_at", core::format_instant(expires.value_or(now))},
                  {"must_change_password", known->must_change_password},
                  {"second_factor_enrolment_required", known->second_factor_enrolment_required}});
        r.set(bhttp::field::set_cookie,
              set_cookie(app, secret, app.session_activity().limits().absolute_seconds));
        views.mark(r);
        return r;
      },
      std::move(respond));
}

Response not_a_session() {
  return problem(core::make_error(core::ErrorCode::kConflict,
                                  "this request came with a token, not a session; a token is "
                                  "revoked instead (DELETE /v1/tokens/{token_id})"));
}

// POST /v1/sign-out: ends the session on the server and clears its cookie.
void sign_out(App& app, Call& call, Respond respond) {
  if (!call.session) return respond(not_a_session());
  app.on_command_pool(
      [&app, caller = *call.caller, session = *call.session]() -> Response {
        auto done = app.commands().execute<core::UserState>(
            core::user_stream(caller.user), caller, {}, [&](const core::UserState& s) {
              return core::decide(s, core::UserCommand{core::SignOut{session.session_id}}, caller,
                                  app.now(), app.store_directory());
            });
        if (!done.ok()) return problem(done.error());
        const auto views = app.await_applied(done->append.last_position);
        app.session_activity().forget(session.session_id);
        Response r{bhttp::status::no_content, 11};
        r.set(bhttp::field::set_cookie, set_cookie(app, "", 0));
        views.mark(r);
        return r;
      },
      std::move(respond));
}

json me_sign_in_json(const Known& known) {
  return {{"user", known.caller.user},
          {"must_change_password", known.must_change_password},
          {"second_factor_enrolled", !known.second_factor_secret.empty()},
          {"second_factor_enrolment_required", known.second_factor_enrolment_required}};
}

// POST /v1/me/password {current_password, new_password}: the user's own change. It ends every
// other session of the user; the one it was made in stays.
void change_password(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  FieldReader reader(*body);
  auto current = reader.required_string("current_password");
  if (!current.ok()) return respond(problem(current.error()));
  auto next = reader.required_string("new_password");
  if (!next.ok()) return respond(problem(next.error()));
  if (auto st = reader.finish(); !st.ok()) return respond(problem(st.error()));
  const auto known = known_user(app, call.caller->user);
  if (!known) return respond(problem(core::make_error(core::ErrorCode::kNotFound, "no such user")));
  if (auto st = core::check_password_policy(*next, known->caller.user, known->name, "new_password");
      !st.ok()) {
    return respond(problem(st.error()));
  }
  app.on_password_pool(
      [&app, caller = *call.caller, known = *known, current = *current, next = *next,
       kept = call.session ? call.session->session_id : std::string(),
       peer = call.peer]() -> Response {
        if (!verify_password(known.hash, current)) {
          app.with_throttle(
              [&](core::SignInThrottle& t) { return t.failed(caller.user, peer, app.now()); });
          return problem(core::make_error(core::ErrorCode::kValidationFailed,
                                          "the current password is wrong", "current_password"));
        }
        if (verify_password(known.hash, next)) {
          return problem(core::make_error(core::ErrorCode::kValidationFailed,
                                          "the new password is the current one", "new_password"));
        }
        auto done = app.commands().execute<core::UserState>(
            core::user_stream(caller.user), caller, {}, [&](const core::UserState& s) {
              return core::decide(
                  s, core::UserCommand{core::SetPassword{hash_password(next), false, kept}}, caller,
                  app.now(), app.store_directory());
            });
        if (!done.ok()) return problem(done.error());
        const auto views = app.await_applied(done->append.last_position);
        Known after = known;
        after.must_change_password = false;
        Response r = json_response(200, me_sign_in_json(after));
        views.mark(r);
        return r;
      },
      std::move(respond));
}

// POST /v1/me/second-factor: a new key for the user's authenticator. Nothing is recorded until
// a code of it is confirmed.
void begin_second_factor(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  if (auto st = FieldReader(*body).finish(); !st.ok()) return respond(problem(st.error()));
  const auto known = known_user(app, call.caller->user);
  if (!known) return respond(problem(core::make_error(core::ErrorCode::kNotFound, "no such user")));
  if (!known->second_factor_secret.empty()) {
    return respond(problem(core::make_error(core::ErrorCode::kConflict,
                                            "a second factor is enrolled; an admin resets it")));
  }
  const std::string secret = new_totp_secret();
  respond(json_response(200, {{"secret", secret},
                              {"otpauth_uri", totp_uri(secret, call.caller->user)},
                              {"digits", kTotpDigits},
                              {"period", kTotpStepSeconds},
                              {"algorithm", "SHA1"}}));
}

// POST /v1/me/second-factor/confirm {secret, code}: records the key once a code of it matches.
void confirm_second_factor(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  FieldReader reader(*body);
  auto secret = reader.required_string("secret");
  if (!secret.ok()) return respond(problem(secret.error()));
  auto code = reader.required_string("code");
  if (!code.ok()) return respond(problem(code.error()));
  if (auto st = reader.finish(); !st.ok()) return respond(problem(st.error()));
  const auto step = totp_step_of(*secret, *code, app.now());
  if (!step) {
    return respond(problem(core::make_error(
        core::ErrorCode::kValidationFailed,
        "the code does not match the key now (is the device's clock right?)", "code")));
  }
  app.on_command_pool(
      [&app, caller = *call.caller, secret = *secret, step = *step]() -> Response {
        auto done = app.commands().execute<core::UserState>(
            core::user_stream(caller.user), caller, {}, [&](const core::UserState& s) {
              return core::decide(s, core::UserCommand{core::EnrolSecondFactor{secret, step}},
                                  caller, app.now(), app.store_directory());
            });
        if (!done.ok()) return problem(done.error());
        const auto views = app.await_applied(done->append.last_position);
        const auto known = known_user(app, caller.user);
        Response r = json_response(200, me_sign_in_json(*known));
        views.mark(r);
        return r;
      },
      std::move(respond));
}

json policy_json(const App& app, const std::vector<core::Role>& roles, uint64_t version) {
  json names = json::array();
  for (auto r : roles) names.push_back(core::name_of(r));
  const auto& limits = app.session_activity().limits();
  return {{"second_factor_roles", names},
          {"password",
           {{"min_length", core::kMinPasswordLength}, {"max_length", core::kMaxPasswordLength}}},
          {"session",
           {{"idle_seconds", limits.idle_seconds}, {"absolute_seconds", limits.absolute_seconds}}},
          {"version", version}};
}

// GET /v1/policy/sign-in: any signed-in caller (the dashboard says what a password needs).
void get_policy(App& app, Call&, Respond respond) {
  auto state =
      events::load_state<core::AccessPolicyState>(app.store(), core::access_stream("policy"));
  if (!state.ok()) return respond(problem(state.error()));
  respond(resource_response(200, policy_json(app, state->second_factor_roles, state->version),
                            state->version));
}

// PUT /v1/policy/sign-in {second_factor_roles}: admin only.
void put_policy(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  FieldReader reader(*body);
  auto names = reader.string_list("second_factor_roles", true);
  if (!names.ok()) return respond(problem(names.error()));
  if (auto st = reader.finish(); !st.ok()) return respond(problem(st.error()));
  core::SetSecondFactorPolicy command;
  for (size_t i = 0; i < names->size(); ++i) {
    auto role = core::parse_role((*names)[i]);
    if (!role) {
      return respond(problem(core::make_error(core::ErrorCode::kValidationFailed,
                                              "no such role: " + (*names)[i],
                                              "second_factor_roles[" + std::to_string(i) + "]")));
    }
    command.roles.push_back(*role);
  }
  auto options = app.command_options(call);
  if (!options.ok()) return respond(problem(options.error()));
  app.on_command_pool(
      [&app, caller = *call.caller, options = *options, command]() -> Response {
        auto done = app.commands().execute<core::AccessPolicyState>(
            core::access_stream("policy"), caller, options,
            [&](const core::AccessPolicyState& s) { return core::decide(s, command, caller); });
        if (!done.ok()) return problem(done.error());
        const auto views = app.await_applied(done->append.last_position);
        Response r = command_response(
            200, policy_json(app, done->state.second_factor_roles, done->state.version),
            done->state.version, done->append.last_position);
        views.mark(r);
        return r;
      },
      std::move(respond));
}

}  // namespace

void add_sign_in_routes(App& app) {
  app.add(verb::post, "/v1/sign-in", sign_in, /*public_route=*/true);
  app.add(verb::post, "/v1/sign-out", sign_out);
  app.add(verb::post, "/v1/me/password", change_password);
  app.add(verb::post, "/v1/me/second-factor", begin_second_factor);
  app.add(verb::post, "/v1/me/second-factor/confirm", confirm_second_factor);
  app.add(verb::get, "/v1/policy/sign-in", get_policy);
  app.add(verb::put, "/v1/policy/sign-in", put_policy);
}

}  // namespace mandate::http
