// A command answers once the views show it; when they cannot (here: the runner is stopped, as
// if it were still replaying a long log), the answer says so instead of passing for
// read-your-writes. The real App over a real store and real views, without a socket.

#include <future>

#include <catch2/catch.hpp>

#include "events/digest.h"
#include "http/app.h"
#include "tests/events/store_fixture.h"

namespace mandate::http {
namespace {

namespace bhttp = boost::beast::http;

constexpr const char* kToken = "read-your-writes-token";

void register_admin(events::EventStore& store) {
  core::StreamWrite w{core::user_stream("admin"), 0, {}};
  w.events.push_back(core::NewEvent{
      core::UserRegistered{
          "admin", "Administrator", "", {core::Role::kAdmin}, core::Clearance::kTopSecret},
      {}});
  w.events.push_back(
      core::NewEvent{core::TokenIssued{"admin-initial", events::sha256_hex(kToken)}, {}});
  REQUIRE(store.append({w}, events::AppendContext{{"system", ""}, "bootstrap", ""}).ok());
}

Response register_agency(App& app, const std::string& id) {
  Request request{bhttp::verb::post, "/v1/agencies", 11};
  request.set(bhttp::field::authorization, std::string("Bearer ") + kToken);
  request.set(bhttp::field::content_type, "application/json");
  request.body() = R"({"id": ")" + id + R"(", "name": "Sở )" + id + R"("})";
  request.prepare_payload();
  std::promise<Response> answered;
  app.handle(std::move(request), "127.0.0.1",
             Respond([&answered](Response&& r) { answered.set_value(std::move(r)); }));
  return answered.get_future().get();
}

TEST_CASE("a command whose views lag says so", "[http][read-your-writes]") {
  testing::StoreFixture fixture;
  register_admin(fixture.store());
  projections::Views views;
  projections::ProjectionRunner runner(fixture.store(), views.all(), {0});
  runner.start();
  REQUIRE(runner.wait_applied(fixture->head().position, std::chrono::seconds(30)));
  App app(AppDeps{fixture.commands(), runner, views,
                  [&fixture] { return core::Instant{fixture.now()}; }});

  // Applied as it commits: the answer is read-your-writes.
  const Response current = register_agency(app, "so-tu-phap");
  CHECK(current.result_int() == 201);
  CHECK(current.find("Mandate-Views-Behind") == current.end());
  const uint64_t applied = runner.applied();
  CHECK(applied == fixture->head().position);

  // The views stop applying: the command still lands, and says where the views are.
  runner.stop();
  const Response behind = register_agency(app, "so-noi-vu");
  CHECK(behind.result_int() == 201);
  REQUIRE(behind.find("Mandate-Views-Behind") != behind.end());
  CHECK(std::string(behind["Mandate-Views-Behind"]) == std::to_string(applied));
  CHECK(fixture->head().position > applied);
}

}  // namespace
}  // namespace mandate::http
