// Tests of core/agency.h: registering agencies.

#include "core/agency.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/core/test_support.h"

namespace mandate::core {
namespace {

using testing::admin;
using testing::instant;
using testing::outcome;
using testing::person;
using testing::province;
using testing::TestAggregate;
using testing::TestDirectory;
using testing::TestLog;

const Instant kNow = instant("2026-03-21T08:00:00Z");

RegisterAgency so_noi_vu() {
  return RegisterAgency{"so-noi-vu", "Sở Nội vụ", "ubnd-tinh", "department"};
}

TEST_CASE("agency: registering records the agency under its parent", "[core][agency]") {
  const TestDirectory directory = province();
  TestAggregate<AgencyState> stream;
  const Result<Decision> decided = stream.run(so_noi_vu(), admin(), kNow, directory);
  REQUIRE(decided.ok());
  REQUIRE(decided->front().stream == "agency:so-noi-vu");
  CHECK(decided->front().expected_version == 0);
  REQUIRE(decided->front().events.size() == 1);
  CHECK_FALSE(decided->front().events[0].occurred_at.has_value());
  const auto* e = std::get_if<AgencyRegistered>(&decided->front().events[0].data);
  REQUIRE(e != nullptr);
  CHECK(e->name == "Sở Nội vụ");

  const AgencyState& s = stream.state();
  CHECK(s.version == 1);
  CHECK(s.id == "so-noi-vu");
  CHECK(s.name == "Sở Nội vụ");
  CHECK(s.parent == "ubnd-tinh");
  CHECK(s.kind == "department");
  CHECK(stream.refold() == s);
}

TEST_CASE("agency: a root agency has no parent and may have no kind", "[core][agency]") {
  TestAggregate<AgencyState> stream;
  stream.given(RegisterAgency{"bo-ngoai-giao", "Bộ Ngoại giao", "", ""}, admin(), kNow,
               TestDirectory{});
  CHECK(stream.state().parent.empty());
  CHECK(stream.state().kind.empty());
}

TEST_CASE("agency: every refusal, with its code and field", "[core][agency]") {
  const TestDirectory directory = province();
  TestLog log;
  log.append("agency:so-noi-vu", {AgencyRegistered{"so-noi-vu", "Sở Nội vụ", "", ""}});
  const AgencyState existing = log.fold<AgencyState>("agency:so-noi-vu");
  const Caller officer = person("o", "so-tu-phap", {Role::kOfficer});
  const Caller coordinator = person("c", "cong-an-tinh", {Role::kCoordinator});

  struct Row {
    const char* name;
    AgencyState state;
    RegisterAgency command;
    Caller caller;
    std::string expected;
  };
  auto with = [](auto change) {
    RegisterAgency c = so_noi_vu();
    change(c);
    return c;
  };
  const std::vector<Row> rows{
      {"ok", {}, so_noi_vu(), admin(), "ok"},
      {"exists", existing, so_noi_vu(), admin(), "conflict id"},
      {"exists, asked by a non-admin", existing, so_noi_vu(), officer, "conflict id"},
      {"officer", {}, so_noi_vu(), officer, "forbidden"},
      {"coordinator", {}, so_noi_vu(), coordinator, "forbidden"},
      {"id not a slug", {}, with([](auto& c) { c.id = "Sở"; }), admin(), "validation_failed id"},
      {"id empty", {}, with([](auto& c) { c.id = ""; }), admin(), "validation_failed id"},
      {"name empty", {}, with([](auto& c) { c.name = ""; }), admin(), "validation_failed name"},
      {"name blank", {}, with([](auto& c) { c.name = " \t"; }), admin(), "validation_failed name"},
      {"unknown parent",
       {},
       with([](auto& c) { c.parent = "ubnd-huyen"; }),
       admin(),
       "unknown_agency parent"},
      {"itself as parent",
       {},
       with([](auto& c) { c.parent = "so-noi-vu"; }),
       admin(),
       "unknown_agency parent"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(outcome(decide(row.state, row.command, row.caller, kNow, directory)) == row.expected);
  }
}

TEST_CASE("agency: events of other kinds only advance the version", "[core][agency]") {
  TestLog log;
  log.append("agency:x", {AgencyRegistered{"x", "X", "", "district"}});
  const AgencyState before = log.fold<AgencyState>("agency:x");
  log.append("agency:x", {TokenRevoked{"t"}});
  AgencyState s = log.fold<AgencyState>("agency:x");
  CHECK(s.version == 2);
  s.version = 1;
  CHECK(s == before);
}

}  // namespace
}  // namespace mandate::core
