// Inspections against the real binary: planned by the focal agency, a finding that opens a
// follow-up task for the inspected agency, the task worked and approved, the inspection closed
// only then; lists, visibility, the inbox and the annual report.

#include <algorithm>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "tests/e2e/api_fixture.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

json inspection(const std::string& id, const std::string& agency, const std::string& kind,
                const std::string& scheduled_on) {
  return {{"id", id},
          {"agency", agency},
          {"kind", kind},
          {"scheduled_on", scheduled_on},
          {"team", {"Nguyễn Văn A", "Trần Thị B"}},
          {"scope", "Việc thực hiện quy định về bảo vệ bí mật nhà nước"}};
}

std::set<std::string> ids(const json& list, const char* key = "id") {
  std::set<std::string> out;
  for (const auto& item : list) out.insert(item[key].get<std::string>());
  return out;
}

uint64_t head(ApiFixture& api) { return api.get("auditor", "/v1/chain").json()["head_position"]; }

void expect_problem(const HttpResult& r, unsigned status, const std::string& code,
                    const std::string& field = "") {
  INFO(r.body);
  CHECK(r.status == status);
  CHECK(r.header("content-type") == "application/problem+json");
  CHECK(r.json()["code"] == code);
  if (!field.empty()) CHECK(r.json()["field"] == field);
}

const json kEvidence = {{"note", "Đã khắc phục"},
                        {"evidence", {{{"ref", "15/BC-STP"}, {"title", "Báo cáo khắc phục"}}}}};

TEST_CASE("an inspection is planned, its follow-up worked and approved, then it closes",
          "[e2e][inspections]") {
  ApiFixture api;
  api.user("coord-nv", "so-ngoai-vu", {"coordinator"}, "secret");
  REQUIRE(api.post("coord", "/v1/plans", small_plan()).status == 201);

  // Planned by the plan's focal agency: the Provincial Police.
  json a = inspection("insp-stp-2025", "so-tu-phap", "periodic", "2025-05-20");
  a["plan"] = "vn-la-2024";
  auto planned = api.post("coord", "/v1/inspections", a);
  INFO(planned.body);
  REQUIRE(planned.status == 201);
  CHECK(planned.json()["status"] == "planned");
  CHECK(planned.json()["inspecting_agency"] == "cong-an-tinh");
  CHECK(planned.json()["agency"] == "so-tu-phap");
  CHECK(planned.json()["plan"] == "vn-la-2024");
  CHECK(planned.json()["version"] == 1);
  CHECK(planned.header("etag") == "\"1\"");
  CHECK(planned.json()["position"].get<uint64_t>() > 0);

  json b = inspection("insp-snv-2025", "so-ngoai-vu", "surprise", "2025-09-10");
  b["plan"] = "vn-la-2024";
  REQUIRE(api.post("coord", "/v1/inspections", b).status == 201);
  // No plan: the caller's own agency inspects.
  auto c = api.post("coord", "/v1/inspections",
                    inspection("insp-stp-2026", "so-tu-phap", "surprise", "2026-03-01"));
  REQUIRE(c.status == 201);
  CHECK(c.json()["inspecting_agency"] == "cong-an-tinh");
  CHECK(c.json()["plan"].is_null());

  // Refusals append nothing.
  const uint64_t before = head(api);
  expect_problem(api.post("coord-nv", "/v1/inspections", a), 403, "forbidden");
  expect_problem(api.post("officer-tp", "/v1/inspections", a), 403, "forbidden");
  expect_problem(api.post("coord", "/v1/inspections", a), 409, "conflict", "id");
  json bad = inspection("insp-x", "so-khong-co", "periodic", "2025-05-20");
  expect_problem(api.post("coord", "/v1/inspections", bad), 422, "unknown_agency", "agency");
  bad["agency"] = "so-tu-phap";
  bad["kind"] = "annual";
  expect_problem(api.post("coord", "/v1/inspections", bad), 422, "validation_failed", "kind");
  bad["kind"] = "periodic";
  bad["team"] = json::array();
  expect_problem(api.post("coord", "/v1/inspections", bad), 422, "validation_failed", "team");
  bad["team"] = {"Nguyễn Văn A"};
  bad["scheduled_on"] = "20/5/2025";
  expect_problem(api.post("coord", "/v1/inspections", bad), 422, "validation_failed",
                 "scheduled_on");
  bad["scheduled_on"] = "2025-05-20";
  bad["plan"] = "khong-co";
  expect_problem(api.post("coord", "/v1/inspections", bad), 422, "validation_failed", "plan");
  bad.erase("plan");
  bad["colour"] = "red";
  expect_problem(api.post("coord", "/v1/inspections", bad), 422, "unknown_field", "colour");
  bad.erase("colour");
  bad["id"] = "Insp X";
  expect_problem(api.post("coord", "/v1/inspections", bad), 422, "validation_failed", "id");
  CHECK(head(api) == before);

  // Findings, by the inspecting agency's coordinators only.
  const std::string at = "/v1/inspections/insp-stp-2025";
  auto noted =
      api.post("coord", at + "/findings",
               {{"text", "Sổ theo dõi tài liệu mật ghi chép đầy đủ"}, {"severity", "low"}});
  INFO(noted.body);
  REQUIRE(noted.status == 200);
  CHECK(noted.json()["status"] == "in_progress");
  CHECK(noted.json()["started_at"].is_string());
  CHECK(noted.json()["follow_ups"].empty());
  expect_problem(api.post("coord", at + "/findings", {{"text", "x"}, {"severity", "grave"}}), 422,
                 "validation_failed", "severity");
  expect_problem(api.post("coord-nv", at + "/findings", {{"text", "x"}, {"severity", "low"}}), 403,
                 "forbidden");
  expect_problem(api.post("officer-tp", at + "/findings", {{"text", "x"}, {"severity", "low"}}),
                 403, "forbidden");
  expect_problem(api.post("coord", at + "/findings",
                          {{"text", "x"}, {"severity", "low"}, {"remedy_due_on", "2025-05-01"}}),
                 422, "validation_failed", "remedy_due_on");

  auto remedy = api.post("coord", at + "/findings",
                         {{"text", "Máy tính soạn thảo tài liệu mật có kết nối Internet"},
                          {"severity", "high"},
                          {"remedy_due_on", "2025-07-31"}});
  INFO(remedy.body);
  REQUIRE(remedy.status == 200);
  const std::string follow_up = "insp-stp-2025-f2";
  REQUIRE(remedy.json()["follow_ups"].size() == 1);
  CHECK(remedy.json()["follow_ups"][0]["task"] == follow_up);
  CHECK(remedy.json()["follow_ups"][0]["status"] == "assigned");
  CHECK(remedy.json()["follow_ups"][0]["due_on"] == "2025-07-31");
  CHECK(remedy.json()["findings"][1]["follow_up_task"] == follow_up);
  CHECK(remedy.json()["open_follow_ups"] == 1);

  // The follow-up is a task of the inspected agency, led by it, due on the remedy's day.
  auto task = api.get("officer-tp", "/v1/tasks/" + follow_up);
  INFO(task.body);
  REQUIRE(task.status == 200);
  CHECK(task.json()["lead"] == "so-tu-phap");
  CHECK(task.json()["kind"] == "joint");
  CHECK(task.json()["due_on"] == "2025-07-31");
  CHECK(task.json()["plan"] == "vn-la-2024");
  CHECK(task.json()["focal_agency"] == "cong-an-tinh");
  CHECK(api.get("officer-nv", "/v1/tasks/" + follow_up).status == 404);

  // It is in the inspected agency's inbox, and so are its open inspections.
  auto inbox = api.get("officer-tp", "/v1/views/inbox?on=2025-07-20");
  INFO(inbox.body);
  REQUIRE(inbox.status == 200);
  CHECK(ids(inbox.json()["tasks"], "task").count(follow_up) == 1);
  CHECK(ids(inbox.json()["inspections"], "inspection") ==
        std::set<std::string>{"insp-stp-2025", "insp-stp-2026"});
  auto other_inbox = api.get("officer-nv", "/v1/views/inbox?on=2025-07-20");
  REQUIRE(other_inbox.status == 200);
  CHECK(ids(other_inbox.json()["inspections"], "inspection") ==
        std::set<std::string>{"insp-snv-2025"});

  // Not closed while the follow-up is open.
  const json conclusion = {{"conclusion", "Đơn vị đã khắc phục các thiếu sót"}};
  expect_problem(api.post("coord", at + "/close", conclusion), 409, "conflict");
  REQUIRE(
      api.post("officer-tp", "/v1/tasks/" + follow_up + "/acknowledge", json::object()).status ==
      200);
  auto submitted = api.post("officer-tp", "/v1/tasks/" + follow_up + "/submit", kEvidence);
  INFO(submitted.body);
  REQUIRE(submitted.status == 200);
  expect_problem(api.post("coord", at + "/close", conclusion), 409, "conflict");
  expect_problem(api.post("coord-nv", "/v1/tasks/" + follow_up + "/approve", json::object()), 403,
                 "forbidden");
  REQUIRE(api.post("coord", "/v1/tasks/" + follow_up + "/approve", json::object()).status == 200);

  auto closed = api.post("coord", at + "/close", conclusion);
  INFO(closed.body);
  REQUIRE(closed.status == 200);
  CHECK(closed.json()["status"] == "closed");
  CHECK(closed.json()["conclusion"] == conclusion["conclusion"]);
  CHECK(closed.json()["closed_by"] == "coord");
  CHECK(closed.json()["follow_ups"][0]["status"] == "approved");
  CHECK(closed.json()["open_follow_ups"] == 0);
  const uint64_t after_close = head(api);
  expect_problem(api.post("coord", at + "/findings", {{"text", "x"}, {"severity", "low"}}), 409,
                 "conflict");
  expect_problem(api.post("coord", at + "/close", conclusion), 409, "conflict");
  CHECK(head(api) == after_close);

  // The record: the inspection's stream, and the follow-up task's first event.
  auto stream = api.get("auditor", "/v1/streams/inspection:insp-stp-2025");
  REQUIRE(stream.status == 200);
  const json events = stream.json()["events"];
  std::vector<std::string> types;
  for (const auto& e : events) types.push_back(e["type"]);
  CHECK(types == std::vector<std::string>{"inspection.planned", "inspection.finding_recorded",
                                          "inspection.finding_recorded", "inspection.closed"});
  auto task_stream = api.get("auditor", "/v1/streams/task:" + follow_up);
  REQUIRE(task_stream.status == 200);
  CHECK(task_stream.json()["events"][0]["data"]["focal_agency"] == "cong-an-tinh");

  // Lists and their filters.
  auto list = [&](const std::string& user, const std::string& query) {
    auto r = api.get(user, "/v1/inspections" + query);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return ids(r.json()["inspections"]);
  };
  CHECK(list("coord", "") ==
        std::set<std::string>{"insp-stp-2025", "insp-snv-2025", "insp-stp-2026"});
  CHECK(list("coord", "?plan=vn-la-2024") ==
        std::set<std::string>{"insp-stp-2025", "insp-snv-2025"});
  CHECK(list("coord", "?agency=so-tu-phap") ==
        std::set<std::string>{"insp-stp-2025", "insp-stp-2026"});
  CHECK(list("coord", "?year=2026") == std::set<std::string>{"insp-stp-2026"});
  CHECK(list("auditor", "?plan=vn-la-2024&agency=so-ngoai-vu&year=2025") ==
        std::set<std::string>{"insp-snv-2025"});
  CHECK(list("coord", "?status=closed") == std::set<std::string>{"insp-stp-2025"});
  expect_problem(api.get("coord", "/v1/inspections?year=20x5"), 422, "validation_failed", "year");

  // An officer sees only its own agency's; another's answers as a missing one does.
  CHECK(list("officer-nv", "") == std::set<std::string>{"insp-snv-2025"});
  CHECK(list("officer-tp", "?plan=vn-la-2024") == std::set<std::string>{"insp-stp-2025"});
  auto seen = api.get("officer-tp", at);
  REQUIRE(seen.status == 200);
  CHECK(seen.header("etag") == "\"4\"");
  CHECK(seen.json()["findings"].size() == 2);
  auto hidden = api.get("officer-nv", at);
  expect_problem(hidden, 404, "not_found");
  auto missing = api.get("officer-nv", "/v1/inspections/insp-khong-co");
  expect_problem(missing, 404, "not_found");
  CHECK(hidden.json()["title"] == missing.json()["title"]);
  expect_problem(api.post("officer-nv", at + "/close", conclusion), 404, "not_found");
  expect_problem(api.post("officer-nv", "/v1/inspections/insp-stp-2026/findings",
                          {{"text", "x"}, {"severity", "low"}}),
                 404, "not_found");

  // The inbox no longer shows the closed one.
  auto later = api.get("officer-tp", "/v1/views/inbox?on=2025-08-01");
  REQUIRE(later.status == 200);
  CHECK(ids(later.json()["inspections"], "inspection") == std::set<std::string>{"insp-stp-2026"});

  // The year's figures, by the year each inspection is scheduled in.
  auto report = api.get("coord", "/v1/views/annual-report?plan=vn-la-2024&year=2025");
  INFO(report.body);
  REQUIRE(report.status == 200);
  CHECK(report.json()["inspections"] == json({{"planned", 2},
                                              {"closed", 1},
                                              {"findings", 2},
                                              {"follow_ups", {{"open", 0}, {"closed", 1}}}}));
  CHECK(report.json().contains("agencies"));  // The existing fields stay.
  auto own = api.get("officer-tp", "/v1/views/annual-report?plan=vn-la-2024&year=2025");
  REQUIRE(own.status == 200);
  CHECK(own.json()["inspections"]["planned"] == 1);
  auto next_year = api.get("coord", "/v1/views/annual-report?plan=vn-la-2024&year=2026");
  REQUIRE(next_year.status == 200);
  CHECK(next_year.json()["inspections"]["planned"] == 0);  // insp-stp-2026 has no plan.
}

TEST_CASE("a follow-up outside any plan is decided by the inspecting agency",
          "[e2e][inspections]") {
  ApiFixture api;
  api.user("coord-tp", "so-tu-phap", {"coordinator"}, "secret");
  // The Provincial Police inspect Justice with no plan named: the follow-up task has no plan,
  // so only the task's own focal agency can decide on it.
  REQUIRE(api.post("coord", "/v1/inspections",
                   inspection("insp-1", "so-tu-phap", "surprise", "2025-03-01"))
              .status == 201);
  auto found = api.post("coord", "/v1/inspections/insp-1/findings",
                        {{"text", "Thiếu nội quy bảo vệ bí mật nhà nước"},
                         {"severity", "medium"},
                         {"remedy_due_on", "2025-04-30"}});
  INFO(found.body);
  REQUIRE(found.status == 200);
  const std::string task = "/v1/tasks/insp-1-f1";
  auto assigned = api.get("coord", task);
  REQUIRE(assigned.status == 200);
  CHECK(assigned.json()["plan"] == "");
  REQUIRE(api.post("officer-tp", task + "/acknowledge", json::object()).status == 200);
  REQUIRE(api.post("officer-tp", task + "/submit", kEvidence).status == 200);
  // The inspected agency's own coordinator may not approve its remedy.
  expect_problem(api.post("coord-tp", task + "/approve", json::object()), 403, "forbidden");
  auto approved = api.post("coord", task + "/approve", json::object());
  INFO(approved.body);
  REQUIRE(approved.status == 200);
  CHECK(approved.json()["status"] == "approved");
  auto closed = api.post("coord", "/v1/inspections/insp-1/close", {{"conclusion", "Đạt"}});
  INFO(closed.body);
  REQUIRE(closed.status == 200);
  CHECK(closed.json()["status"] == "closed");
}

}  // namespace
}  // namespace mandate::testing
