// The views, against a scenario whose figures are worked out by hand.

#include <catch2/catch.hpp>

#include "tests/e2e/api_fixture.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

json agency_row(const json& phase, const std::string& agency) {
  for (const auto& row : phase["agencies"]) {
    if (row["agency"] == agency) return row;
  }
  return json();
}

TEST_CASE("phase status and overdue, now and as the record stood", "[e2e][views]") {
  ApiFixture api;
  auto plan = small_plan();
  plan["audience"] = {"cong-an-tinh", "so-tu-phap", "so-ngoai-vu", "ubnd-tinh"};
  plan["tasks"].push_back({{"id", "la-report"},
                           {"phase", nullptr},
                           {"section", "reporting"},
                           {"title", "Báo cáo hằng năm"},
                           {"lead", "cong-an-tinh"},
                           {"coordinators", {"*"}},
                           {"recurrence", {{"every", "year"}, {"due", "12-15"}}}});
  REQUIRE(api.post("coord", "/v1/plans", plan).status == 201);
  auto issued = api.post("coord", "/v1/plans/vn-la-2024/issue", json::object());
  REQUIRE(issued.status == 200);
  const uint64_t at_issue = issued.json()["position"];
  REQUIRE(api.post("officer-tp", "/v1/tasks/la-training/acknowledge", json::object()).status ==
          200);

  // On 2025-01-15 la-training (due 2024-12-31) is 15 days overdue: two assignments, the lead
  // acknowledged, Foreign Affairs not.
  auto status = api.get("coord", "/v1/views/phase-status?plan=vn-la-2024&on=2025-01-15");
  INFO(status.body);
  REQUIRE(status.status == 200);
  const json phase_one = status.json()["phases"][0];
  CHECK(phase_one["key"] == "I");
  const json lead = agency_row(phase_one, "so-tu-phap");
  CHECK(lead["assigned"] == 1);
  CHECK(lead["acknowledged"] == 1);
  CHECK(lead["unacknowledged"] == 0);
  CHECK(lead["overdue"] == 1);
  const json other = agency_row(phase_one, "so-ngoai-vu");
  CHECK(other["unacknowledged"] == 1);

  // As the record stood at the issue: nothing acknowledged yet.
  auto before = api.get("coord", "/v1/views/phase-status?plan=vn-la-2024&on=2025-01-15&as_of=" +
                                     std::to_string(at_issue));
  REQUIRE(before.status == 200);
  CHECK(before.json()["as_of"] == at_issue);
  CHECK(agency_row(before.json()["phases"][0], "so-tu-phap")["acknowledged"] == 0);
  CHECK(agency_row(before.json()["phases"][0], "so-tu-phap")["unacknowledged"] == 1);

  auto overdue = api.get("coord", "/v1/views/overdue?plan=vn-la-2024&on=2025-01-15");
  REQUIRE(overdue.status == 200);
  const json tasks = overdue.json()["tasks"];
  REQUIRE(tasks.size() == 2);  // la-training and la-report/2024 (due 2024-12-15).
  CHECK(tasks[0]["task"] == "la-report/2024");
  CHECK(tasks[0]["days_overdue"] == 31);
  CHECK(tasks[1]["task"] == "la-training");
  CHECK(tasks[1]["days_overdue"] == 15);

  auto inbox = api.get("officer-nv", "/v1/views/inbox?on=2025-01-15");
  REQUIRE(inbox.status == 200);
  CHECK(inbox.json()["agency"] == "so-ngoai-vu");
  CHECK(inbox.json()["tasks"].size() >= 1);
  CHECK(api.get("officer-nv", "/v1/views/inbox?agency=so-tu-phap").status == 403);

  auto report = api.get("coord", "/v1/views/annual-report?plan=vn-la-2024&year=2024");
  REQUIRE(report.status == 200);
  CHECK(report.json()["task"] == "la-report/2024");
  // Every agency but the lead coordinates: the lead and three others.
  CHECK(report.json()["agencies"].size() == 4);
}

// A counter of GET /metrics.
double metric(ApiFixture& api, const std::string& name) {
  const auto metrics = api.get("admin", "/metrics");
  REQUIRE(metrics.status == 200);
  const size_t at = metrics.body.find("\n" + name + " ");
  REQUIRE(at != std::string::npos);
  return std::stod(metrics.body.substr(at + name.size() + 2));
}

TEST_CASE(
    "a view's answer is kept until the views move, and never given to a caller who sees "
    "less",
    "[e2e][views]") {
  ApiFixture api;
  REQUIRE(api.post("coord", "/v1/plans", small_plan()).status == 201);
  REQUIRE(api.post("coord", "/v1/plans/vn-la-2024/issue", json::object()).status == 200);
  const std::string path = "/v1/views/phase-status?plan=vn-la-2024&on=2025-01-15";
  const std::string kept = "mandate_view_answers_kept_total";

  auto first = api.get("coord", path);
  REQUIRE(first.status == 200);
  CHECK(agency_row(first.json()["phases"][0], "so-tu-phap")["acknowledged"] == 0);
  const double kept_before = metric(api, kept);
  auto again = api.get("coord", path);
  CHECK(again.body == first.body);
  CHECK(metric(api, kept) == kept_before + 1);

  // A command moves the views: the next answer is made again and shows it.
  auto acknowledged = api.post("officer-tp", "/v1/tasks/la-training/acknowledge", json::object());
  REQUIRE(acknowledged.status == 200);
  auto after = api.get("coord", path);
  REQUIRE(after.status == 200);
  CHECK(agency_row(after.json()["phases"][0], "so-tu-phap")["acknowledged"] == 1);
  CHECK(after.json()["as_of"] == acknowledged.json()["position"]);
  CHECK(metric(api, kept) == kept_before + 1);

  // The same question from officers, each confined to its own agency's row: never the
  // coordinator's kept answer, nor each other's.
  for (const auto& [officer, agency] : std::vector<std::pair<std::string, std::string>>{
           {"officer-nv", "so-ngoai-vu"}, {"officer-tp", "so-tu-phap"}}) {
    for (int time = 0; time < 2; ++time) {
      auto own = api.get(officer, path);
      REQUIRE(own.status == 200);
      const json rows = own.json()["phases"][0]["agencies"];
      REQUIRE(rows.size() == 1);
      CHECK(rows[0]["agency"] == agency);
    }
  }
}

TEST_CASE("transfer statistics count completed outbound and received inbound", "[e2e][views]") {
  ApiFixture api;
  json inbound = {{"id", "tr-in"},
                  {"agency", "so-tu-phap"},
                  {"direction", "inbound"},
                  {"partner", "LA"},
                  {"channel", "diplomatic"},
                  {"purpose", "Nhận"},
                  {"document", {{"ref", "A"}, {"title", "T"}, {"classification", "confidential"}}}};
  REQUIRE(api.post("officer-tp", "/v1/transfers", inbound).status == 201);
  json outbound = inbound;
  outbound["id"] = "tr-out";
  outbound["direction"] = "outbound";
  REQUIRE(api.post("officer-tp", "/v1/transfers", outbound).status == 201);  // Not completed.
  auto stats = api.get("auditor", "/v1/views/transfer-stats");
  REQUIRE(stats.status == 200);
  REQUIRE(stats.json()["rows"].size() == 1);
  CHECK(stats.json()["rows"][0] == json({{"partner", "LA"},
                                         {"direction", "inbound"},
                                         {"classification", "confidential"},
                                         {"agency", "so-tu-phap"},
                                         {"count", 1}}));
  // Received at the end of last year, recorded this year: it counts in last year.
  const int year = stats.json()["year"].get<int>();
  inbound["id"] = "tr-in-late";
  inbound["received_on"] = std::to_string(year - 1) + "-12-30";
  REQUIRE(api.post("officer-tp", "/v1/transfers", inbound).status == 201);
  CHECK(api.get("auditor", "/v1/views/transfer-stats").json()["rows"].size() == 1);
  auto last_year = api.get("auditor", "/v1/views/transfer-stats?year=" + std::to_string(year - 1));
  REQUIRE(last_year.json()["rows"].size() == 1);
  CHECK(last_year.json()["rows"][0]["count"] == 1);
}

}  // namespace
}  // namespace mandate::testing
