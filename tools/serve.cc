// `mandate serve`: open the store, bring the views up to date, serve the API.

#include "tools/serve.h"

#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "events/store.h"
#include "http/app.h"
#include "http/problem.h"
#include "http/server.h"
#include "projections/runner.h"
#include "projections/views.h"
#include "projections/year_opener.h"
#include "tools/bootstrap.h"
#include "tools/cli.h"
#include "tools/data_dir.h"
#include "tools/procedure_flags.h"
#include "tools/seed.h"
#include "tools/system_clock.h"
#include "tools/tree_checkpointer.h"

namespace mandate::tools {
namespace {

constexpr const char* kUsage =
    R"(usage: mandate serve [--data DIR] [--listen HOST:PORT] [--seed DIR]
                     [--web DIR] [--threads N] [--time-zone ZONE]
                     [--clock-start INSTANT] [--authorities KEY=ID,...]
                     [--incident-deadlines STEP=HOURSh,...]
                     [--read-timeout-ms N] [--max-connections N]
                     [--session-limits idle=30m,max=12h] [--secure-cookies on|off]
                     [--sign-in-throttle KEY=VALUE,...]
                     [--checkpoint-key FILE [--checkpoint-origin NAME]
                      [--checkpoint-every EVENTS] [--checkpoint-interval SECONDS]]

Serves the API on HOST:PORT (default 127.0.0.1:8080) with the log in DIR (default ./data).
Past N open connections (default 1024) a new one is answered 429 and closed.
On the first start in an empty DIR it creates the user "admin", writes its token to
DIR/admin.token and a first password, to be changed at the first sign-in, to
DIR/admin.password (both mode 0600). With --seed, a new DIR is loaded with the agencies and plan
files found in that folder (agencies.json first, then every other *.json, issued).
With --web, the dashboard built in that folder (web/dist) is served at /.
--time-zone (default Asia/Ho_Chi_Minh; also UTC or +HH:MM) is the users' calendar: "today",
due dates and the first day of a year. --clock-start starts the server's clock at an RFC 3339
instant and lets it run (rehearsals and tests); it is refused when earlier than the last
recorded event. Each plan year opens by itself on its first day, and on start if missed.
--authorities names the agencies the procedures name by office (defaults: committee=ubnd-tinh,
committee_office=van-phong-ubnd-tinh, police_division=phong-anctnb,
ministry_division=cuc-anctnb). --incident-deadlines sets how long each step of a breach
report may take after the one before (defaults: report=24h, receive=24h, committee=48h,
ministry=48h, partner=72h).
People sign in with a password (POST /v1/sign-in) and get a session cookie, which ends after
--session-limits idle (default 30m) without a request and max (default 12h) after sign-in.
The cookie is Secure (sent over HTTPS only) unless --secure-cookies off; the default is off
when HOST is a loopback address and on otherwise, where TLS is expected in front.
--sign-in-throttle sets how failures slow and lock sign-ins (defaults: free=3, delay=1s,
max-delay=60s, lock-after=10, lock=15m, source-lock-after=50; docs/security.md).
--checkpoint-key FILE (an Ed25519 key from `mandate checkpoint keygen`) makes the server sign a
checkpoint of its Merkle tree (C2SP tlog-checkpoint and signed-note, docs/proofs.md) under
--checkpoint-origin (default mandate/log) every --checkpoint-every events (default 1000), or
--checkpoint-interval seconds (default 60) after the last when the log moved, at start and at
stop; each is kept and served at GET /v1/chain/checkpoint.
SIGTERM or SIGINT stops accepting, lets requests in flight finish, closes the store, exit 0.
)";

constexpr int kDefaultThreads = 2;
// Bounds on the numeric flags: past them a value is a typing mistake, not a configuration.
constexpr uint64_t kMaxThreads = 256;
constexpr uint64_t kMaxReadTimeoutMs = 3'600'000;  // An hour.
constexpr uint64_t kMaxConnections = 1'000'000;
constexpr std::chrono::seconds kCatchUpWait{300};
constexpr uint64_t kMaxCheckpointInterval = 86'400;  // A day.

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

// --clock-start earlier than the log's last event would record time running backwards.
core::Status check_clock_start(const events::EventStore& store,
                               const std::optional<core::Instant>& start) {
  const uint64_t head = store.head().position;
  if (!start || head == 0) return core::ok_status();
  auto last = store.read_all(head, 1);
  if (!last.ok()) return last.take_error();
  if (!last->empty() && *start < last->front().recorded_at) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            "--clock-start " + core::format_instant(*start) +
                                " is earlier than the last recorded event (" +
                                core::format_instant(last->front().recorded_at) + ")");
  }
  return core::ok_status();
}

// Runs `tick` about once a second on its own thread until stop(): the plan years' opener. The
// check is a read of the active plans' last years, so a second's latency costs nothing.
class YearTimer {
 public:
  explicit YearTimer(std::function<void()> tick)
      : thread_([this, tick = std::move(tick)] {
          std::unique_lock lock(mu_);
          while (!stopping_) {
            if (cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) break;
            lock.unlock();
            tick();
            lock.lock();
          }
        }) {}
  ~YearTimer() { stop(); }
  void stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

bool split_listen(const std::string& listen, std::string& host, uint16_t& port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  const auto p = parse_number(listen.substr(colon + 1), 0, 65535);
  if (!p) return false;
  port = static_cast<uint16_t>(*p);
  return !host.empty();
}

}  // namespace

int serve_main(int argc, char** argv) {
  Args args =
      parse_args(argc, argv, 2,
                 {"data", "listen", "seed", "web", "threads", "read-timeout-ms", "max-connections",
                  "time-zone", "clock-start", "authorities", "incident-deadlines", "session-limits",
                  "secure-cookies", "sign-in-throttle", "checkpoint-key", "checkpoint-origin",
                  "checkpoint-every", "checkpoint-interval"},
                 {"help"});
  if (args.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  // Every number is checked here, before the store opens or anything listens.
  const auto threads = number_flag(args, "threads", kDefaultThreads, 1, kMaxThreads);
  const auto read_timeout_ms = number_flag(args, "read-timeout-ms", 0, 1, kMaxReadTimeoutMs);
  const auto max_connections = number_flag(args, "max-connections", 0, 1, kMaxConnections);
  const auto checkpoint_every = number_flag(args, "checkpoint-every", 1000, 1, UINT64_MAX);
  const auto checkpoint_interval =
      number_flag(args, "checkpoint-interval", 60, 1, kMaxCheckpointInterval);
  if (args.error || !args.positional.empty()) {
    std::cerr << "mandate serve: " << args.error.value_or("unexpected argument") << "\n" << kUsage;
    return kExitUsage;
  }
  const std::string data_dir = args.get("data", "./data");
  std::string host;
  uint16_t port = 0;
  if (!split_listen(args.get("listen", "127.0.0.1:8080"), host, port)) {
    std::cerr << "mandate serve: --listen takes HOST:PORT, the port from 0 to 65535\n" << kUsage;
    return kExitUsage;
  }
  std::optional<http::StaticFiles> web;
  if (args.has("web")) {
    std::string why;
    web = http::StaticFiles::open(args.get("web", ""), &why);
    if (!web) {
      std::cerr << "mandate serve: --web: " << why << "\n";
      return kExitUsage;
    }
  }
  const auto utc_offset = core::parse_utc_offset(args.get("time-zone", "Asia/Ho_Chi_Minh"));
  if (!utc_offset) {
    std::cerr << "mandate serve: --time-zone takes Asia/Ho_Chi_Minh, UTC or +HH:MM\n";
    return kExitUsage;
  }
  std::string why;
  const auto authorities = parse_authorities(args.get("authorities", ""), &why);
  if (args.has("authorities") && !authorities) {
    std::cerr << "mandate serve: --authorities: " << why << "\n";
    return kExitUsage;
  }
  const auto deadlines = parse_incident_deadlines(args.get("incident-deadlines", ""), &why);
  if (args.has("incident-deadlines") && !deadlines) {
    std::cerr << "mandate serve: --incident-deadlines: " << why << "\n";
    return kExitUsage;
  }
  const auto session_limits = parse_session_limits(args.get("session-limits", ""), &why);
  if (args.has("session-limits") && !session_limits) {
    std::cerr << "mandate serve: --session-limits: " << why << "\n";
    return kExitUsage;
  }
  const auto throttle = parse_sign_in_throttle(args.get("sign-in-throttle", ""), &why);
  if (args.has("sign-in-throttle") && !throttle) {
    std::cerr << "mandate serve: --sign-in-throttle: " << why << "\n";
    return kExitUsage;
  }
  const std::string secure_cookies_flag =
      args.get("secure-cookies", is_loopback(host) ? "off" : "on");
  if (secure_cookies_flag != "on" && secure_cookies_flag != "off") {
    std::cerr << "mandate serve: --secure-cookies takes on or off\n";
    return kExitUsage;
  }
  std::function<core::Instant()> clock = system_clock;
  std::optional<core::Instant> clock_start;
  if (args.has("clock-start")) {
    clock_start = core::parse_instant(args.get("clock-start", ""));
    if (!clock_start) {
      std::cerr << "mandate serve: --clock-start takes an RFC 3339 instant\n";
      return kExitUsage;
    }
    clock = clock_starting_at(*clock_start);
  }
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);

  auto opened = events::EventStore::open(store_options(data_dir, clock));
  if (!opened.ok()) {
    std::cerr << "mandate serve: " << opened.error().message << "\n";
    return kExitUnavailable;
  }
  auto store = std::move(opened).value();
  if (auto st = check_clock_start(*store, clock_start); !st.ok()) {
    std::cerr << "mandate serve: " << st.error().message << "\n";
    return kExitUsage;
  }
  // Every command of this server, from the seed to the HTTP routes, goes through this one.
  events::CommandHandler commands(*store);
  const bool fresh = store->head().position == 0;
  if (fresh) {
    if (auto st = bootstrap_admin(*store, data_dir); !st.ok()) {
      std::cerr << "mandate serve: " << st.error().message << "\n";
      return kExitUnavailable;
    }
    if (args.has("seed")) {
      if (auto st = load_seed(commands, args.get("seed", ""), clock()); !st.ok()) {
        std::cerr << "mandate serve: seeding from " << args.get("seed", "") << ": "
                  << st.error().message << (st.error().field.empty() ? "" : " (field ")
                  << st.error().field << (st.error().field.empty() ? "" : ")") << "\n";
        return kExitFailure;
      }
    }
  }

  projections::Views views;
  projections::ProjectionRunner runner(*store, views.all());
  runner.start();
  // Listen only once the views are up to date, so that the first answers are current.
  if (!runner.wait_applied(store->head().position, kCatchUpWait)) {
    std::cerr << "mandate serve: the views did not catch up with the log: " << runner.failure()
              << "\n";
    return kExitUnavailable;
  }
  std::cerr << R"({"level":"info","msg":"views ready","resumed_from":)" << runner.resumed_from()
            << R"(,"head":)" << runner.applied() << "}" << std::endl;
  http::App app(
      http::AppDeps{commands, runner, views, clock, *utc_offset,
                    args.has("authorities") ? *authorities : core::Authorities{},
                    args.has("incident-deadlines") ? *deadlines : core::IncidentDeadlines{},
                    args.has("session-limits") ? *session_limits : core::SessionLimits{},
                    args.has("sign-in-throttle") ? *throttle : core::ThrottleSettings{},
                    secure_cookies_flag == "on"});
  // An office the procedures name but the directory lacks leaves its step to nobody (no one
  // could receive a breach report): say so at start. Not fatal, since the directory may be
  // loaded after the first start.
  if (!app.store_directory().agencies().empty()) {
    const core::Authorities& a = app.authorities();
    for (const std::string* id :
         {&a.committee, &a.committee_office, &a.police_division, &a.ministry_division}) {
      if (!app.store_directory().agency_exists(*id)) {
        std::cerr
            << R"({"level":"warn","msg":"--authorities names an agency that is not registered","agency":")"
            << *id << "\"}" << std::endl;
      }
    }
  }
  // The years missed while stopped open before the first answer; then a timer opens each new
  // year on its first day.
  const auto current_year = [&] {
    return core::year_of(core::local_date_of(clock(), *utc_offset));
  };
  const auto log_year = [](const std::string& what) {
    std::cerr << R"({"level":"warn","msg":"opening a plan year: )" << what << "\"}" << std::endl;
  };
  projections::open_due_years(commands, runner, views, current_year(), log_year);
  runner.wait_applied(store->head().position, kCatchUpWait);
  YearTimer year_timer(
      [&] { projections::open_due_years(commands, runner, views, current_year(), log_year); });
  std::optional<TreeCheckpointer> checkpointer;
  if (args.has("checkpoint-key")) {
    checkpointer.emplace(
        *store,
        TreeCheckpointOptions{args.get("checkpoint-key", ""),
                              args.get("checkpoint-origin", "mandate/log"), *checkpoint_every,
                              std::chrono::seconds(*checkpoint_interval)},
        clock);
    if (auto st = checkpointer->start(); !st.ok()) {
      std::cerr << "mandate serve: --checkpoint-key: " << st.error().message << "\n";
      return st.error().code == core::ErrorCode::kValidationFailed ? kExitUsage : kExitUnavailable;
    }
  }
  if (web) app.serve_files(*web);
  http::Limits limits;
  if (args.has("read-timeout-ms")) {
    limits.read_timeout = std::chrono::milliseconds(static_cast<int64_t>(*read_timeout_ms));
  }
  if (args.has("max-connections")) limits.max_connections = *max_connections;
  http::Server server(
      limits,
      [&app](http::Request&& r, std::string peer, http::Respond respond) {
        app.handle(std::move(r), std::move(peer), respond);
      },
      http::problem_for_status);
  if (auto st = server.listen(host, port); !st.ok()) {
    std::cerr << "mandate serve: " << st.error().message << "\n";
    return kExitUnavailable;
  }
  server.catch_signals();
  std::cerr << R"({"level":"info","msg":"serving","url":"http://)" << host << ":" << server.port()
            << R"(/","data":")" << data_dir << "\"}" << std::endl;
  server.run(static_cast<int>(*threads), /*handle_signals=*/true);
  year_timer.stop();
  if (checkpointer) checkpointer->stop();
  runner.stop();
  std::cerr << R"({"level":"info","msg":"stopped"})" << std::endl;
  return kExitOk;
}

}  // namespace mandate::tools
