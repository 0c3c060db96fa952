// Tests of core/sign_in.h and the sign-in commands of core/user.h: the password policy, how
// long a session lives, the throttle, the second factor's policy, and what a user's stream
// accepts (a first password only from an admin, a code never twice, sessions ended by a
// password change).

#include "core/sign_in.h"

#include <string>

#include <catch2/catch.hpp>

#include "core/user.h"
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
const std::string kHash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0$dGFn";
const std::string kSha(64, 'a');

Instant plus(Instant at, int64_t seconds) { return Instant{at.micros + seconds * 1'000'000}; }

std::string policy_outcome(std::string_view password) {
  const Status st = check_password_policy(password, "nguyen-van-a", "Nguyễn Văn A", "p");
  return st.ok() ? "ok" : std::string(error_code_name(st.error().code)) + " " + st.error().field;
}

TEST_CASE("sign-in: the password policy counts characters, not bytes, and refuses the obvious",
          "[core][sign-in]") {
  CHECK(policy_outcome("correct horse battery") == "ok");
  CHECK(policy_outcome("short pass1") == "validation_failed p");  // 11 characters
  CHECK(policy_outcome("mật khẩu dài") == "ok");                  // 12 characters, 16 bytes
  CHECK(policy_outcome(std::string(129, 'x') + "y") == "validation_failed p");
  CHECK(policy_outcome("aaaaaaaaaaaaaaaa") == "validation_failed p");      // one character
  CHECK(policy_outcome("my NGUYEN-VAN-A pass") == "validation_failed p");  // the user's id
  CHECK(policy_outcome("x\xff\xfe-not-utf8-at-all") == "validation_failed p");
}

TEST_CASE("sign-in: a session ends at the idle limit after its last use, or at the absolute one",
          "[core][sign-in]") {
  const SessionLimits limits{1800, 12 * 3600};
  CHECK(session_expiry(kNow, kNow, limits) == plus(kNow, 1800));
  CHECK(session_expiry(kNow, plus(kNow, 3600), limits) == plus(kNow, 5400));
  // However busy, never past the absolute limit.
  CHECK(session_expiry(kNow, plus(kNow, 12 * 3600 - 60), limits) == plus(kNow, 12 * 3600));
}

TEST_CASE("sign-in: failures of a name are free, then slowed, then locked, longer each time",
          "[core][sign-in]") {
  SignInThrottle t(ThrottleSettings{2, 1, 8, 6, 900, 1000});
  Instant now = kNow;
  // Two free failures: the next attempt may come at once.
  for (int i = 0; i < 2; ++i) {
    t.failed("nguyen-van-a", "10.0.0.1", now);
    CHECK_FALSE(t.retry_at("nguyen-van-a", "10.0.0.1", now));
  }
  // Then 1 s, 2 s, 4 s.
  for (int64_t delay : {1, 2, 4}) {
    t.failed("nguyen-van-a", "10.0.0.1", now);
    CHECK(t.retry_at("nguyen-van-a", "10.0.0.1", now) == plus(now, delay));
    // The name is slowed from any address; another name is not.
    CHECK(t.retry_at("nguyen-van-a", "10.9.9.9", now) == plus(now, delay));
    CHECK_FALSE(t.retry_at("tran-thi-b", "10.0.0.1", now));
    now = plus(now, delay);
  }
  // The sixth failure locks for 15 minutes; the count starts again after it.
  const ThrottleFailure locked = t.failed("nguyen-van-a", "10.0.0.1", now);
  CHECK(locked.failures == 6);
  REQUIRE(locked.name_locked_until);
  CHECK(*locked.name_locked_until == plus(now, 900));
  CHECK(t.retry_at("nguyen-van-a", "10.0.0.1", plus(now, 899)) == plus(now, 900));
  CHECK_FALSE(t.retry_at("nguyen-van-a", "10.0.0.1", plus(now, 900)));
  // The next lock lasts twice as long.
  now = plus(now, 900);
  ThrottleFailure again;
  for (int i = 0; i < 6; ++i) {
    again = t.failed("nguyen-van-a", "10.0.0.1", now);
    now = plus(now, 10);
  }
  REQUIRE(again.name_locked_until);
  CHECK(*again.name_locked_until == plus(now, 1800 - 10));
  // A success clears the name.
  t.succeeded("nguyen-van-a");
  CHECK_FALSE(t.retry_at("nguyen-van-a", "10.0.0.1", now));
}

TEST_CASE("sign-in: an address that fails for many names locks, whatever the name",
          "[core][sign-in]") {
  SignInThrottle t(ThrottleSettings{100, 1, 60, 100, 900, 3});
  t.failed("a", "10.0.0.7", kNow);
  t.failed("b", "10.0.0.7", kNow);
  const ThrottleFailure third = t.failed("c", "10.0.0.7", kNow);
  REQUIRE(third.source_locked_until);
  CHECK(t.retry_at("anyone", "10.0.0.7", kNow) == plus(kNow, 900));
  CHECK_FALSE(t.retry_at("anyone", "10.0.0.8", kNow));
  // Failures spread wider than the lock period do not add up.
  SignInThrottle slow(ThrottleSettings{100, 1, 60, 100, 900, 3});
  for (int i = 0; i < 5; ++i) {
    CHECK_FALSE(slow.failed("a", "10.0.0.7", plus(kNow, i * 901)).source_locked_until);
  }
}

TEST_CASE("sign-in: only an admin names the roles that need a second factor", "[core][sign-in]") {
  AccessPolicyState policy;
  const auto approver = person("p", "ubnd-tinh", {Role::kApprover});
  CHECK(outcome(decide(policy, SetSecondFactorPolicy{{Role::kApprover}}, approver)) == "forbidden");
  CHECK(outcome(decide(policy, SetSecondFactorPolicy{{Role::kApprover, Role::kApprover}},
                       admin())) == "validation_failed second_factor_roles[1]");
  auto decided = decide(policy, SetSecondFactorPolicy{{Role::kApprover, Role::kAdmin}}, admin());
  REQUIRE(decided.ok());
  CHECK(decided->front().stream == "access:policy");
  TestLog log;
  REQUIRE(log.append(*decided, admin()));
  policy = log.fold<AccessPolicyState>("access:policy");
  CHECK(needs_second_factor(policy, {Role::kOfficer, Role::kApprover}));
  CHECK_FALSE(needs_second_factor(policy, {Role::kOfficer}));
}

struct SignedInUser {
  TestDirectory directory = province();
  TestAggregate<UserState> stream;
  Caller self = person("nguyen-van-a", "so-tu-phap", {Role::kOfficer});

  SignedInUser() {
    stream.given(
        RegisterUser{
            "nguyen-van-a", "Nguyễn Văn A", "so-tu-phap", {Role::kOfficer}, Clearance::kSecret},
        admin(), kNow, directory);
  }
  Result<Decision> run(const UserCommand& c, const Caller& by) {
    return stream.run(c, by, kNow, directory);
  }
};

TEST_CASE("sign-in: a first password comes from an admin, a change from the user itself",
          "[core][sign-in][user]") {
  SignedInUser u;
  CHECK(outcome(u.run(SetPassword{kHash, true, ""}, u.self)) == "forbidden");
  CHECK(outcome(u.run(SetPassword{kHash, false, ""}, admin())) == "forbidden");
  CHECK(outcome(u.run(SetPassword{"plain text", true, ""}, admin())) ==
        "validation_failed password");
  REQUIRE(outcome(u.run(SetPassword{kHash, true, ""}, admin())) == "ok");
  CHECK(u.stream.state().must_change_password);
  CHECK(u.stream.state().password_hash == kHash);
  REQUIRE(outcome(u.run(SetPassword{kHash, false, ""}, u.self)) == "ok");
  CHECK_FALSE(u.stream.state().must_change_password);
}

TEST_CASE("sign-in: a password change ends every session but the one it was made in",
          "[core][sign-in][user]") {
  SignedInUser u;
  REQUIRE(outcome(u.run(RecordSignIn{SignedIn{"s-1", kSha, "10.0.0.1", false, 0}}, u.self)) ==
          "ok");
  REQUIRE(outcome(u.run(RecordSignIn{SignedIn{"s-2", kSha, "10.0.0.2", false, 0}}, u.self)) ==
          "ok");
  CHECK(outcome(u.run(RecordSignIn{SignedIn{"s-2", kSha, "10.0.0.2", false, 0}}, u.self)) ==
        "conflict");
  // Nobody signs in as someone else.
  CHECK(outcome(u.run(RecordSignIn{SignedIn{"s-3", kSha, "", false, 0}}, admin())) == "forbidden");
  REQUIRE(outcome(u.run(SetPassword{kHash, false, "s-2"}, u.self)) == "ok");
  CHECK(u.stream.state().sessions.size() == 1);
  CHECK(u.stream.state().sessions.contains("s-2"));
  CHECK(outcome(u.run(SignOut{"s-1"}, u.self)) == "not_found");
  CHECK(outcome(u.run(SignOut{"s-2"}, u.self)) == "ok");
  CHECK(u.stream.state().sessions.empty());
  CHECK(u.stream.refold() == u.stream.state());
}

TEST_CASE(
    "sign-in: with a second factor enrolled, a sign-in needs a code, and no code counts "
    "twice",
    "[core][sign-in][user]") {
  SignedInUser u;
  REQUIRE(outcome(u.run(EnrolSecondFactor{"JBSWY3DPEHPK3PXP", 1000}, u.self)) == "ok");
  CHECK(outcome(u.run(EnrolSecondFactor{"JBSWY3DPEHPK3PXP", 1001}, u.self)) == "conflict");
  CHECK(outcome(u.run(RecordSignIn{SignedIn{"s-1", kSha, "", false, 0}}, u.self)) ==
        "second_factor_required code");
  // The step the enrolment used, and any before it, are spent.
  CHECK(outcome(u.run(RecordSignIn{SignedIn{"s-1", kSha, "", true, 1000}}, u.self)) ==
        "sign_in_failed");
  REQUIRE(outcome(u.run(RecordSignIn{SignedIn{"s-1", kSha, "", true, 1001}}, u.self)) == "ok");
  CHECK(outcome(u.run(RecordSignIn{SignedIn{"s-2", kSha, "", true, 1001}}, u.self)) ==
        "sign_in_failed");
  // An admin resets a lost device; then no code is asked.
  CHECK(outcome(u.run(ResetSecondFactor{}, u.self)) == "forbidden");
  REQUIRE(outcome(u.run(ResetSecondFactor{}, admin())) == "ok");
  CHECK(outcome(u.run(ResetSecondFactor{}, admin())) == "conflict");
  CHECK(outcome(u.run(RecordSignIn{SignedIn{"s-2", kSha, "", false, 0}}, u.self)) == "ok");
}

TEST_CASE("sign-in: failures and locks are recorded for a user that exists",
          "[core][sign-in][user]") {
  SignedInUser u;
  const Caller server{"system", "", {}, Clearance::kNone};
  CHECK(outcome(u.run(RecordSignInFailure{"10.0.0.1", "guess"}, server)) ==
        "validation_failed reason");
  CHECK(outcome(u.run(RecordSignInFailure{"10.0.0.1", "password"}, server)) == "ok");
  CHECK(outcome(u.run(RecordAccountLock{SignInLocked{"10.0.0.1", plus(kNow, 900), 10}}, server)) ==
        "ok");
  UserState nobody;
  CHECK(outcome(decide(nobody, RecordSignInFailure{"10.0.0.1", "password"}, server, kNow,
                       u.directory)) == "not_found");
}

}  // namespace
}  // namespace mandate::core
