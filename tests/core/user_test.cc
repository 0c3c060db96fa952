// Tests of core/user.h: registering users, issuing and revoking their tokens, authenticating.

#include "core/user.h"

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
const std::string kHashA(64, 'a');
const std::string kHashB = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

RegisterUser officer_of_justice() {
  return RegisterUser{"nguyen-van-a",
                      "Nguyễn Văn A",
                      "so-tu-phap",
                      {Role::kOfficer, Role::kApprover},
                      Clearance::kSecret};
}

// A user with one active token "t1" (kHashA) and one revoked token "t0".
TestAggregate<UserState> user_with_tokens(const Directory& directory) {
  TestAggregate<UserState> stream;
  stream.given(officer_of_justice(), admin(), kNow, directory);
  stream.given(IssueToken{"t0", kHashB}, admin(), kNow, directory);
  stream.given(RevokeToken{"t0"}, admin(), kNow, directory);
  stream.given(IssueToken{"t1", kHashA}, admin(), kNow, directory);
  return stream;
}

TEST_CASE("user: registering records the user; caller_of is who it acts as", "[core][user]") {
  const TestDirectory directory = province();
  TestAggregate<UserState> stream;
  const Result<Decision> decided = stream.run(officer_of_justice(), admin(), kNow, directory);
  REQUIRE(decided.ok());
  CHECK(decided->front().stream == "user:nguyen-van-a");
  CHECK(decided->front().expected_version == 0);
  const auto* e = std::get_if<UserRegistered>(&decided->front().events.at(0).data);
  REQUIRE(e != nullptr);
  CHECK(e->roles == std::vector<Role>{Role::kOfficer, Role::kApprover});

  const UserState& s = stream.state();
  CHECK(s.version == 1);
  CHECK(s.name == "Nguyễn Văn A");
  CHECK(s.tokens.empty());
  const Caller c = caller_of(s);
  CHECK(c.user == "nguyen-van-a");
  CHECK(c.agency == "so-tu-phap");
  CHECK(c.roles == std::vector<Role>{Role::kOfficer, Role::kApprover});
  CHECK(c.clearance == Clearance::kSecret);
}

TEST_CASE("user: an admin alone may have no agency", "[core][user]") {
  TestAggregate<UserState> stream;
  stream.given(RegisterUser{"admin", "Admin", "", {Role::kAdmin}, Clearance::kTopSecret}, admin(),
               kNow, TestDirectory{});
  CHECK(caller_of(stream.state()).agency.empty());
  CHECK(caller_of(stream.state()).is_admin());
}

TEST_CASE("user: every refusal to register, with its code and field", "[core][user]") {
  const TestDirectory directory = province();
  TestLog log;
  log.append(
      "user:nguyen-van-a",
      {UserRegistered{"nguyen-van-a", "A", "so-tu-phap", {Role::kOfficer}, Clearance::kNone}});
  const UserState existing = log.fold<UserState>("user:nguyen-van-a");
  const Caller officer = person("o", "so-tu-phap", {Role::kOfficer});
  auto with = [](auto change) {
    RegisterUser c = officer_of_justice();
    change(c);
    return c;
  };
  struct Row {
    const char* name;
    UserState state;
    RegisterUser command;
    Caller caller;
    std::string expected;
  };
  const std::vector<Row> rows{
      {"ok", {}, officer_of_justice(), admin(), "ok"},
      {"exists", existing, officer_of_justice(), admin(), "conflict id"},
      {"not an admin", {}, officer_of_justice(), officer, "forbidden"},
      {"id not a slug",
       {},
       with([](auto& c) { c.id = "Nguyen"; }),
       admin(),
       "validation_failed id"},
      {"name blank", {}, with([](auto& c) { c.name = "  "; }), admin(), "validation_failed name"},
      {"no roles", {}, with([](auto& c) { c.roles = {}; }), admin(), "validation_failed roles"},
      {"a role twice",
       {},
       with([](auto& c) {
         c.roles = {Role::kOfficer, Role::kApprover, Role::kOfficer};
       }),
       admin(),
       "validation_failed roles[2]"},
      {"admin twice",
       {},
       with([](auto& c) {
         c.agency = "";
         c.roles = {Role::kAdmin, Role::kAdmin};
       }),
       admin(),
       "validation_failed roles[1]"},
      {"no agency", {}, with([](auto& c) { c.agency = ""; }), admin(), "validation_failed agency"},
      {"unknown agency",
       {},
       with([](auto& c) { c.agency = "so-y-te"; }),
       admin(),
       "unknown_agency agency"},
      {"admin with an unknown agency",
       {},
       with([](auto& c) {
         c.agency = "so-y-te";
         c.roles = {Role::kAdmin};
       }),
       admin(),
       "unknown_agency agency"},
      {"admin with a known agency",
       {},
       with([](auto& c) { c.roles = {Role::kAdmin}; }),
       admin(),
       "ok"},
      {"admin and officer without an agency",
       {},
       with([](auto& c) {
         c.agency = "";
         c.roles = {Role::kAdmin, Role::kOfficer};
       }),
       admin(),
       "validation_failed agency"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(outcome(decide(row.state, row.command, row.caller, kNow, directory)) == row.expected);
  }
}

TEST_CASE("user: issuing and revoking tokens", "[core][user]") {
  const TestDirectory directory = province();
  TestAggregate<UserState> stream = user_with_tokens(directory);
  const UserState& s = stream.state();
  REQUIRE(s.version == 4);
  REQUIRE(s.tokens.size() == 2);
  CHECK(s.tokens.at("t0").revoked);
  CHECK(s.tokens.at("t0").revoked_at == kNow);
  CHECK_FALSE(s.tokens.at("t1").revoked);
  CHECK(s.tokens.at("t1").sha256 == kHashA);
  CHECK(s.tokens.at("t1").issued_at == kNow);
  CHECK(stream.refold() == s);

  CHECK(find_active_token(s, kHashA) == std::optional<std::string>("t1"));
  CHECK(find_active_token(s, kHashB) == std::nullopt);  // Revoked.
  CHECK(find_active_token(s, std::string(64, 'c')) == std::nullopt);
  CHECK(find_active_token(s, std::string(64, 'A')) == std::nullopt);
  CHECK(find_active_token(s, "") == std::nullopt);

  stream.given(RevokeToken{"t1"}, admin(), kNow, directory);
  CHECK(find_active_token(stream.state(), kHashA) == std::nullopt);
}

TEST_CASE("user: every refusal to issue or revoke a token", "[core][user]") {
  const TestDirectory directory = province();
  const UserState s = user_with_tokens(directory).state();
  const UserState nobody;
  const Caller officer = person("o", "so-tu-phap", {Role::kOfficer, Role::kApprover});
  struct Row {
    const char* name;
    const UserState& state;
    UserCommand command;
    Caller caller;
    std::string expected;
  };
  const std::vector<Row> rows{
      {"issue", s, IssueToken{"t2", kHashA}, admin(), "ok"},
      {"issue to no user", nobody, IssueToken{"t2", kHashA}, admin(), "not_found"},
      {"issue, not an admin", s, IssueToken{"t2", kHashA}, officer, "forbidden"},
      {"issue, token id not a slug", s, IssueToken{"T 2", kHashA}, admin(),
       "validation_failed token_id"},
      {"issue, uppercase hash", s, IssueToken{"t2", std::string(64, 'A')}, admin(),
       "validation_failed token_sha256"},
      {"issue, short hash", s, IssueToken{"t2", std::string(63, 'a')}, admin(),
       "validation_failed token_sha256"},
      {"issue, not hex", s, IssueToken{"t2", std::string(64, 'g')}, admin(),
       "validation_failed token_sha256"},
      {"issue, id of an active token", s, IssueToken{"t1", kHashB}, admin(), "conflict"},
      {"issue, id of a revoked token", s, IssueToken{"t0", kHashB}, admin(), "conflict"},
      {"revoke", s, RevokeToken{"t1"}, admin(), "ok"},
      {"revoke on no user", nobody, RevokeToken{"t1"}, admin(), "not_found"},
      {"revoke, not an admin", s, RevokeToken{"t1"}, officer, "forbidden"},
      {"revoke an unknown token", s, RevokeToken{"t9"}, admin(), "not_found"},
      {"revoke twice", s, RevokeToken{"t0"}, admin(), "conflict"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const Result<Decision> decided = decide(row.state, row.command, row.caller, kNow, directory);
    CHECK(outcome(decided) == row.expected);
    if (decided.ok()) CHECK(decided->front().expected_version == row.state.version);
  }
}

TEST_CASE("user: is_sha256_hex", "[core][user]") {
  CHECK(is_sha256_hex(kHashB));
  CHECK_FALSE(is_sha256_hex(""));
  CHECK_FALSE(is_sha256_hex(kHashB + "0"));
  CHECK_FALSE(is_sha256_hex("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"));
}

}  // namespace
}  // namespace mandate::core
