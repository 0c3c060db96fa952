// Signing in as a person against the real server: a first password set by an admin and changed
// at the first sign-in, a session cookie with its CSRF token, sign-out, the same answer for a
// name that exists and one that does not, locks after repeated failures, a second factor made
// mandatory for a role, sessions that survive a restart, and the log that auditors read.
//
// One-time codes are computed here with liboath itself, as an authenticator app would, not
// with the server's code.

#include <algorithm>
#include <ctime>
#include <fstream>

#include <catch2/catch.hpp>
#include <liboath/oath.h>

#include "tests/e2e/api_fixture.h"
#include "tests/e2e/sse_reader.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

constexpr const char* kFirst = "first password 2026";
constexpr const char* kChosen = "a phrase of my own choosing";

// The value a Set-Cookie header gives its cookie ("mandate_session=<value>; Path=/; ...").
std::string cookie_value(const HttpResult& r) {
  const std::string header = r.header("set-cookie");
  const size_t eq = header.find('='), semi = header.find(';');
  REQUIRE(eq != std::string::npos);
  return header.substr(eq + 1, semi - eq - 1);
}

// A client with a session, as a browser holds it: the cookie, and the CSRF token it read.
struct Session {
  std::string cookie;
  std::string csrf;
  json answer;

  std::map<std::string, std::string> headers(bool with_csrf = true) const {
    std::map<std::string, std::string> h = {{"Cookie", "mandate_session=" + cookie}};
    if (with_csrf) h["X-CSRF-Token"] = csrf;
    return h;
  }
};

HttpResult sign_in_raw(const ServerProcess& server, const std::string& user,
                       const std::string& password, std::optional<std::string> code = {}) {
  json body = {{"user", user}, {"password", password}};
  if (code) body["code"] = *code;
  return server.post("/v1/sign-in", "", body);
}

Session sign_in(const ServerProcess& server, const std::string& user, const std::string& password,
                std::optional<std::string> code = {}) {
  const HttpResult r = sign_in_raw(server, user, password, code);
  INFO(r.body);
  REQUIRE(r.status == 200);
  return Session{cookie_value(r), r.json()["csrf_token"], r.json()};
}

HttpResult as(const ServerProcess& server, const Session& s, const std::string& method,
              const std::string& target, const json& body = json::object(), bool with_csrf = true) {
  return server.request(method, target, "", method == "GET" ? std::string() : body.dump(), [&] {
    auto h = s.headers(with_csrf);
    if (method != "GET") h["Content-Type"] = "application/json";
    return h;
  }());
}

std::string code_at(const std::string& secret_base32, time_t at) {
  REQUIRE(oath_init() == OATH_OK);
  char* key = nullptr;
  size_t length = 0;
  REQUIRE(oath_base32_decode(secret_base32.data(), secret_base32.size(), &key, &length) == OATH_OK);
  char otp[7] = {};
  const int rc = oath_totp_generate(key, length, at, 30, 0, 6, otp);
  free(key);
  REQUIRE(rc == OATH_OK);
  return otp;
}

std::vector<std::string> types_of(const HttpResult& stream) {
  std::vector<std::string> out;
  const json page = stream.json();
  for (const auto& e : page["events"]) out.push_back(e["type"]);
  return out;
}

bool holds(const std::vector<std::string>& types, const std::string& type) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

void set_first_password(ApiFixture& f, const std::string& user) {
  const HttpResult r = f.post("admin", "/v1/users/" + user + "/password", {{"password", kFirst}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["must_change_password"] == true);
}

TEST_CASE("sign-in: a first password must be changed, then the cookie works; sign-out ends it",
          "[e2e][sign-in]") {
  ApiFixture f;
  const ServerProcess& server = f.server();

  // The policy is the admin's first check; nobody else sets passwords.
  CHECK(f.post("admin", "/v1/users/officer-tp/password", {{"password", "short"}}).status == 422);
  CHECK(f.post("coord", "/v1/users/officer-tp/password", {{"password", kFirst}}).status == 403);
  set_first_password(f, "officer-tp");

  const HttpResult first = sign_in_raw(server, "officer-tp", kFirst);
  REQUIRE(first.status == 200);
  const std::string set_cookie = first.header("set-cookie");
  CHECK(set_cookie.find("HttpOnly") != std::string::npos);
  CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(set_cookie.find("Path=/") != std::string::npos);
  CHECK(set_cookie.find("Secure") == std::string::npos);  // Loopback: no TLS to require.
  CHECK(first.json()["must_change_password"] == true);
  Session s{cookie_value(first), first.json()["csrf_token"], first.json()};

  // Nothing but the way out until the password is changed.
  CHECK(as(server, s, "GET", "/v1/tasks").json()["code"] == "password_change_required");
  const HttpResult me = as(server, s, "GET", "/v1/me");
  REQUIRE(me.status == 200);
  CHECK(me.json()["must_change_password"] == true);
  CHECK(me.json()["session"]["csrf_token"] == s.csrf);
  // The policy a new password must meet is open to it too, for the form that asks for one.
  CHECK(as(server, s, "GET", "/v1/policy/sign-in").json()["password"]["min_length"] == 12);

  // A write with the cookie needs the session's CSRF token, and its own origin.
  const json change = {{"current_password", kFirst}, {"new_password", kChosen}};
  CHECK(as(server, s, "POST", "/v1/me/password", change, false).json()["code"] == "csrf_failed");
  auto h = s.headers();
  h["Content-Type"] = "application/json";
  h["Origin"] = "http://evil.example";
  CHECK(server.request("POST", "/v1/me/password", "", change.dump(), h).json()["code"] ==
        "csrf_failed");
  CHECK(as(server, s, "POST", "/v1/me/password",
           {{"current_password", "not the one"}, {"new_password", kChosen}})
            .json()["field"] == "current_password");
  CHECK(as(server, s, "POST", "/v1/me/password",
           {{"current_password", kFirst}, {"new_password", kFirst}})
            .json()["field"] == "new_password");
  const HttpResult changed = as(server, s, "POST", "/v1/me/password", change);
  INFO(changed.body);
  REQUIRE(changed.status == 200);

  // The same session goes on, now with everything the roles allow.
  CHECK(as(server, s, "GET", "/v1/tasks").status == 200);
  CHECK(as(server, s, "GET", "/v1/me").json()["must_change_password"] == false);
  // A bearer token is not a session and needs no CSRF token.
  CHECK(f.get("officer-tp", "/v1/me").json()["session"].is_null());

  // The old password no longer works, the new one does.
  CHECK(sign_in_raw(server, "officer-tp", kFirst).json()["code"] == "sign_in_failed");
  const Session other = sign_in(server, "officer-tp", kChosen);

  const HttpResult out = as(server, s, "POST", "/v1/sign-out");
  REQUIRE(out.status == 204);
  CHECK(out.header("set-cookie").find("Max-Age=0") != std::string::npos);
  CHECK(as(server, s, "GET", "/v1/me").status == 401);
  CHECK(as(server, other, "GET", "/v1/me").status == 200);  // Only that session ended.

  // The auditor reads it all in the log, and never a hash.
  const HttpResult log = f.get("auditor", "/v1/streams/user:officer-tp");
  REQUIRE(log.status == 200);
  const auto types = types_of(log);
  for (const char* type :
       {"user.password_set", "user.signed_in", "user.sign_in_failed", "user.signed_out"}) {
    INFO(type);
    CHECK(holds(types, type));
  }
  CHECK(log.body.find("$argon2id$") == std::string::npos);
  CHECK(log.body.find(s.cookie) == std::string::npos);
}

TEST_CASE("sign-in: a name that does not exist answers as a wrong password; failures lock",
          "[e2e][sign-in]") {
  ApiFixture f({"--sign-in-throttle", "free=10,delay=0s,lock-after=3,lock=15m"});
  const ServerProcess& server = f.server();
  set_first_password(f, "officer-tp");

  const HttpResult wrong = sign_in_raw(server, "officer-tp", "wrong password 1");
  const HttpResult nobody = sign_in_raw(server, "nobody-at-all", "wrong password 1");
  CHECK(wrong.status == 401);
  CHECK(wrong.status == nobody.status);
  CHECK(wrong.body == nobody.body);
  CHECK(wrong.header("www-authenticate") == nobody.header("www-authenticate"));

  // The third failure locks the name, even for the right password, and a made-up name alike.
  CHECK(sign_in_raw(server, "officer-tp", "wrong password 2").status == 401);
  CHECK(sign_in_raw(server, "officer-tp", "wrong password 3").status == 401);
  CHECK(sign_in_raw(server, "nobody-at-all", "wrong password 2").status == 401);
  CHECK(sign_in_raw(server, "nobody-at-all", "wrong password 3").status == 401);
  const HttpResult locked = sign_in_raw(server, "officer-tp", kFirst);
  const HttpResult locked_nobody = sign_in_raw(server, "nobody-at-all", kFirst);
  CHECK(locked.status == 429);
  CHECK(locked.json()["code"] == "rate_limited");
  CHECK(locked_nobody.status == 429);
  CHECK(std::stoi(locked.header("retry-after")) > 890);
  CHECK(std::stoi(locked_nobody.header("retry-after")) > 890);
  // Another user is not locked by it.
  set_first_password(f, "officer-nv");
  CHECK(sign_in_raw(server, "officer-nv", kFirst).status == 200);

  // The lock is in the user's log. Failures are written after the answer, so the test follows
  // the log as it grows (an SSE subscription) until the lock arrives.
  SseReader events(server.port(), f.token("auditor"), "/v1/events/subscribe?from=1");
  std::vector<std::string> seen;
  while (seen.empty() || seen.back() != "sign_in.locked") seen.push_back(events.next().second);
  CHECK(std::count(seen.begin(), seen.end(), "user.sign_in_failed") == 3);
}

TEST_CASE("sign-in: an address that fails for many names is locked for all of them",
          "[e2e][sign-in]") {
  ApiFixture f({"--sign-in-throttle", "free=10,delay=0s,lock-after=100,source-lock-after=4"});
  set_first_password(f, "officer-tp");
  for (const char* name : {"a1", "a2", "a3", "a4"}) {
    CHECK(sign_in_raw(f.server(), name, "wrong password 1").status == 401);
  }
  CHECK(sign_in_raw(f.server(), "officer-tp", kFirst).status == 429);
}

TEST_CASE("sign-in: a second factor made mandatory for approvers, enrolled, asked, never reused",
          "[e2e][sign-in]") {
  ApiFixture f;
  const ServerProcess& server = f.server();
  CHECK(f.post("approver", "/v1/policy/sign-in", {}).status == 405);
  const HttpResult policy = server.request("PUT", "/v1/policy/sign-in", f.admin(),
                                           json{{"second_factor_roles", {"approver"}}}.dump(),
                                           {{"Content-Type", "application/json"}});
  INFO(policy.body);
  REQUIRE(policy.status == 200);
  set_first_password(f, "approver");
  Session s = sign_in(server, "approver", kFirst);
  REQUIRE(as(server, s, "POST", "/v1/me/password",
             {{"current_password", kFirst}, {"new_password", kChosen}})
              .status == 200);
  CHECK(as(server, s, "GET", "/v1/me").json()["second_factor_enrolment_required"] == true);
  CHECK(as(server, s, "GET", "/v1/transfers").json()["code"] == "second_factor_enrolment_required");

  const HttpResult begun = as(server, s, "POST", "/v1/me/second-factor");
  REQUIRE(begun.status == 200);
  const std::string secret = begun.json()["secret"];
  CHECK(begun.json()["otpauth_uri"].get<std::string>().find("secret=" + secret) !=
        std::string::npos);
  CHECK(as(server, s, "POST", "/v1/me/second-factor/confirm",
           {{"secret", secret}, {"code", "000000"}})
            .status == 422);
  const time_t now = time(nullptr);
  REQUIRE(as(server, s, "POST", "/v1/me/second-factor/confirm",
             {{"secret", secret}, {"code", code_at(secret, now)}})
              .status == 200);
  CHECK(as(server, s, "GET", "/v1/transfers").status == 200);
  REQUIRE(as(server, s, "POST", "/v1/sign-out").status == 204);

  // The password alone is not enough now; a wrong code answers as a wrong password.
  CHECK(sign_in_raw(server, "approver", kChosen).json()["code"] == "second_factor_required");
  CHECK(sign_in_raw(server, "approver", "wrong password 1", "123456").json()["code"] ==
        "sign_in_failed");
  const std::string wrong = code_at(secret, now) == "123456" ? "654321" : "123456";
  CHECK(sign_in_raw(server, "approver", kChosen, wrong).json()["code"] == "sign_in_failed");
  // The enrolment's step is spent: the next step's code signs in, and only once.
  const std::string next = code_at(secret, now + 30);
  const Session with_code = sign_in(server, "approver", kChosen, next);
  CHECK(as(server, with_code, "GET", "/v1/transfers").status == 200);
  CHECK(sign_in_raw(server, "approver", kChosen, next).json()["code"] == "sign_in_failed");

  // An admin resets a lost device: the password signs in, and enrolment is owed again.
  REQUIRE(server.request("DELETE", "/v1/users/approver/second-factor", f.admin()).status == 200);
  const Session reset = sign_in(server, "approver", kChosen);
  CHECK(reset.answer["second_factor_enrolment_required"] == true);

  const auto types = types_of(f.get("auditor", "/v1/streams/user:approver"));
  CHECK(holds(types, "user.second_factor_enrolled"));
  CHECK(holds(types, "user.second_factor_reset"));
  CHECK(f.get("auditor", "/v1/streams/user:approver").body.find(secret) == std::string::npos);
}

TEST_CASE(
    "sign-in: a session outlives a restart of the server; the admin's first password is "
    "in its file",
    "[e2e][sign-in]") {
  TempDir dir;
  std::string cookie;
  {
    ServerProcess server(dir.sub("data"));
    std::ifstream file(dir.sub("data") + "/admin.password");
    std::string password;
    std::getline(file, password);
    REQUIRE(password.size() == 24);
    const Session s = sign_in(server, "admin", password);
    CHECK(s.answer["must_change_password"] == true);
    REQUIRE(as(server, s, "POST", "/v1/me/password",
               {{"current_password", password}, {"new_password", kChosen}})
                .status == 200);
    cookie = s.cookie;
  }
  ServerProcess again(dir.sub("data"));
  const Session s{cookie, "", {}};
  const HttpResult me = as(again, s, "GET", "/v1/me");
  REQUIRE(me.status == 200);
  CHECK(me.json()["user"] == "admin");
  CHECK(as(again, s, "GET", "/v1/agencies").status == 200);
}

}  // namespace
}  // namespace mandate::testing
