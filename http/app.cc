#include "http/app.h"

#include <iostream>

#include <boost/asio/post.hpp>

#include "core/time.h"
#include "events/digest.h"
#include "http/problem.h"
#include "http/routes.h"

namespace mandate::http {
namespace {

namespace bhttp = boost::beast::http;
using nlohmann::json;

// Commands wait on fsync; the pool is sized so that many can share one group commit.
constexpr int kCommandThreads = 64;
// A read after a write waits at most this long for the projections.
constexpr std::chrono::milliseconds kReadYourWritesWait{5000};
constexpr size_t kMaxIdempotencyKey = 128;
// Argon2id's 64 MiB a call: two at once on the reference machine's two cores, and no more than
// this many waiting (a flood of sign-ins is refused, not queued without end).
constexpr int kPasswordThreads = 2;
constexpr int kMaxPasswordQueue = 64;

std::string json_escape(std::string_view s) {
  return json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
}

// One structured line per request on stderr.
void log_request(const Request& request, const std::string& route, unsigned status, double seconds,
                 const std::optional<core::Caller>& caller) {
  const bool refused = status == 401 || status == 403;
  std::string line =
      "{\"ts\":\"" +
      core::format_instant(core::Instant{std::chrono::duration_cast<std::chrono::microseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count()}) +
      "\",\"level\":\"" + (refused ? "warn" : "info") + "\",\"method\":\"" +
      std::string(request.method_string()) + "\",\"target\":" + json_escape(request.target()) +
      ",\"route\":" + json_escape(route) + ",\"status\":" + std::to_string(status) +
      ",\"ms\":" + std::to_string(seconds * 1000.0);
  if (caller) line += ",\"user\":" + json_escape(caller->user);
  if (refused) line += ",\"refused\":true";
  line += "}\n";
  std::cerr << line;
}

// The value of cookie `name` in the request's Cookie header (RFC 6265 §5.4: "a=1; b=2").
std::optional<std::string> cookie(const Request& request, std::string_view name) {
  const std::string_view header = request[bhttp::field::cookie];
  size_t start = 0;
  while (start < header.size()) {
    const size_t end = std::min(header.find(';', start), header.size());
    std::string_view pair = header.substr(start, end - start);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    start = end + 1;
  }
  return std::nullopt;
}

bool is_safe_method(bhttp::verb method) {
  return method == bhttp::verb::get || method == bhttp::verb::head ||
         method == bhttp::verb::options;
}

// The routes a session may use before its password is changed or its second factor enrolled:
// the ways out of that state (and the policy a new password must meet) and nothing else.
bool open_to_restricted_session(const Request& request, const std::string& pattern) {
  if (pattern == "/v1/policy/sign-in") return request.method() == bhttp::verb::get;
  return pattern == "/v1/me" || pattern == "/v1/me/password" || pattern == "/v1/me/second-factor" ||
         pattern == "/v1/me/second-factor/confirm" || pattern == "/v1/sign-out";
}

// Why a session-authenticated request is refused before its route runs, if it is: a write
// without the session's CSRF token or from another origin, or anything but the ways out while
// a password change or a second factor is owed.
std::optional<core::Error> session_refusal(const Request& request, const SessionAuth& session,
                                           const std::string& pattern) {
  if (!is_safe_method(request.method())) {
    if (!same_origin_or_none(request) ||
        !events::equal_in_constant_time(request["X-CSRF-Token"], csrf_token_of(session.secret))) {
      return core::make_error(core::ErrorCode::kCsrfFailed,
                              "a write made with a session cookie needs the session's "
                              "X-CSRF-Token header (GET /v1/me gives it)");
    }
  }
  if (open_to_restricted_session(request, pattern)) return std::nullopt;
  if (session.must_change_password) {
    return core::make_error(core::ErrorCode::kPasswordChangeRequired,
                            "change the first password: POST /v1/me/password");
  }
  if (session.second_factor_enrolment_required) {
    return core::make_error(core::ErrorCode::kSecondFactorEnrolmentRequired,
                            "your roles need a second factor: POST /v1/me/second-factor");
  }
  return std::nullopt;
}

std::optional<std::string_view> bearer_token(const Request& request) {
  const std::string_view header = request[bhttp::field::authorization];
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size() || header.substr(0, kScheme.size()) != kScheme) {
    return std::nullopt;
  }
  return header.substr(kScheme.size());
}

}  // namespace

bool same_origin_or_none(const Request& request) {
  const std::string_view origin = request[bhttp::field::origin];
  if (origin.empty()) return true;
  const std::string_view host = request[bhttp::field::host];
  const size_t scheme = origin.find("://");
  return scheme != std::string_view::npos && origin.substr(scheme + 3) == host;
}

std::string csrf_token_of(std::string_view session_secret) {
  return events::sha256_hex("mandate csrf\n" + std::string(session_secret));
}

App::App(AppDeps deps)
    : deps_(std::move(deps)),
      store_directory_(deps_.commands, deps_.authorities, deps_.utc_offset_minutes),
      session_activity_(deps_.session_limits),
      throttle_(deps_.throttle),
      command_pool_(kCommandThreads),
      password_pool_(kPasswordThreads) {
  add_operations_routes();
  add_directory_routes(*this);
  add_log_routes(*this);
  add_plan_routes(*this);
  add_task_routes(*this);
  add_transfer_routes(*this);
  add_incident_routes(*this);
  add_inspection_routes(*this);
  add_view_routes(*this);
  add_me_routes(*this);
  add_backup_routes(*this);
  add_sign_in_routes(*this);
}

App::~App() {
  command_pool_.join();
  password_pool_.join();
}

std::string App::session_cookie_name() const {
  return deps_.secure_cookies ? "__Host-mandate_session" : "mandate_session";
}

std::optional<SessionAuth> App::authenticate_session(const std::string& secret,
                                                     core::Caller* caller) {
  if (secret.size() != 64) return std::nullopt;
  const std::string hash = events::sha256_hex(secret);
  struct Found {
    projections::SessionRow session;
    core::Caller caller;
    bool must_change = false;
    bool needs_enrolment = false;
  };
  auto found = deps_.runner.read([&]() -> std::optional<Found> {
    const auto& directory = deps_.views.directory;
    const auto* session = directory.session(hash);
    if (session == nullptr) return std::nullopt;
    const auto* row = directory.user(session->user);
    if (row == nullptr) return std::nullopt;
    const auto& u = row->user;
    return Found{*session, core::Caller{u.id, u.agency, u.roles, u.clearance},
                 row->must_change_password, directory.owes_second_factor(*row)};
  });
  if (!found) return std::nullopt;
  auto expires =
      session_activity_.use(found->session.session_id, found->session.signed_in_at, now());
  if (!expires) return std::nullopt;
  *caller = std::move(found->caller);
  return SessionAuth{found->session.session_id, secret, *expires, found->must_change,
                     found->needs_enrolment};
}

void App::on_password_pool(std::function<Response()> work, Respond respond) {
  if (password_queue_.fetch_add(1) >= kMaxPasswordQueue) {
    password_queue_.fetch_sub(1);
    return respond(problem(core::make_error(core::ErrorCode::kRateLimited,
                                            "too many sign-ins at once; try again shortly")));
  }
  boost::asio::post(password_pool_, [this, work = std::move(work), respond = std::move(respond)] {
    Response response = work();
    password_queue_.fetch_sub(1);
    respond(std::move(response));
  });
}

core::Status require(const Call& call, core::Action action) {
  if (call.caller && core::may(*call.caller, action)) return core::ok_status();
  return core::make_error(core::ErrorCode::kForbidden, "your roles do not allow this");
}

core::Result<uint64_t> query_uint(const Call& call, const std::string& name, uint64_t fallback) {
  return query_uint(call.query, name, fallback);
}

void App::add(bhttp::verb method, std::string pattern, RouteFn fn, bool public_route) {
  router_.add(method, std::move(pattern), std::move(fn));
  public_routes_.push_back(public_route);
}

std::vector<std::pair<std::string, std::string>> App::routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& route : router_.routes()) {
    out.emplace_back(std::string(bhttp::to_string(route.method)), route.pattern);
  }
  return out;
}

void App::handle(Request&& request, std::string peer, Respond respond) {
  const auto start = std::chrono::steady_clock::now();
  auto req = std::make_shared<Request>(std::move(request));
  const std::string_view target = req->target();
  const size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1);

  const AppRouter::Route* route = nullptr;
  Params params;
  std::vector<bhttp::verb> allowed;
  const auto outcome = router_.match(req->method(), path, &route, params, &allowed);
  auto call = std::make_shared<Call>(
      Call{*req, std::move(params), {}, std::nullopt, std::move(peer), std::nullopt});
  // The dashboard's files answer what no route does, outside the API's own paths.
  const bool for_files = files_ && outcome == AppRouter::Outcome::kNoPath &&
                         req->method() == bhttp::verb::get && path != "/v1" &&
                         path.substr(0, 4) != "/v1/";
  const std::string route_name = route ? route->pattern : (for_files ? "static" : "unmatched");

  // Every answer passes here: log it, count it, mark it, then send it. An API answer may hold
  // what only its caller may see: no cache keeps it.
  const bool api = path == "/v1" || path.substr(0, 4) == "/v1/";
  auto mark = [api](Response& response) {
    if (api) response.set(bhttp::field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "no-referrer");
  };
  auto record = [this, req, call, route_name, start](unsigned status) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    log_request(*req, route_name, status, seconds, call->caller);
    metrics_.record(route_name, status, seconds);
  };
  Respond finish(
      [record, mark, respond](Response&& response) {
        record(response.result_int());
        mark(response);
        respond(std::move(response));
      },
      [record, mark, respond](Response&& head, std::shared_ptr<StreamSource> source) {
        record(head.result_int());  // A stream is logged when it starts.
        mark(head);
        respond.stream(std::move(head), std::move(source));
      });

  if (for_files) {
    if (auto file = files_->serve(path, req->version())) return finish(std::move(*file));
  }
  if (outcome == AppRouter::Outcome::kNoPath || outcome == AppRouter::Outcome::kBadPath) {
    return finish(problem(
        core::make_error(core::ErrorCode::kNotFound, "no such resource: " + std::string(path))));
  }
  if (outcome == AppRouter::Outcome::kNoMethod) {
    Response r = problem(core::make_error(
        core::ErrorCode::kMethodNotAllowed,
        std::string(req->method_string()) + " is not a method of " + std::string(path)));
    std::string allow;
    for (auto m : allowed) {
      if (!allow.empty()) allow += ", ";
      allow += std::string(bhttp::to_string(m));
    }
    r.set(bhttp::field::allow, allow);
    return finish(std::move(r));
  }
  auto parsed_query = parse_query(query);
  if (!parsed_query) {
    return finish(problem(core::make_error(core::ErrorCode::kValidationFailed,
                                           "the query string has a malformed escape")));
  }
  call->query = std::move(*parsed_query);
  // `year` means the same on every route that takes it; it is checked here once, strictly, so
  // that no route reads a year that wrapped (4294969322 as 2026).
  if (auto year = query_year(call->query, "year", 0); !year.ok()) {
    return finish(problem(year.error()));
  }

  const size_t index = static_cast<size_t>(route - router_.routes().data());
  if (!public_routes_[index]) {
    // A program's bearer token, or else a person's session cookie.
    if (auto token = bearer_token(*req)) {
      const std::string hash = events::sha256_hex(*token);
      call->caller =
          deps_.runner.read([&] { return deps_.views.directory.caller_for_token(hash); });
    } else if (auto secret = cookie(*req, session_cookie_name())) {
      core::Caller caller;
      call->session = authenticate_session(*secret, &caller);
      if (call->session) call->caller = std::move(caller);
    }
    if (!call->caller) {
      Response r = problem(core::make_error(
          core::ErrorCode::kUnauthenticated,
          "sign in (POST /v1/sign-in) or send a valid token: Authorization: Bearer <token>"));
      r.set(bhttp::field::www_authenticate, "Bearer");
      return finish(std::move(r));
    }
    if (call->session) {
      if (auto refusal = session_refusal(*req, *call->session, route->pattern)) {
        return finish(problem(*refusal));
      }
    }
  }
  if (!path_params_are_ids(route->pattern, call->params)) {
    return finish(problem(core::make_error(core::ErrorCode::kNotFound, "no such resource")));
  }
  route->fn(*this, *call, finish);
}

void App::on_command_pool(std::function<Response()> work, Respond respond) {
  boost::asio::post(command_pool_,
                    [work = std::move(work), respond = std::move(respond)] { respond(work()); });
}

core::Result<events::CommandOptions> App::command_options(const Call& call) const {
  events::CommandOptions options;
  const std::string_view if_match = call.request[bhttp::field::if_match];
  if (!if_match.empty() && if_match != "*") {
    std::string_view v = if_match;
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    uint64_t version = 0;
    bool ok = !v.empty() && v.size() <= 19;
    for (char c : v) {
      ok = ok && c >= '0' && c <= '9';
      version = version * 10 + static_cast<uint64_t>(c - '0');
    }
    if (!ok) {
      return core::make_error(core::ErrorCode::kValidationFailed,
                              "If-Match must be a version in quotes, as in ETag: \"3\"",
                              "If-Match");
    }
    options.if_match = version;
  }
  const std::string_view key = call.request["Idempotency-Key"];
  if (!key.empty()) {
    if (key.size() > kMaxIdempotencyKey) {
      return core::make_error(core::ErrorCode::kValidationFailed,
                              "Idempotency-Key is longer than 128 characters", "Idempotency-Key");
    }
    const std::string user = call.caller ? call.caller->user : std::string();
    std::string fingerprint_input = std::string(call.request.method_string()) + " " +
                                    std::string(call.request.target()) + "\n" + call.request.body();
    options.idempotency = events::IdempotencyKey{user + '\x1f' + std::string(key),
                                                 events::sha256_hex(fingerprint_input)};
  }
  return options;
}

ViewsWait App::await_applied(uint64_t position) const {
  if (deps_.runner.wait_applied(position, kReadYourWritesWait)) return ViewsWait{};
  return ViewsWait{false, deps_.runner.applied()};
}

void ViewsWait::mark(Response& response) const {
  if (!applied) response.set("Mandate-Views-Behind", std::to_string(views_position));
}

void App::add_operations_routes() {
  add(
      bhttp::verb::get, "/healthz",
      [](App&, Call&, Respond respond) {
        respond(json_response(200, {{"status", "ok"}}));
      },
      true);
  add(
      bhttp::verb::get, "/readyz",
      [](App& app, Call&, Respond respond) {
        const uint64_t head = app.store().head().position;
        const uint64_t applied = app.runner().applied();
        const std::string failure = app.runner().failure();
        const bool ready = failure.empty() && applied >= head;
        json body = {{"status", ready ? "ready" : (failure.empty() ? "catching_up" : "failed")},
                     {"head_position", head},
                     {"applied_position", applied}};
        if (!failure.empty()) body["detail"] = failure;
        respond(json_response(ready ? 200 : 503, body));
      },
      true);
  add(
      bhttp::verb::get, "/metrics",
      [](App& app, Call&, Respond respond) {
        const uint64_t head = app.store().head().position;
        const uint64_t applied = app.runner().applied();
        Response r{bhttp::status::ok, 11};
        r.set(bhttp::field::content_type, "text/plain; version=0.0.4");
        using Kind = Sample::Kind;
        r.body() = app.metrics().render({
            {"mandate_events_appended_total", Kind::kCounter,
             "Events appended to the log (its head position).", static_cast<double>(head)},
            {"mandate_projection_applied_position", Kind::kGauge,
             "The last log position the views have applied.", static_cast<double>(applied)},
            {"mandate_projection_lag_events", Kind::kGauge,
             "Events in the log the views have not applied yet.",
             static_cast<double>(head - std::min(head, applied))},
            {"mandate_view_answers_kept_total", Kind::kCounter,
             "View reads answered with a kept answer (http/view_cache.h).",
             static_cast<double>(app.view_cache().counts().hits)},
            {"mandate_view_answers_made_total", Kind::kCounter,
             "Live view reads (no as_of) whose answer had to be made from the views.",
             static_cast<double>(app.view_cache().counts().misses)},
        });
        respond(std::move(r));
      },
      true);
}

Response json_response(unsigned status, const json& body) {
  Response r{static_cast<bhttp::status>(status), 11};
  r.set(bhttp::field::content_type, "application/json");
  r.body() = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

Response resource_response(unsigned status, json body, uint64_t version) {
  body["version"] = version;
  Response r = json_response(status, body);
  r.set(bhttp::field::etag, "\"" + std::to_string(version) + "\"");
  return r;
}

Response command_response(unsigned status, json resource, uint64_t version, uint64_t position) {
  resource["position"] = position;
  return resource_response(status, std::move(resource), version);
}

}  // namespace mandate::http
