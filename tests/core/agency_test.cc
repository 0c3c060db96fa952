// Tests of core/agency.h: registering agencies.

#include "core/agency.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/core/fake_directory.h"
#include "tests/core/recorded_stream.h"

namespace mandate::core {
namespace {

using testkit::at;
using testkit::outcome;
using testkit::person;
using testkit::root;

const Instant kNow = at("2026-03-21T08:00:00Z");

RegisterAgency so_noi_vu() {
  return RegisterAgency{"so-noi-vu", "Sở Nội vụ", "ubnd-tinh", "department"};
}

TEST_CASE("agency: registering records the agency under its parent", "[core][agency]") {
  const testkit::FakeDirectory directory = testkit::province();
  testkit::Stream<AgencyState> stream;
  const Result<Decision> decided = stream.run(so_noi_vu(), root(), kNow, directory);
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
  testkit::Stream<AgencyState> stream;
  stream.given(RegisterAgency{"bo-ngoai-giao", "Bộ Ngoại giao", "", ""}, root(), kNow,
               testkit::FakeDirectory{});
  CHECK(stream.state().parent.empty());
  CHECK(stream.state().kind.empty());
}

TEST_CASE("agency: every refusal, with its code and field", "[core][agency]") {
  const testkit::FakeDirectory directory = testkit::province();
  AgencyState existing;
  evolve(existing, testkit::recorded("agency:so-noi-vu", 1,
                                     AgencyRegistered{"so-noi-vu", "Sở Nội vụ", "", ""}));
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
      {"ok", {}, so_noi_vu(), root(), "ok"},
      {"exists", existing, so_noi_vu(), root(), "conflict id"},
      {"exists, asked by a non-admin", existing, so_noi_vu(), officer, "conflict id"},
      {"officer", {}, so_noi_vu(), officer, "forbidden"},
      {"coordinator", {}, so_noi_vu(), coordinator, "forbidden"},
      {"id not a slug", {}, with([](auto& c) { c.id = "Sở"; }), root(), "validation_failed id"},
      {"id empty", {}, with([](auto& c) { c.id = ""; }), root(), "validation_failed id"},
      {"name empty", {}, with([](auto& c) { c.name = ""; }), root(), "validation_failed name"},
      {"name blank", {}, with([](auto& c) { c.name = " \t"; }), root(), "validation_failed name"},
      {"unknown parent",
       {},
       with([](auto& c) { c.parent = "ubnd-huyen"; }),
       root(),
       "unknown_agency parent"},
      {"itself as parent",
       {},
       with([](auto& c) { c.parent = "so-noi-vu"; }),
       root(),
       "unknown_agency parent"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(outcome(decide(row.state, row.command, row.caller, kNow, directory)) == row.expected);
  }
}

TEST_CASE("agency: events of other kinds only advance the version", "[core][agency]") {
  AgencyState s;
  evolve(s, testkit::recorded("agency:x", 1, AgencyRegistered{"x", "X", "", "district"}));
  const AgencyState before = s;
  evolve(s, testkit::recorded("agency:x", 2, TokenRevoked{"t"}));
  CHECK(s.version == 2);
  s.version = 1;
  CHECK(s == before);
}

}  // namespace
}  // namespace mandate::core
