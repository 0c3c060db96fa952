// `mandate replay --view`: a view rebuilt from the log alone answers exactly as the server
// answered, now and as the record stood at an earlier position.

#include <nlohmann/json.hpp>

#include "tests/e2e/api_fixture.h"
#include "tests/e2e/cli_run.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

TEST_CASE("replay prints a view as the API answers it, now and as of a position",
          "[e2e][cli][replay]") {
  ApiFixture api;
  REQUIRE(api.post("coord", "/v1/plans", small_plan()).status == 201);
  auto issued = api.post("coord", "/v1/plans/vn-la-2024/issue", json::object());
  REQUIRE(issued.status == 200);
  const uint64_t at_issue = issued.json()["position"];
  REQUIRE(api.post("officer-tp", "/v1/tasks/la-training/acknowledge", json::object()).status ==
          200);
  const std::string query = "/v1/views/phase-status?plan=vn-la-2024&on=2025-01-15";
  const json now = api.get("admin", query).json();
  const json then = api.get("admin", query + "&as_of=" + std::to_string(at_issue)).json();
  const json overdue = api.get("admin", "/v1/views/overdue?on=2025-01-15").json();
  REQUIRE(api.server().stop() == 0);

  const std::string data = api.data_dir();
  const CliRun replayed = run_mandate({"replay", "--view", "phase-status", "--plan", "vn-la-2024",
                                       "--on", "2025-01-15", "--data", data});
  INFO(replayed.err);
  REQUIRE(replayed.exit_code == 0);
  CHECK(json::parse(replayed.out) == now);

  const CliRun past =
      run_mandate({"replay", "--view", "phase-status", "--plan", "vn-la-2024", "--on", "2025-01-15",
                   "--as-of", std::to_string(at_issue), "--data", data});
  REQUIRE(past.exit_code == 0);
  CHECK(json::parse(past.out) == then);
  CHECK(json::parse(past.out) != now);  // The acknowledgement came after.

  const CliRun from_snapshots = run_mandate(
      {"replay", "--view", "overdue", "--on", "2025-01-15", "--from-snapshots", "--data", data});
  REQUIRE(from_snapshots.exit_code == 0);
  CHECK(json::parse(from_snapshots.out) == overdue);

  // What the view refuses, and what the command refuses.
  const CliRun no_plan = run_mandate({"replay", "--view", "phase-status", "--data", data});
  CHECK(no_plan.exit_code == 1);
  CHECK(contains(no_plan.err, "plan"));
  CHECK(run_mandate({"replay", "--view", "nothing", "--data", data}).exit_code == 2);
  CHECK(run_mandate({"replay", "--view", "overdue", "--as-of", "yesterday", "--data", data})
            .exit_code == 2);
  CHECK(run_mandate({"replay", "--view", "overdue", "--data", data + "-missing"}).exit_code == 3);
}

}  // namespace
}  // namespace mandate::testing
