// Duties as the documents assign them: a plan's audience for "*", each agency's own part of an
// `each` duty, undated yearly duties whose deadline the focal agency sets, the focal agency's
// authority, and plan years that open by themselves on the first day of a Vietnamese year.

#include <catch2/catch.hpp>
#include <signal.h>

#include "tests/e2e/api_fixture.h"
#include "tests/e2e/sse_reader.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

// 23:59:58 on 31 December 2026 in Vietnam (UTC+7).
constexpr const char* kBeforeNewYear = "2026-12-31T16:59:58Z";

// A plan addressed to Justice and Foreign Affairs (not to the server's other agencies), with
// a yearly report every agency of the audience owes on its own, undated as the documents are.
json audience_plan() {
  json plan = small_plan();
  plan["audience"] = {"so-tu-phap", "so-ngoai-vu"};
  plan["phases"] = {{{"key", "I"},
                     {"title", "Giai đoạn I"},
                     {"starts_on", "2024-01-01"},
                     {"ends_on", "2024-12-31"}},
                    {{"key", "II"},
                     {"title", "Giai đoạn II"},
                     {"starts_on", "2025-01-01"},
                     {"ends_on", nullptr}}};
  plan["tasks"].push_back({{"id", "la-annual-report"},
                           {"kind", "each"},
                           {"phase", nullptr},
                           {"section", "summary"},
                           {"title", "Báo cáo kết quả hằng năm"},
                           {"agencies", {"*"}},
                           {"recurrence", {{"every", "year"}}},
                           {"source", "001:36"}});
  plan["tasks"].push_back({{"id", "la-breach"},
                           {"kind", "on_event"},
                           {"phase", nullptr},
                           {"section", "measures"},
                           {"title", "Kịp thời trao đổi khi bị lộ"},
                           {"lead", "cong-an-tinh"},
                           {"coordinators", {"*"}},
                           {"trigger", "tin, tài liệu mật bị lộ, bị mất"},
                           {"set_off_by", "incident"}});
  plan["tasks"].push_back({{"id", "la-copying"},
                           {"kind", "rule"},
                           {"phase", nullptr},
                           {"section", "measures"},
                           {"title", "Sao, chụp theo Điều 7"}});
  return plan;
}

std::vector<std::string> agencies_of(const json& task) {
  std::vector<std::string> out;
  for (const auto& a : task["assignments"]) out.push_back(a["agency"]);
  return out;
}

void issue(ApiFixture& api, const json& plan) {
  auto created = api.post("coord", "/v1/plans", plan);
  INFO(created.body);
  REQUIRE(created.status == 201);
  auto issued =
      api.post("coord", "/v1/plans/" + plan["id"].get<std::string>() + "/issue", json::object());
  INFO(issued.body);
  REQUIRE(issued.status == 200);
}

TEST_CASE("\"*\" is the plan's audience, never the whole server", "[e2e][duties]") {
  ApiFixture api({"--clock-start", kBeforeNewYear});
  api.agency("bo-ngoai-giao", "Bộ Ngoại giao", "");
  issue(api, audience_plan());
  auto report = api.get("coord", "/v1/tasks/la-annual-report/2026").json();
  CHECK(report["kind"] == "each");
  CHECK(report["due_on"].is_null());
  CHECK(agencies_of(report) == std::vector<std::string>{"so-ngoai-vu", "so-tu-phap"});
  // A rule holds no task; an on_event duty is never dated.
  CHECK(api.get("coord", "/v1/tasks/la-copying").status == 404);
  auto breach = api.get("coord", "/v1/tasks/la-breach").json();
  CHECK(breach["due_on"].is_null());
  CHECK(agencies_of(breach) ==
        std::vector<std::string>{"cong-an-tinh", "so-ngoai-vu", "so-tu-phap"});
  // "*" without an audience is refused.
  json bad = audience_plan();
  bad["id"] = "vn-la-bad";
  bad.erase("audience");
  for (auto& t : bad["tasks"]) t["id"] = "bad-" + t["id"].get<std::string>();
  auto refused = api.post("coord", "/v1/plans", bad);
  CHECK(refused.status == 422);
  CHECK(refused.json()["field"] == "audience");
}

TEST_CASE("each agency of an each duty submits and is approved on its own", "[e2e][duties]") {
  ApiFixture api({"--clock-start", kBeforeNewYear});
  api.user("coord-tp", "so-tu-phap", {"coordinator"}, "secret");
  issue(api, audience_plan());
  const std::string task = "/v1/tasks/la-annual-report/2026";
  for (const char* officer : {"officer-tp", "officer-nv"}) {
    REQUIRE(api.post(officer, task + "/acknowledge", json::object()).status == 200);
  }
  const json evidence = {{"note", "Báo cáo năm"},
                         {"evidence", {{{"ref", "BC-1"}, {"title", "Báo cáo"}}}}};
  auto submitted = api.post("officer-tp", task + "/submit", evidence);
  INFO(submitted.body);
  REQUIRE(submitted.status == 200);
  // A coordinator of another agency than the plan's focal agency may not decide.
  CHECK(api.post("coord-tp", task + "/approve", {{"agency", "so-tu-phap"}}).status == 403);
  // Naming whose submission is required, and only a submitted part can be approved.
  CHECK(api.post("coord", task + "/approve", json::object()).status == 422);
  CHECK(api.post("coord", task + "/approve", {{"agency", "so-ngoai-vu"}}).status == 409);
  auto approved = api.post("coord", task + "/approve", {{"agency", "so-tu-phap"}});
  INFO(approved.body);
  REQUIRE(approved.status == 200);
  auto state = api.get("coord", task).json();
  for (const auto& a : state["assignments"]) {
    CHECK(a["status"] == (a["agency"] == "so-tu-phap" ? "approved" : "acknowledged"));
  }
  CHECK(state["status"] == "acknowledged");  // Not approved until every part is.
}

TEST_CASE("an undated duty is never overdue until the focal agency sets its deadline",
          "[e2e][duties]") {
  ApiFixture api({"--clock-start", kBeforeNewYear});
  api.user("coord-tp", "so-tu-phap", {"coordinator"}, "secret");
  issue(api, audience_plan());
  const std::string task = "/v1/tasks/la-annual-report/2025";
  CHECK(api.get("coord", task).json()["overdue"] == false);
  CHECK(api.server()
            .request("PATCH", task, api.token("coord-tp"), json{{"due_on", "2025-12-20"}}.dump())
            .status == 403);
  auto set = api.server().request("PATCH", task, api.token("coord"),
                                  json{{"due_on", "2025-12-20"}}.dump());
  INFO(set.body);
  REQUIRE(set.status == 200);
  auto after = api.get("coord", task).json();
  CHECK(after["due_on"] == "2025-12-20");
  CHECK(after["overdue"] == true);
  // Phase status for 2025 counts it; 2026's does not.
  auto y2025 = api.get("coord", "/v1/views/phase-status?plan=vn-la-2024&year=2025").json();
  CHECK(y2025["year"] == 2025);
  int overdue_2025 = 0;
  for (const auto& p : y2025["phases"])
    for (const auto& a : p["agencies"]) overdue_2025 += a["overdue"].get<int>();
  CHECK(overdue_2025 == 4);  // la-training (not yearly: every year) and the 2025 report, 2 each.
  auto y2026 = api.get("coord", "/v1/views/phase-status?plan=vn-la-2024&year=2026").json();
  int overdue_2026 = 0;
  for (const auto& p : y2026["phases"])
    for (const auto& a : p["agencies"]) {
      if (p["key"].is_null()) overdue_2026 += a["overdue"].get<int>();
    }
  CHECK(overdue_2026 == 0);
}

TEST_CASE("a server off over New Year opens the year when it starts, once", "[e2e][duties]") {
  TempDir dir;
  std::string coord;
  {
    ServerProcess server(dir.sub("data"), {"--clock-start", kBeforeNewYear});
    const auto& admin = server.admin_token();
    for (const char* id : {"ubnd-tinh", "cong-an-tinh", "so-tu-phap", "so-ngoai-vu"}) {
      REQUIRE(server.post("/v1/agencies", admin, {{"id", id}, {"name", id}}).status == 201);
    }
    REQUIRE(server
                .post("/v1/users", admin,
                      {{"id", "coord"},
                       {"name", "coord"},
                       {"agency", "cong-an-tinh"},
                       {"roles", {"coordinator"}},
                       {"clearance", "secret"}})
                .status == 201);
    coord = server.post("/v1/users/coord/tokens", admin, json::object()).json()["token"];
    REQUIRE(server.post("/v1/plans", coord, audience_plan()).status == 201);
    REQUIRE(server.post("/v1/plans/vn-la-2024/issue", coord, json::object()).status == 200);
    auto plan = server.get("/v1/plans/vn-la-2024", coord).json();
    CHECK(plan["years"] == json({2024, 2025, 2026}));
    CHECK(server.get("/v1/tasks/la-annual-report/2027", coord).status == 404);
    CHECK(WEXITSTATUS(server.stop(SIGTERM)) == 0);
  }
  // 08:00 on 2 and then 3 January 2027 in Vietnam; the second start must not open it again.
  for (const char* start : {"2027-01-02T01:00:00Z", "2027-01-03T01:00:00Z"}) {
    ServerProcess server(dir.sub("data"), {"--clock-start", start});
    auto opened = server.get("/v1/tasks/la-annual-report/2027", coord);
    INFO(opened.body);
    REQUIRE(opened.status == 200);
    CHECK(opened.json()["due_on"].is_null());
    CHECK(server.get("/v1/plans/vn-la-2024", coord).json()["years"] ==
          json({2024, 2025, 2026, 2027}));
    CHECK(WEXITSTATUS(server.stop(SIGTERM)) == 0);
  }
}

TEST_CASE("a running server opens the new year at midnight in Vietnam", "[e2e][duties]") {
  ApiFixture api({"--clock-start", kBeforeNewYear});
  issue(api, audience_plan());
  CHECK(api.get("coord", "/v1/tasks/la-annual-report/2027").status == 404);
  // The server's own clock crosses midnight (its timer looks once a second): wait for the
  // event it records then, on the live event stream, not on a guessed time.
  // The year opens with plan.year_opened, then the year's one yearly occurrence is assigned;
  // the answer is read once the views have applied that assignment.
  const uint64_t head = api.get("auditor", "/v1/chain").json()["head_position"];
  SseReader events(api.server().port(), api.token("auditor"),
                   "/v1/events/subscribe?from=" + std::to_string(head + 1));
  CHECK(events.next().second == "plan.year_opened");
  uint64_t assigned = 0;
  for (int i = 0; i < 100 && assigned == 0; ++i) {
    const auto [position, type] = events.next();
    if (type == "task.assigned") assigned = position;
  }
  REQUIRE(assigned > 0);
  SseReader applied(api.server().port(), api.token("auditor"),
                    "/v1/views/changes?after=" + std::to_string(head));
  while (applied.next().first < assigned) {
  }
  const HttpResult opened = api.get("coord", "/v1/tasks/la-annual-report/2027");
  REQUIRE(opened.status == 200);
  CHECK(agencies_of(opened.json()) == std::vector<std::string>{"so-ngoai-vu", "so-tu-phap"});
}

TEST_CASE("a clock started earlier than the log is refused", "[e2e][duties]") {
  TempDir dir;
  { ServerProcess server(dir.sub("data"), {"--clock-start", kBeforeNewYear}); }
  CHECK_THROWS(ServerProcess(dir.sub("data"), {"--clock-start", "2020-01-01T00:00:00Z"}));
}

TEST_CASE("an agency that joins the audience is assigned the open \"*\" duties", "[e2e][duties]") {
  ApiFixture api({"--clock-start", kBeforeNewYear});
  issue(api, audience_plan());
  api.agency("so-noi-vu", "Sở Nội vụ", "ubnd-tinh");
  CHECK(api.post("officer-tp", "/v1/plans/vn-la-2024/audience", {{"add", {"so-noi-vu"}}}).status ==
        403);
  auto widened = api.post("coord", "/v1/plans/vn-la-2024/audience", {{"add", {"so-noi-vu"}}});
  INFO(widened.body);
  REQUIRE(widened.status == 200);
  auto report = api.get("coord", "/v1/tasks/la-annual-report/2026").json();
  CHECK(agencies_of(report) == std::vector<std::string>{"so-ngoai-vu", "so-tu-phap", "so-noi-vu"});
  // A task not addressed to "*" is untouched.
  CHECK(agencies_of(api.get("coord", "/v1/tasks/la-training").json()) ==
        std::vector<std::string>{"so-tu-phap", "so-ngoai-vu"});
}

}  // namespace
}  // namespace mandate::testing

namespace mandate::testing {
namespace {

TEST_CASE("an on_event duty shows how often it was set off under its plan", "[e2e][duties]") {
  ApiFixture api;
  issue(api, audience_plan());
  auto breach_duty = [&](const std::string& user) {
    const json plan = api.get(user, "/v1/plans/vn-la-2024").json();
    for (const auto& d : plan["definitions"]) {
      if (d["id"] == "la-breach") return d;
    }
    FAIL("no la-breach definition");
    return json();
  };
  CHECK(breach_duty("coord")["triggered"] == 0);
  json report = {{"agency", "so-tu-phap"},
                 {"kind", "loss"},
                 {"classification", "secret"},
                 {"documents", {{{"ref", "05/M"}, {"title", "Công văn mật"}}}},
                 {"discovered_at", "2026-01-02T07:30:00Z"},
                 {"summary", "Mất tài liệu mật"}};
  report["id"] = "inc-elsewhere";  // Names no plan: not counted.
  REQUIRE(api.post("officer-tp", "/v1/incidents", report).status == 201);
  report["id"] = "inc-1";
  report["plan"] = "vn-la-2024";
  REQUIRE(api.post("officer-tp", "/v1/incidents", report).status == 201);
  CHECK(breach_duty("coord")["triggered"] == 1);
  CHECK(breach_duty("coord")["set_off_by"] == "incident");
  // Counted as far as the caller may see: a secret report is not there for a confidential one.
  CHECK(breach_duty("officer-nv")["triggered"] == 0);
  // A plan file's set_off_by is one of the two procedures, and only on an on_event duty.
  json bad = audience_plan();
  bad["id"] = "vn-la-bad";
  bad["tasks"].back()["set_off_by"] = "incident";  // la-copying, a rule.
  auto refused = api.post("coord", "/v1/plans", bad);
  CHECK(refused.status == 422);
  CHECK(refused.json()["field"].get<std::string>().find("set_off_by") != std::string::npos);
}

}  // namespace
}  // namespace mandate::testing
