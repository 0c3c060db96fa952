// Tests of the parts of signing in that need a library: Argon2id hashing (http/passwords.h),
// TOTP against RFC 6238's own test vectors (http/totp.h), and the idle expiry kept in memory
// (http/session_activity.h).

#include <catch2/catch.hpp>

#include "http/passwords.h"
#include "http/session_activity.h"
#include "http/totp.h"

namespace mandate::http {
namespace {

// RFC 6238 Appendix B's SHA-1 key, "12345678901234567890", in base32.
constexpr const char* kRfcKey = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

core::Instant seconds(int64_t s) { return core::Instant{s * 1'000'000}; }

TEST_CASE("totp: codes are RFC 6238's test vectors, six digits", "[http][totp]") {
  // Appendix B gives eight digits; six are their last six (RFC 4226 §5.3).
  CHECK(totp_code(kRfcKey, seconds(59)) == "287082");
  CHECK(totp_code(kRfcKey, seconds(1111111109)) == "081804");
  CHECK(totp_code(kRfcKey, seconds(1234567890)) == "005924");
  CHECK(totp_code(kRfcKey, seconds(2000000000)) == "279037");
}

TEST_CASE("totp: a code matches its own step and one either side, and says which", "[http][totp]") {
  const core::Instant now = seconds(1234567890);  // Step 41152263.
  CHECK(totp_step_of(kRfcKey, "005924", now) == 41152263u);
  CHECK(totp_step_of(kRfcKey, totp_code(kRfcKey, seconds(1234567890 + 30)), now) == 41152264u);
  CHECK(totp_step_of(kRfcKey, totp_code(kRfcKey, seconds(1234567890 - 30)), now) == 41152262u);
  CHECK_FALSE(totp_step_of(kRfcKey, totp_code(kRfcKey, seconds(1234567890 + 90)), now));
  CHECK_FALSE(totp_step_of(kRfcKey, "00592", now));
  CHECK_FALSE(totp_step_of(kRfcKey, "0059x4", now));
  CHECK_FALSE(totp_step_of("not base32!", "005924", now));
}

TEST_CASE("totp: a new key is 160 random bits in base32, and its URI names it", "[http][totp]") {
  const std::string a = new_totp_secret(), b = new_totp_secret();
  CHECK(a.size() == 32);
  CHECK(a != b);
  CHECK(totp_uri(a, "nguyen-van-a") == "otpauth://totp/Mandate:nguyen-van-a?secret=" + a +
                                           "&issuer=Mandate&algorithm=SHA1&digits=6&period=30");
  CHECK(totp_step_of(a, totp_code(a, seconds(1800000000)), seconds(1800000000)) == 60000000u);
}

TEST_CASE("passwords: Argon2id with the documented parameters and a fresh salt",
          "[http][passwords]") {
  const std::string h = hash_password("correct horse battery");
  CHECK(h.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"));
  CHECK(h != hash_password("correct horse battery"));  // Salted.
  CHECK(verify_password(h, "correct horse battery"));
  CHECK_FALSE(verify_password(h, "correct horse batterY"));
  CHECK_FALSE(verify_password("", "correct horse battery"));
  CHECK_FALSE(verify_password("$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$dGFn", "x"));
  CHECK_FALSE(verify_password(decoy_hash(), ""));
}

TEST_CASE(
    "sessions: idle for longer than the limit ends a session, use extends it, the "
    "absolute limit holds",
    "[http][sessions]") {
  SessionActivity activity(core::SessionLimits{600, 3600});
  const core::Instant t0 = seconds(1'800'000'000);
  CHECK(activity.use("s-1", t0, seconds(1'800'000'000 + 599)) == seconds(1'800'000'000 + 1199));
  CHECK(activity.use("s-1", t0, seconds(1'800'000'000 + 1100)) == seconds(1'800'000'000 + 1700));
  CHECK(activity.use("s-1", t0, seconds(1'800'000'000 + 3500)) == std::nullopt);  // idle 2400 s
  // Forgotten once expired: a later use is judged from the sign-in again.
  CHECK(activity.use("s-1", t0, seconds(1'800'000'000 + 3599)) == std::nullopt);
  // Busy all along, it still ends at the absolute limit.
  core::Instant t = t0;
  for (int i = 0; i < 6; ++i) {
    t = core::Instant{t.micros + 500'000'000};
    REQUIRE(activity.use("s-2", t0, t));
  }
  CHECK(activity.use("s-2", t0, seconds(1'800'000'000 + 3600)) == std::nullopt);
  // First seen after a restart: the idle time counts from the sign-in.
  SessionActivity restarted(core::SessionLimits{600, 3600});
  CHECK(restarted.use("s-3", t0, seconds(1'800'000'000 + 601)) == std::nullopt);
}

}  // namespace
}  // namespace mandate::http
