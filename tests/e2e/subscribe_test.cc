// GET /v1/events/subscribe: the log as Server-Sent Events, catching up then live, resumable.

#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <catch2/catch.hpp>
#include <istream>

#include "tests/e2e/api_fixture.h"

namespace mandate::testing {
namespace {

namespace asio = boost::asio;

// A raw SSE reader: sends the request, then reads events one by one.
class SseReader {
 public:
  SseReader(uint16_t port, const std::string& token, const std::string& target,
            const std::string& last_event_id = "")
      : socket_(ioc_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    // A bound on a broken server, not a synchronisation: events arrive well before it.
    timeval timeout{30, 0};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string request = "GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                          token + "\r\n";
    if (!last_event_id.empty()) request += "Last-Event-ID: " + last_event_id + "\r\n";
    request += "\r\n";
    asio::write(socket_, asio::buffer(request));
    asio::read_until(socket_, buffer_, "\r\n\r\n");
    std::istream in(&buffer_);
    std::string line;
    std::getline(in, status_line_);
    while (std::getline(in, line) && line != "\r") headers_ += line + "\n";
  }

  const std::string& status_line() const { return status_line_; }
  const std::string& headers() const { return headers_; }

  // The next event's id and type.
  std::pair<uint64_t, std::string> next() {
    asio::read_until(socket_, buffer_, "\n\n");
    std::istream in(&buffer_);
    std::string line, type;
    uint64_t id = 0;
    while (std::getline(in, line) && !line.empty()) {
      if (line.rfind("id: ", 0) == 0) id = std::stoull(line.substr(4));
      if (line.rfind("event: ", 0) == 0) type = line.substr(7);
    }
    return {id, type};
  }

 private:
  asio::io_context ioc_;
  asio::ip::tcp::socket socket_;
  asio::streambuf buffer_;
  std::string status_line_, headers_;
};

TEST_CASE("the event stream catches up, follows live appends and resumes", "[e2e][sse]") {
  ApiFixture api;
  const uint64_t head = api.get("auditor", "/v1/chain").json()["head_position"];
  REQUIRE(head > 5);

  SseReader reader(api.server().port(), api.token("auditor"), "/v1/events/subscribe?from=1");
  CHECK(reader.status_line().find("200") != std::string::npos);
  CHECK(reader.headers().find("text/event-stream") != std::string::npos);
  for (uint64_t p = 1; p <= head; ++p) CHECK(reader.next().first == p);

  // Live: an append made now arrives on the open stream.
  REQUIRE(api.post("admin", "/v1/agencies", {{"id", "so-noi-vu"}, {"name", "Sở Nội vụ"}}).status ==
          201);
  auto live = reader.next();
  CHECK(live.first == head + 1);
  CHECK(live.second == "agency.registered");

  // A reconnecting client resumes after the last id it saw.
  SseReader resumed(api.server().port(), api.token("auditor"), "/v1/events/subscribe",
                    std::to_string(head));
  CHECK(resumed.next().first == head + 1);
}

TEST_CASE("the event stream is for those who may read the log", "[e2e][sse]") {
  ApiFixture api;
  CHECK(api.get("officer-tp", "/v1/events/subscribe").status == 403);
  CHECK(api.server().get("/v1/events/subscribe", "").status == 401);
}

}  // namespace
}  // namespace mandate::testing

namespace mandate::testing {
namespace {

TEST_CASE("any user hears when the views move on, and nothing of what moved them",
          "[e2e][sse][changes]") {
  ApiFixture api;
  const auto chain = [&] {
    return api.get("auditor", "/v1/chain").json()["head_position"].get<uint64_t>();
  };
  const uint64_t start = chain();
  SseReader changes(api.server().port(), api.token("officer-tp"), "/v1/views/changes");
  REQUIRE(changes.status_line().rfind("HTTP/1.1 200", 0) == 0);
  CHECK(changes.headers().find("text/event-stream") != std::string::npos);
  // At once: where the views stand.
  const auto [first, type] = changes.next();
  CHECK(type == "applied");
  CHECK(first == start);

  REQUIRE(api.post("coord", "/v1/plans", small_plan()).status == 201);
  const uint64_t after_plan = chain();
  uint64_t heard = first;
  while (heard < after_plan) heard = changes.next().first;
  CHECK(heard == after_plan);
  // A view read now shows at least that position.
  auto status = api.get("officer-tp", "/v1/views/overdue");
  CHECK(status.json()["as_of"].get<uint64_t>() >= heard);

  // Resuming after what was heard: nothing at once, the next change when it comes.
  SseReader resumed(api.server().port(), api.token("coord"), "/v1/views/changes",
                    std::to_string(heard));
  REQUIRE(api.post("coord", "/v1/plans/vn-la-2024/issue", nlohmann::json::object()).status ==
          200);
  CHECK(resumed.next().first > heard);

  SseReader anonymous(api.server().port(), "", "/v1/views/changes");
  CHECK(anonymous.status_line().rfind("HTTP/1.1 401", 0) == 0);
}

}  // namespace
}  // namespace mandate::testing
