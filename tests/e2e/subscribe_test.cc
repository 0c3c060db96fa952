// GET /v1/events/subscribe: the log as Server-Sent Events, catching up then live, resumable.

#include <catch2/catch.hpp>

#include "tests/e2e/api_fixture.h"
#include "tests/e2e/sse_reader.h"

namespace mandate::testing {
namespace {

TEST_CASE("the event stream catches up, follows live appends and resumes", "[e2e][sse]") {
  ApiFixture api;
  const uint64_t head = api.get("auditor", "/v1/chain").json()["head_position"];
  REQUIRE(head > 5);

  SseReader reader(api.server().port(), api.token("auditor"), "/v1/events/subscribe?from=1");
  CHECK(reader.status_line().find("200") != std::string::npos);
  CHECK(reader.headers().find("text/event-stream") != std::string::npos);
  for (uint64_t p = 1; p <= head; ++p) CHECK(reader.next().first == p);

  // Live: an append made now arrives on the open stream.
  REQUIRE(api.post("admin", "/v1/agencies", {{"id", "so-noi-vu"}, {"name", "Sở Nội vụ"}}).status ==
          201);
  auto live = reader.next();
  CHECK(live.first == head + 1);
  CHECK(live.second == "agency.registered");

  // A reconnecting client resumes after the last id it saw.
  SseReader resumed(api.server().port(), api.token("auditor"), "/v1/events/subscribe",
                    std::to_string(head));
  CHECK(resumed.next().first == head + 1);
}

TEST_CASE("the event stream is for those who may read the log", "[e2e][sse]") {
  ApiFixture api;
  CHECK(api.get("officer-tp", "/v1/events/subscribe").status == 403);
  CHECK(api.server().get("/v1/events/subscribe", "").status == 401);
}

}  // namespace
}  // namespace mandate::testing

namespace mandate::testing {
namespace {

TEST_CASE("any user hears when the views move on, and nothing of what moved them",
          "[e2e][sse][changes]") {
  ApiFixture api;
  const auto chain = [&] {
    return api.get("auditor", "/v1/chain").json()["head_position"].get<uint64_t>();
  };
  const uint64_t start = chain();
  SseReader changes(api.server().port(), api.token("officer-tp"), "/v1/views/changes");
  REQUIRE(changes.status_line().rfind("HTTP/1.1 200", 0) == 0);
  CHECK(changes.headers().find("text/event-stream") != std::string::npos);
  // At once: where the views stand.
  const auto [first, type] = changes.next();
  CHECK(type == "applied");
  CHECK(first == start);

  REQUIRE(api.post("coord", "/v1/plans", small_plan()).status == 201);
  const uint64_t after_plan = chain();
  uint64_t heard = first;
  while (heard < after_plan) heard = changes.next().first;
  CHECK(heard == after_plan);
  // A view read now shows at least that position.
  auto status = api.get("officer-tp", "/v1/views/overdue");
  CHECK(status.json()["as_of"].get<uint64_t>() >= heard);

  // Resuming after what was heard: nothing at once, the next change when it comes.
  SseReader resumed(api.server().port(), api.token("coord"), "/v1/views/changes",
                    std::to_string(heard));
  REQUIRE(api.post("coord", "/v1/plans/vn-la-2024/issue", nlohmann::json::object()).status == 200);
  CHECK(resumed.next().first > heard);

  SseReader anonymous(api.server().port(), "", "/v1/views/changes");
  CHECK(anonymous.status_line().rfind("HTTP/1.1 401", 0) == 0);
}

}  // namespace
}  // namespace mandate::testing
