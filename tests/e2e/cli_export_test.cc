// `mandate export incident` and `mandate verify-export`: the export holds the timeline exactly
// as the API shows it, checks offline with nothing but itself and a public key, and fails when
// any byte of it is changed.

#include <nlohmann/json.hpp>

#include "tests/e2e/api_fixture.h"
#include "tests/e2e/cli_run.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

TEST_CASE("an exported incident verifies offline, and one byte edited fails",
          "[e2e][cli][export]") {
  ApiFixture api;
  REQUIRE(api.post("officer-tp", "/v1/incidents",
                   {{"id", "inc-1"},
                    {"agency", "so-tu-phap"},
                    {"kind", "loss"},
                    {"classification", "secret"},
                    {"documents", {{{"ref", "05/M"}, {"title", "Công văn mật"}}}},
                    {"discovered_at", "2026-01-02T07:30:00Z"},
                    {"summary", "Mất tài liệu mật"}})
              .status == 201);
  // Another stream's event in the middle of the incident's span.
  api.agency("so-y-te", "Sở Y tế", "ubnd-tinh");
  REQUIRE(api.post("pa03", "/v1/incidents/inc-1/receive", json::object()).status == 200);
  REQUIRE(api.post("pa03", "/v1/incidents/inc-1/findings",
                   {{"kind", "cause"},
                    {"text", "Để quên trên xe"},
                    {"occurred_at", "2026-01-01T10:00:00Z"}})
              .status == 200);
  const json timeline = api.get("investigator", "/v1/incidents/inc-1/timeline").json();
  REQUIRE(api.server().stop() == 0);

  TempDir dir;
  const std::string key = dir.sub("signer.key"), out = dir.sub("export");
  REQUIRE(run_mandate({"checkpoint", "keygen", "--key", key}).exit_code == 0);
  const CliRun exported = run_mandate(
      {"export", "incident", "inc-1", "--out", out, "--key", key, "--data", api.data_dir()});
  INFO(exported.err);
  REQUIRE(exported.exit_code == 0);

  const std::string text = read_text(out + "/timeline.json");
  const json written = json::parse(text);
  CHECK(written["entries"] == timeline["entries"]);  // Exactly what the API shows.
  CHECK(written["names"]["users"]["officer-tp"] == "officer-tp");
  CHECK(written["names"]["agencies"]["so-tu-phap"] == "Sở Tư pháp");
  const std::string html = read_text(out + "/report.html");
  CHECK(contains(html, "Mất tài liệu mật"));
  CHECK(contains(html, "Để quên trên xe"));
  CHECK(contains(html, "2026-01-01T10:00:00Z"));  // occurred_at beside recorded_at.
  CHECK(contains(html, "Sở Tư pháp"));

  const CliRun intact = run_mandate({"verify-export", out, "--public-key", key + ".pub"});
  INFO(intact.err);
  CHECK(intact.exit_code == 0);
  CHECK(contains(intact.out, "intact: incident inc-1, 3 entries"));

  SECTION("one letter of an entry changed") {
    std::string edited = text;
    const size_t at = edited.find("Để quên trên xe");
    REQUIRE(at != std::string::npos);
    edited[at + 10] = 'X';
    write_text(out + "/timeline.json", edited);
    const CliRun caught = run_mandate({"verify-export", out, "--public-key", key + ".pub"});
    CHECK(caught.exit_code == 1);
    CHECK(contains(caught.err, "not what was recorded"));
  }
  SECTION("one byte of layout changed") {
    std::string edited = text;
    edited.insert(edited.find('\n'), " ");
    write_text(out + "/timeline.json", edited);
    CHECK(run_mandate({"verify-export", out, "--public-key", key + ".pub"}).exit_code == 1);
  }
  SECTION("an actor renamed") {
    std::string edited = text;
    const size_t at = edited.find("Sở Tư pháp");
    REQUIRE(at != std::string::npos);
    edited.replace(at, std::string("Sở Tư pháp").size(), "Sở Tư phap");
    write_text(out + "/timeline.json", edited);
    CHECK(run_mandate({"verify-export", out, "--public-key", key + ".pub"}).exit_code == 1);
  }
  SECTION("the report edited") {
    std::string edited = html;
    edited[edited.find("Mất")] = 'm';
    write_text(out + "/report.html", edited);
    const CliRun caught = run_mandate({"verify-export", out});
    CHECK(caught.exit_code == 1);
    CHECK(contains(caught.err, "report.html"));
  }
  SECTION("checked against another key") {
    REQUIRE(run_mandate({"checkpoint", "keygen", "--key", dir.sub("other.key")}).exit_code == 0);
    CHECK(run_mandate({"verify-export", out, "--public-key", dir.sub("other.key.pub")}).exit_code ==
          1);
  }
}

TEST_CASE("export refuses what it cannot do, with its exit code", "[e2e][cli][export]") {
  TempDir dir;
  const std::string data = dir.sub("data"), key = dir.sub("k");
  {
    ServerProcess server(data);
    REQUIRE(server.stop() == 0);
  }
  REQUIRE(run_mandate({"checkpoint", "keygen", "--key", key}).exit_code == 0);
  CHECK(run_mandate(
            {"export", "incident", "inc-9", "--out", dir.sub("o"), "--key", key, "--data", data})
            .exit_code == 1);
  CHECK(run_mandate({"export", "incident", "inc-9", "--out", dir.sub("o"), "--data", data})
            .exit_code == 2);
  CHECK(run_mandate({"export", "incident", "inc-9", "--out", dir.sub("o"), "--key", key, "--data",
                     dir.sub("none")})
            .exit_code == 3);
  CHECK(run_mandate({"verify-export", dir.sub("o")}).exit_code == 2);
}

}  // namespace
}  // namespace mandate::testing
