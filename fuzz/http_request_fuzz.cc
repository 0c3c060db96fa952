// http_request: the bytes a client sends on one connection, through everything the server does
// with them before a route does its own work:
//   - Beast's request parser with the server's limits, read as http/connection.cc reads (a
//     fresh parser per request, header_limit and body_limit from http::Limits, one buffer kept
//     across the requests of a connection), from a stream that hands the bytes out in pieces
//     as TCP may;
//   - request_head_problem (framing, Host, the target's form);
//   - the real App's pipeline, App::handle, over an empty store: routing, 404 and 405, the
//     query's escapes and its year, authentication (no token is valid, so a private route
//     stops at 401), the answer's headers;
//   - and because a private route stops at 401, the same route table's match, parse_query,
//     query_year, query_uint and path_params_are_ids called directly.
// A kept-alive request is followed by the next one in the bytes, as on_write → do_read does.
//
// Asserts: no crash, UB or escaped exception; every request that reaches the App is answered
// exactly once, before handle() returns (no public route waits), with a status below 500 (no
// bytes a client sends are the server's fault) that agrees with the route table's outcome.
//
// Input: byte 0 is the size of the pieces the stream hands out (0: everything at once); the
// rest is what the client sent.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "events/store.h"
#include "fuzz/fuzz_check.h"
#include "http/app.h"
#include "http/request_head.h"
#include "http/router.h"
#include "http/server.h"
#include "projections/runner.h"
#include "projections/views.h"

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;
using namespace mandate;

// A SyncReadStream over the input: at most `piece` bytes per read_some (0: no limit), then EOF.
class PieceStream {
 public:
  PieceStream(std::string_view bytes, size_t piece) : rest_(bytes), piece_(piece) {}

  template <typename Buffers>
  size_t read_some(const Buffers& buffers, beast::error_code& ec) {
    ec = {};
    if (rest_.empty()) {
      ec = asio::error::eof;
      return 0;
    }
    const size_t limit = piece_ == 0 ? rest_.size() : std::min(piece_, rest_.size());
    const size_t n = asio::buffer_copy(buffers, asio::buffer(rest_.data(), limit));
    rest_.remove_prefix(n);
    return n;
  }
  template <typename Buffers>
  size_t read_some(const Buffers& buffers) {
    beast::error_code ec;
    const size_t n = read_some(buffers, ec);
    if (ec) throw beast::system_error(ec);
    return n;
  }

 private:
  std::string_view rest_;
  size_t piece_;
};

// The App over an empty store in a temporary directory, built once; the projections are never
// started (nothing is appended). The route table beside it is the App's own.
struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<events::EventStore> store;
  std::unique_ptr<events::CommandHandler> commands;
  projections::Views views;
  std::unique_ptr<projections::ProjectionRunner> runner;
  std::unique_ptr<http::App> app;
  http::Router<int> table;
};

Fixture* fixture = nullptr;

void remove_store() {
  std::error_code ignored;
  if (fixture != nullptr) std::filesystem::remove_all(fixture->dir, ignored);
}

void start_app() {
  // Never freed: libFuzzer ends the process.
  fixture = new Fixture();
  std::string pattern = (std::filesystem::temp_directory_path() / "mandate-fuzz-XXXXXX").string();
  FUZZ_CHECK(::mkdtemp(pattern.data()) != nullptr);
  fixture->dir = pattern;
  std::atexit(remove_store);
  events::StoreOptions options;
  options.path = (fixture->dir / "data").string();
  options.clock = [] { return core::Instant{1'767'225'600'000'000}; };  // 2026-01-01
  options.sync = false;
  auto opened = events::EventStore::open(std::move(options));
  FUZZ_CHECK(opened.ok());
  fixture->store = std::move(opened).value();
  fixture->commands = std::make_unique<events::CommandHandler>(*fixture->store);
  fixture->runner =
      std::make_unique<projections::ProjectionRunner>(*fixture->store, fixture->views.all());
  fixture->app =
      std::make_unique<http::App>(http::AppDeps{*fixture->commands,
                                                *fixture->runner,
                                                fixture->views,
                                                [] { return core::Instant{1'767'225'600'000'000}; },
                                                core::kVietnamUtcOffsetMinutes,
                                                {},
                                                {}});
  for (const auto& [method, pattern] : fixture->app->routes()) {
    fixture->table.add(bhttp::string_to_verb(method), pattern, 0);
  }
  // App::handle logs one line per request on std::cerr; libFuzzer and the sanitizers write to
  // the file descriptor, which stays open.
  std::cerr.rdbuf(nullptr);
}

// What the route table says of a request, and the direct checks App::handle stops short of.
http::Router<int>::Outcome check_route_table(const http::Request& request) {
  const std::string_view target = request.target();
  const size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  const http::Router<int>::Route* route = nullptr;
  http::Params params;
  const auto outcome = fixture->table.match(request.method(), path, &route, params);
  if (outcome == http::Router<int>::Outcome::kFound) {
    FUZZ_CHECK(route != nullptr);
    (void)http::path_params_are_ids(route->pattern, params);
  }
  if (auto parsed = http::parse_query(query)) {
    for (const auto& [name, value] : *parsed) {
      (void)http::query_year(*parsed, name, 0);
      (void)http::query_uint(*parsed, name, 0);
    }
  }
  return outcome;
}

// One request through App::handle; whether the connection stays open for another.
bool handle(http::Request&& request) {
  const auto outcome = check_route_table(request);
  const bool keep_alive = request.keep_alive();
  std::optional<http::Response> answer;
  int answers = 0;
  fixture->app->handle(std::move(request), "127.0.0.1",
                       http::Respond([&](http::Response&& response) {
                         ++answers;
                         answer = std::move(response);
                       }));
  FUZZ_CHECK(answers == 1);
  const unsigned status = answer->result_int();
  FUZZ_CHECK(status >= 200 && status < 500);
  using Outcome = http::Router<int>::Outcome;
  if (outcome == Outcome::kNoPath || outcome == Outcome::kBadPath) FUZZ_CHECK(status == 404);
  if (outcome == Outcome::kNoMethod) {
    FUZZ_CHECK(status == 405 && !(*answer)[bhttp::field::allow].empty());
  }
  // As do_write sends it.
  answer->keep_alive(keep_alive);
  answer->prepare_payload();
  std::ostringstream wire;
  wire << *answer;
  FUZZ_CHECK(!wire.str().empty());
  return keep_alive;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  start_app();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  PieceStream stream(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), data[0]);
  beast::flat_buffer buffer;
  const http::Limits limits;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes));
    parser.body_limit(limits.body_bytes);
    beast::error_code ec;
    bhttp::read(stream, buffer, parser, ec);
    if (ec) return 0;  // Answered 4xx (or nothing, at the end) and closed: connection.cc.
    http::Request request = parser.release();
    if (http::request_head_problem(request)) return 0;  // 400 and closed.
    if (!handle(std::move(request))) return 0;
  }
}
