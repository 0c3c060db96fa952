// The findings of an outside probe (docs/security.md), each held against the real server: ids
// with bytes that are not a slug's, existence oracles, request smuggling, malformed request
// heads, strict numbers, length limits, security headers, flags and the metrics' format.

#include <set>
#include <sstream>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <sys/socket.h>
#include <sys/time.h>

#include "tests/e2e/api_fixture.h"
#include "tests/e2e/cli_run.h"

namespace mandate::testing {
namespace {

using nlohmann::json;
namespace asio = boost::asio;

// Writes `bytes` on a fresh connection and reads until the server closes it (or 5 s pass).
// `closed` tells whether it was the server that ended the connection.
std::string raw_exchange(uint16_t port, const std::string& bytes, bool& closed) {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  timeval timeout{5, 0};  // A bound on a broken server; a refusal closes at once.
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  record_request(bytes);
  asio::write(socket, asio::buffer(bytes));
  std::string answer;
  boost::system::error_code ec;
  char chunk[4096];
  for (;;) {
    const size_t n = socket.read_some(asio::buffer(chunk), ec);
    if (ec) break;
    answer.append(chunk, n);
  }
  closed = ec == asio::error::eof || ec == asio::error::connection_reset;
  return answer;
}

// How many answers a raw exchange holds: status lines at the start of the text or of a line.
size_t answer_count(const std::string& text) {
  size_t count = 0;
  for (size_t at = text.find("HTTP/1.1 "); at != std::string::npos;
       at = text.find("HTTP/1.1 ", at + 1)) {
    if (at == 0 || text[at - 1] == '\n') ++count;
  }
  return count;
}

// GET with extra headers; a 200 event stream is answered by its head only.
HttpResult get_head_or_problem(uint16_t port, const std::string& target, const std::string& token,
                               const std::map<std::string, std::string>& headers) {
  namespace beast = boost::beast;
  namespace bhttp = boost::beast::http;
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect({asio::ip::make_address("127.0.0.1"), port});
  timeval timeout{10, 0};
  ::setsockopt(stream.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::authorization, "Bearer " + token);
  for (const auto& [name, value] : headers) req.set(name, value);
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  bhttp::read_header(stream, buffer, parser);
  HttpResult out;
  out.status = parser.get().result_int();
  if (out.status != 200) {
    bhttp::read(stream, buffer, parser);
    out.body = parser.get().body();
  }
  return out;
}

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.insert(it.key());
  return keys;
}

json transfer_body(const std::string& id, const std::string& agency) {
  return {{"id", id},
          {"agency", agency},
          {"direction", "outbound"},
          {"partner", "LA"},
          {"channel", "diplomatic"},
          {"purpose", "trao đổi"},
          {"document", {{"ref", "12/CV"}, {"title", "Công văn"}, {"classification", "secret"}}}};
}

TEST_CASE("an id with a byte that no slug has answers as a missing one, never 500",
          "[e2e][security][ids]") {
  ApiFixture api;
  REQUIRE(api.post("coord", "/v1/plans", small_plan()).status == 201);
  REQUIRE(api.post("coord", "/v1/plans/vn-la-2024/issue", json::object()).status == 200);

  const auto missing_stream = api.get("auditor", "/v1/streams/agency:no-such-agency");
  REQUIRE(missing_stream.status == 404);
  for (const char* target :
       {"/v1/streams/agency:ubnd-tinh%00", "/v1/streams/agency:ubnd-tinh%00%00",
        "/v1/streams/task:la-training%00", "/v1/streams/agency:ubnd-tinh%0A",
        "/v1/agencies/ubnd-tinh%00", "/v1/transfers/x%00", "/v1/tasks/la-training%00",
        "/v1/users/coord%00"}) {
    auto r = api.get("auditor", target);
    INFO(target << ": " << r.status << " " << r.body);
    CHECK(r.status == 404);
    CHECK(r.json()["code"] == "not_found");
    CHECK(keys_of(r.json()) == keys_of(missing_stream.json()));
    CHECK(r.body.find("another stream") == std::string::npos);
  }
  for (const char* target :
       {"/v1/tasks/la-training%00/acknowledge", "/v1/tasks/la-training%00%00/acknowledge"}) {
    auto r = api.post("officer-tp", target, json::object());
    INFO(target << ": " << r.status << " " << r.body);
    CHECK(r.status == 404);
    CHECK(r.json()["code"] == "not_found");
  }
  // Ids in bodies: 422 naming the field, before the store is asked.
  auto agency =
      api.post("admin", "/v1/agencies",
               {{"id", std::string("ubnd-tinh\0", 10)}, {"name", "x"}, {"kind", "department"}});
  INFO(agency.body);
  CHECK(agency.status == 422);
  CHECK(agency.json()["code"] == "validation_failed");
  CHECK(agency.json()["field"] == "id");
  auto transfer = api.post("officer-tp", "/v1/transfers",
                           transfer_body("tr-1", std::string("so-tu-phap\0", 11)));
  INFO(transfer.body);
  CHECK(transfer.status == 422);
  CHECK(transfer.json()["field"] == "agency");
  CHECK(api.server().log().find("another stream") == std::string::npos);
}

TEST_CASE("a hidden transfer, incident or stream answers exactly as a missing one",
          "[e2e][security][visibility]") {
  ApiFixture api;
  api.user("auditor-low", "ubnd-tinh", {"auditor"}, "confidential");
  REQUIRE(
      api.post("officer-tp", "/v1/transfers", transfer_body("tr-hidden", "so-tu-phap")).status ==
      201);
  REQUIRE(api.post("officer-tp", "/v1/incidents",
                   {{"id", "inc-hidden"},
                    {"agency", "so-tu-phap"},
                    {"kind", "loss"},
                    {"classification", "secret"},
                    {"documents", {{{"ref", "12/CV"}}}},
                    {"discovered_at", "2020-01-01T00:00:00Z"},
                    {"summary", "mất"}})
              .status == 201);

  SECTION("If-Match comes after visibility") {
    for (const std::string kind : {"transfers", "incidents"}) {
      const std::string hidden = kind == "transfers" ? "tr-hidden" : "inc-hidden";
      const std::string command = kind == "transfers" ? "complete" : "receive";
      const json body = kind == "transfers" ? json{{"completed_on", "2020-01-02"}} : json::object();
      const std::string user = kind == "transfers" ? "officer-nv" : "officer-nv";
      auto absent =
          api.post(user, "/v1/" + kind + "/nope/" + command, body, {{"If-Match", "\"7\""}});
      auto hid = api.post(user, "/v1/" + kind + "/" + hidden + "/" + command, body,
                          {{"If-Match", "\"7\""}});
      INFO(kind << ": " << absent.body << " / " << hid.body);
      CHECK(absent.status == 404);
      CHECK(hid.status == 404);
      CHECK(hid.json()["code"] == "not_found");
      CHECK(hid.body.find("version 1") == std::string::npos);
    }
  }
  SECTION("a stream read past its end is 404 when hidden, as when missing") {
    for (const char* target :
         {"/v1/streams/transfer:tr-hidden?from=999", "/v1/streams/transfer:tr-hidden",
          "/v1/streams/transfer:nope?from=999", "/v1/streams/incident:inc-hidden?from=2"}) {
      auto r = api.get("auditor-low", target);
      INFO(target << ": " << r.body);
      CHECK(r.status == 404);
    }
    CHECK(api.get("auditor", "/v1/streams/transfer:tr-hidden?from=999").status == 200);
  }
  SECTION("a create with a hidden id answers as with a fresh id until it could succeed") {
    // A create the caller may not make anyway (another agency's) says nothing about the id.
    auto fresh = api.post("officer-nv", "/v1/transfers", transfer_body("tr-fresh", "so-tu-phap"));
    auto hid = api.post("officer-nv", "/v1/transfers", transfer_body("tr-hidden", "so-tu-phap"));
    INFO(fresh.body << " / " << hid.body);
    CHECK(fresh.status == 403);
    CHECK(hid.status == fresh.status);
    CHECK(hid.json()["code"] == fresh.json()["code"]);
    // One that would succeed is 409, saying only that the id is taken, as for a visible one.
    json mine = transfer_body("tr-hidden", "so-ngoai-vu");
    mine["document"]["classification"] = "confidential";  // Within officer-nv's clearance.
    auto taken = api.post("officer-nv", "/v1/transfers", mine);
    INFO(taken.body);
    CHECK(taken.status == 409);
    CHECK(taken.json()["field"] == "id");
    auto conditional = api.post("officer-nv", "/v1/transfers", mine, {{"If-Match", "\"0\""}});
    INFO(conditional.body);
    CHECK(conditional.body.find("version 1") == std::string::npos);
  }
}

TEST_CASE("a Transfer-Encoding other than a lone chunked is refused and the connection closed",
          "[e2e][security][smuggling]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"));
  const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
  for (const std::string te :
       {"xchunked", "identity", "chunked, identity", "gzip, chunked", "chunked, chunked"}) {
    const bool ends_chunked = te.size() >= 7 && te.substr(te.size() - 7) == "chunked";
    const std::string body = (ends_chunked ? "0\r\n\r\n" : "") + smuggled;
    bool closed = false;
    const std::string answer = raw_exchange(
        server.port(),
        "POST /healthz HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: " + te + "\r\n\r\n" + body,
        closed);
    INFO(te << ":\n" << answer);
    CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(answer_count(answer) == 1);
    CHECK(closed);
  }
  bool closed = false;
  const std::string both =
      raw_exchange(server.port(),
                   "POST /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: "
                   "chunked\r\n\r\n0\r\n\r\n" +
                       smuggled,
                   closed);
  INFO(both);
  CHECK(both.rfind("HTTP/1.1 400", 0) == 0);
  CHECK(answer_count(both) == 1);
  CHECK(closed);
  // A chunked body is still read.
  const std::string chunked =
      raw_exchange(server.port(),
                   "POST /healthz HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nConnection: "
                   "close\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                   closed);
  CHECK(chunked.rfind("HTTP/1.1 405", 0) == 0);
}

TEST_CASE("a request without one Host, or with a target not from the root, is 400",
          "[e2e][security][request-head]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"));
  for (const std::string head :
       {"GET /healthz HTTP/1.1\r\n\r\n", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET v1/me HTTP/1.1\r\nHost: t\r\n\r\n", "GET healthz HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET * HTTP/1.1\r\nHost: t\r\n\r\n"}) {
    bool closed = false;
    const std::string answer = raw_exchange(server.port(), head, closed);
    INFO(head << "\n" << answer);
    CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(answer.find("application/problem+json") != std::string::npos);
    CHECK(closed);
  }
  CHECK(server.get("/healthz", "").status == 200);
}

TEST_CASE("positions in Last-Event-ID and from= are plain decimals in range",
          "[e2e][security][numbers]") {
  ApiFixture api;
  for (const char* bad : {"-1", "5abc", "18446744073709551615", "+5", "0x10"}) {
    for (const char* target : {"/v1/events/subscribe", "/v1/views/changes"}) {
      auto r = get_head_or_problem(api.server().port(), target, api.token("auditor"),
                                   {{"Last-Event-ID", bad}});
      INFO(target << " Last-Event-ID: " << bad << " -> " << r.status << " " << r.body);
      CHECK(r.status == 422);
      if (r.status == 422) {
        CHECK(r.json()["code"] == "validation_failed");
        CHECK(r.json()["field"] == "Last-Event-ID");
      }
    }
  }
  for (const char* bad : {"-1", "5abc", "18446744073709551616", "%2B5"}) {
    for (const std::string route : {"/v1/events", "/v1/streams/agency:ubnd-tinh"}) {
      auto r = api.get("auditor", route + "?from=" + bad);
      INFO(route << "?from=" << bad << " -> " << r.body);
      CHECK(r.status == 422);
      CHECK(r.json()["field"] == "from");
    }
  }
}

TEST_CASE("a year is four digits from 1900 to 9999", "[e2e][security][numbers]") {
  ApiFixture api;
  REQUIRE(api.post("coord", "/v1/plans", small_plan()).status == 201);
  for (const char* bad : {"4294969322", "0", "1899", "10000", "20x6", "-2026"}) {
    for (const std::string route : {"/v1/transfers?year=", "/v1/views/transfer-stats?year=",
                                    "/v1/views/annual-report?plan=vn-la-2024&year="}) {
      auto r = api.get("coord", route + bad);
      INFO(route << bad << " -> " << r.status << " " << r.body);
      CHECK(r.status == 422);
      CHECK(r.json()["code"] == "validation_failed");
      CHECK(r.json()["field"] == "year");
    }
  }
  CHECK(api.get("coord", "/v1/transfers?year=2026").status == 200);
  CHECK(api.get("coord", "/v1/views/transfer-stats?year=1900").status == 200);
}

TEST_CASE("text fields and lists have documented limits", "[e2e][security][limits]") {
  ApiFixture api;
  auto huge = api.post("admin", "/v1/agencies",
                       {{"id", "big"}, {"name", std::string(500000, 'a')}, {"kind", "department"}});
  INFO(huge.body);
  CHECK(huge.status == 422);
  CHECK(huge.json()["code"] == "validation_failed");
  CHECK(huge.json()["field"] == "name");
  // 500 characters (not bytes) is a name still.
  std::string vietnamese;
  for (int i = 0; i < 500; ++i) vietnamese += "ệ";
  CHECK(api.post("admin", "/v1/agencies",
                 {{"id", "long-name"}, {"name", vietnamese}, {"kind", "department"}})
            .status == 201);
  json body = transfer_body("tr-long", "so-tu-phap");
  body["document"]["title"] = std::string(501, 't');
  auto title = api.post("officer-tp", "/v1/transfers", body);
  CHECK(title.status == 422);
  CHECK(title.json()["field"] == "document.title");
  body = transfer_body("tr-long", "so-tu-phap");
  body["purpose"] = std::string(10001, 'p');
  auto purpose = api.post("officer-tp", "/v1/transfers", body);
  CHECK(purpose.status == 422);
  CHECK(purpose.json()["field"] == "purpose");
  json plan = small_plan();
  plan["basis"] = json::array();
  for (int i = 0; i < 1001; ++i) plan["basis"].push_back("b");
  auto list = api.post("coord", "/v1/plans", plan);
  INFO(list.body);
  CHECK(list.status == 422);
  CHECK(list.json()["field"] == "basis");
}

TEST_CASE("API answers are not stored and carry the security headers", "[e2e][security][headers]") {
  ApiFixture api;
  for (const char* target : {"/v1/me", "/v1/agencies", "/v1/no-such-route"}) {
    auto r = api.get("coord", target);
    INFO(target);
    CHECK(r.header("cache-control") == "no-store");
    CHECK(r.header("x-content-type-options") == "nosniff");
    CHECK(r.header("referrer-policy") == "no-referrer");
  }
  auto unauthenticated = api.server().get("/v1/me", "");
  CHECK(unauthenticated.header("cache-control") == "no-store");
  CHECK(api.server().get("/healthz", "").header("x-content-type-options") == "nosniff");
}

TEST_CASE("serve refuses a malformed number flag before it starts", "[e2e][security][cli]") {
  for (const auto& flags : {std::vector<std::string>{"--threads", "abc"},
                            {"--read-timeout-ms", "abc"},
                            {"--max-connections", "abc"},
                            {"--threads", "2x"},
                            {"--threads", "0"},
                            {"--threads", "-1"},
                            {"--max-connections", "1x"},
                            {"--read-timeout-ms", "99999999999999999999"},
                            {"--listen", "127.0.0.1:80x"}}) {
    TempDir dir;
    std::vector<std::string> args = {"serve", "--data", dir.sub("data"), "--listen", "127.0.0.1:0"};
    args.insert(args.end(), flags.begin(), flags.end());
    const auto run = run_mandate(args);
    INFO(flags[0] << " " << flags[1] << ": " << run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find(flags[0]) != std::string::npos);
    CHECK(run.err.find("serving") == std::string::npos);
  }
}

// The text format's rules as promtool checks them: each family has HELP and TYPE before its
// samples, counters end in _total, nothing else does.
TEST_CASE("/metrics follows the Prometheus text format's naming rules",
          "[e2e][security][metrics]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"));
  REQUIRE(server.get("/healthz", "").status == 200);
  const std::string text = server.get("/metrics", "").body;
  std::map<std::string, std::string> type_of;
  std::set<std::string> helped, sampled;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    if (line.rfind("# HELP ", 0) == 0) {
      const std::string name = line.substr(7, line.find(' ', 7) - 7);
      CHECK(helped.insert(name).second);
      CHECK(sampled.count(name) == 0);
    } else if (line.rfind("# TYPE ", 0) == 0) {
      std::istringstream words(line.substr(7));
      std::string name, type;
      words >> name >> type;
      CHECK(helped.count(name) == 1);
      CHECK(type_of.emplace(name, type).second);
      CHECK(sampled.count(name) == 0);
      if (type == "counter") CHECK(name.size() > 6);
      if (type == "counter") CHECK(name.substr(name.size() - 6) == "_total");
      if (type == "gauge" && name.size() > 6) CHECK(name.substr(name.size() - 6) != "_total");
    } else if (!line.empty()) {
      std::string name = line.substr(0, line.find_first_of("{ "));
      if (type_of.count(name) == 0) {
        for (const char* suffix : {"_bucket", "_sum", "_count"}) {
          const std::string s = suffix;
          if (name.size() > s.size() && name.substr(name.size() - s.size()) == s &&
              type_of.count(name.substr(0, name.size() - s.size())) == 1) {
            name = name.substr(0, name.size() - s.size());
          }
        }
      }
      CHECK(type_of.count(name) == 1);
      sampled.insert(name);
    }
  }
  CHECK(type_of.size() >= 4);
}

}  // namespace
}  // namespace mandate::testing
