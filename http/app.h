#pragma once

// The API v1 application: the request pipeline (route, authenticate, handle, log, count) and
// the helpers every route uses to run a command or answer a read. Routes themselves live in
// http/routes_*.cc, one file per resource.
//
// Thread-safety: handle() runs on the server's I/O threads. Commands, which wait for a durable
// append, run on a pool of their own so that I/O threads never block on fsync.

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include <boost/asio/thread_pool.hpp>
#include <nlohmann/json.hpp>

#include "core/access.h"
#include "core/caller.h"
#include "core/result.h"
#include "core/sign_in.h"
#include "events/command_handler.h"
#include "events/store.h"
#include "http/applied_broadcast.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "http/session_activity.h"
#include "http/static_files.h"
#include "http/view_cache.h"
#include "projections/runner.h"
#include "projections/views.h"

namespace mandate::http {

// A request authenticated by a session cookie rather than a token.
struct SessionAuth {
  std::string session_id;
  std::string secret;  // The cookie's value: the CSRF token is derived from it.
  core::Instant expires_at;
  bool must_change_password = false;
  bool second_factor_enrolment_required = false;
};

// What a route handler is given.
struct Call {
  const Request& request;
  Params params;  // From the path.
  Params query;
  std::optional<core::Caller> caller;  // Set on every authenticated route.
  std::string peer;                    // The client's address, as the connection saw it.
  std::optional<SessionAuth> session;  // Set when the caller came with a session cookie.
};

// Whether the views had applied a command's events when it answered. A command is durable
// either way; when they had not (the wait timed out), its answer says so in the
// Mandate-Views-Behind header, with the position they had reached, instead of passing for
// read-your-writes.
struct ViewsWait {
  bool applied = true;
  uint64_t views_position = 0;
  // Adds Mandate-Views-Behind to `response` when the views were behind.
  void mark(Response& response) const;
};

class App;
using RouteFn = std::function<void(App&, Call&, Respond)>;

struct AppDeps {
  // Every command runs through it; its store is the log the routes read.
  events::CommandHandler& commands;
  projections::ProjectionRunner& runner;
  const projections::Views& views;
  std::function<core::Instant()> clock;
  // The users' calendar: "today" and the year are days at this offset (core/time.h).
  int32_t utc_offset_minutes = core::kVietnamUtcOffsetMinutes;
  // The offices the procedures name (--authorities) and the breach chain's deadlines
  // (--incident-deadlines).
  core::Authorities authorities;
  core::IncidentDeadlines incident_deadlines;
  // Signing in (--session-idle, --session-max, --sign-in-throttle, --secure-cookies).
  core::SessionLimits session_limits;
  core::ThrottleSettings throttle;
  bool secure_cookies = false;
};

class App {
 public:
  // Routes are registered here; `deps` must outlive the App.
  explicit App(AppDeps deps);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // The server's Handler.
  void handle(Request&& request, std::string peer, Respond respond);

  // Serves the dashboard's files to GETs outside /v1 that match no route; `files` must outlive
  // the App. Without it such paths are 404 as before.
  void serve_files(const StaticFiles& files) { files_ = &files; }

  // Every route, as (method, pattern), for the OpenAPI test and docs.
  std::vector<std::pair<std::string, std::string>> routes() const;

  // --- For routes ---

  events::EventStore& store() { return deps_.commands.store(); }
  events::CommandHandler& commands() { return deps_.commands; }
  projections::ProjectionRunner& runner() const { return deps_.runner; }
  // Read views only inside runner().read(...).
  const projections::Views& views() const { return deps_.views; }
  core::Instant now() const { return deps_.clock(); }
  int32_t utc_offset_minutes() const { return deps_.utc_offset_minutes; }
  core::Date today() const { return core::local_date_of(now(), deps_.utc_offset_minutes); }
  int32_t current_year() const { return core::year_of(today()); }
  const events::StoreDirectory& store_directory() const { return store_directory_; }
  // An incident's chain as it stands now, with this server's deadlines.
  std::vector<core::IncidentStep> incident_steps(const core::IncidentState& incident) const {
    return core::incident_steps(incident, deps_.incident_deadlines, deps_.authorities, now());
  }
  const core::IncidentDeadlines& incident_deadlines() const { return deps_.incident_deadlines; }
  const core::Authorities& authorities() const { return deps_.authorities; }

  // Runs `work()` on the command pool; it returns the response to send.
  void on_command_pool(std::function<Response()> work, Respond respond);

  // The options of a command from its headers: If-Match, Idempotency-Key (scoped to the
  // caller, fingerprinted by method, target and body). kValidationFailed for a malformed one.
  core::Result<events::CommandOptions> command_options(const Call& call) const;

  // Waits (at most kReadYourWritesWait) until the views have applied `position`, so that a
  // read after a write sees it. Once caught up they apply a batch before its appends return,
  // so this waits only while they replay after a start. What it saw goes on the answer.
  [[nodiscard]] ViewsWait await_applied(uint64_t position) const;

  Metrics& metrics() { return metrics_; }
  // The live views' kept answers (GET /v1/views/<name>).
  ViewCache& view_cache() { return view_cache_; }
  // Wakes the GET /v1/views/changes streams when the views move.
  AppliedBroadcast& applied_broadcast() { return applied_broadcast_; }

  // --- Signing in (http/routes_sign_in.cc) ---

  // Runs `work()` on the password pool: Argon2id takes 64 MiB and ~0.2 s a call, so at most
  // two run at once. Past kMaxPasswordQueue waiting, answers 429 at once.
  void on_password_pool(std::function<Response()> work, Respond respond);
  SessionActivity& session_activity() { return session_activity_; }
  const SessionActivity& session_activity() const { return session_activity_; }
  // The throttle of failed sign-ins, under its lock.
  template <typename F>
  auto with_throttle(F&& f) {
    std::lock_guard lock(throttle_mu_);
    return f(throttle_);
  }
  bool secure_cookies() const { return deps_.secure_cookies; }
  // The cookie that carries a session's secret: "__Host-mandate_session" when cookies are
  // Secure (the prefix makes the browser refuse it over plain HTTP or for another path).
  std::string session_cookie_name() const;

  // Registers a route; a public route is answered without a token.
  void add(boost::beast::http::verb method, std::string pattern, RouteFn fn,
           bool public_route = false);

 private:
  using AppRouter = Router<RouteFn>;
  void add_operations_routes();

  AppDeps deps_;
  events::StoreDirectory store_directory_;
  std::optional<SessionAuth> authenticate_session(const std::string& secret, core::Caller* caller);

  AppRouter router_;
  std::vector<bool> public_routes_;
  Metrics metrics_;
  ViewCache view_cache_;
  AppliedBroadcast applied_broadcast_{deps_.runner};
  const StaticFiles* files_ = nullptr;
  SessionActivity session_activity_;
  std::mutex throttle_mu_;
  core::SignInThrottle throttle_;
  std::atomic<int> password_queue_{0};
  boost::asio::thread_pool command_pool_;
  boost::asio::thread_pool password_pool_;
};

// False when the request names an Origin other than its own Host (a page of another site).
bool same_origin_or_none(const Request& request);

// The CSRF token of a session: what a cookie-authenticated write sends as X-CSRF-Token. Derived
// from the cookie's secret, which a page of another site can neither read nor guess.
std::string csrf_token_of(std::string_view session_secret);

// Refuses a caller whose roles do not allow `action`: kForbidden, for the route to answer.
core::Status require(const Call& call, core::Action action);

// A positive integer query parameter, or `fallback` when absent; kValidationFailed naming it.
core::Result<uint64_t> query_uint(const Call& call, const std::string& name, uint64_t fallback);

// JSON answers.
Response json_response(unsigned status, const nlohmann::json& body);
// A resource's answer with `ETag: "<version>"`.
Response resource_response(unsigned status, nlohmann::json body, uint64_t version);
// The answer to a successful command: the resource with its version and the position of the
// last event the command appended.
Response command_response(unsigned status, nlohmann::json resource, uint64_t version,
                          uint64_t position);

}  // namespace mandate::http
