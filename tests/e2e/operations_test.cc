// The server as an operator sees it: health, readiness, metrics, limits, shutdown.

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/e2e/server_process.h"
#include "tests/support/temp_dir.h"

namespace mandate::testing {
namespace {

TEST_CASE("health, readiness and metrics answer without a token", "[e2e][operations]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"));
  CHECK(server.get("/healthz", "").status == 200);
  auto ready = server.get("/readyz", "");
  CHECK(ready.status == 200);
  CHECK(ready.json()["status"] == "ready");
  CHECK(ready.json()["head_position"] == ready.json()["applied_position"]);
  auto metrics = server.get("/metrics", "");
  CHECK(metrics.status == 200);
  CHECK(metrics.body.find("mandate_http_requests_total{route=\"/healthz\",status=\"200\"} 1") !=
        std::string::npos);
  CHECK(metrics.body.find("mandate_projection_lag_events 0") != std::string::npos);
}

TEST_CASE("the first start creates the admin and a private token file", "[e2e][operations]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"));
  CHECK(server.admin_token().size() == 64);
  struct stat st {};
  REQUIRE(::stat(dir.sub("data/admin.token").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("unknown paths, methods and tokens get problem+json", "[e2e][operations]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"));
  auto missing = server.get("/v1/nothing-here", server.admin_token());
  CHECK(missing.status == 404);
  CHECK(missing.header("content-type") == "application/problem+json");
  CHECK(missing.json()["code"] == "not_found");
  auto wrong_method = server.request("DELETE", "/healthz", "");
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.json()["code"] == "method_not_allowed");
  CHECK(wrong_method.json()["status"] == 405);
  CHECK(wrong_method.header("allow") == "GET");
}

TEST_CASE("oversized headers and bodies are refused and the server goes on",
          "[e2e][operations][limits]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"));
  auto big_header =
      server.request("GET", "/healthz", "", "", {{"X-Filler", std::string(20000, 'a')}});
  CHECK(big_header.status == 431);
  CHECK(big_header.json()["code"] == "headers_too_large");
  auto big_body = server.request("POST", "/healthz", "", std::string(2 << 20, 'x'));
  CHECK(big_body.status == 413);
  CHECK(big_body.json()["code"] == "payload_too_large");
  CHECK(server.get("/healthz", "").status == 200);
}

TEST_CASE("a client that trickles bytes is cut off while others are served",
          "[e2e][operations][limits]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"), {"--read-timeout-ms", "300"});
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket slow(ioc);
  slow.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
  boost::asio::write(slow, boost::asio::buffer("GET /hea", 8));
  CHECK(server.get("/healthz", "").status == 200);
  // The server closes the slow connection when its deadline passes: the read ends.
  char byte;
  boost::system::error_code ec;
  boost::asio::read(slow, boost::asio::buffer(&byte, 1), ec);
  CHECK(ec == boost::asio::error::eof);
  CHECK(server.get("/healthz", "").status == 200);
}

TEST_CASE("connections past the cap are answered 429 and closed, others go on",
          "[e2e][operations][limits]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"), {"--max-connections", "2"});
  boost::asio::io_context ioc;
  const boost::asio::ip::tcp::endpoint at{boost::asio::ip::make_address("127.0.0.1"),
                                          server.port()};
  // A kept-alive connection the server has taken: one request answered 200 on it. (A
  // connection the harness closed a moment ago may still count, so a first try can be refused.)
  auto kept_alive = [&] {
    for (int attempt = 0; attempt < 1000; ++attempt) {
      boost::asio::ip::tcp::socket socket(ioc);
      socket.connect(at);
      boost::asio::write(
          socket, boost::asio::buffer(std::string("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")));
      std::string head;
      boost::system::error_code ec;
      boost::asio::read_until(socket, boost::asio::dynamic_buffer(head), "\r\n\r\n", ec);
      if (!ec && head.rfind("HTTP/1.1 200", 0) == 0) return socket;
    }
    FAIL("the server never took a connection");
    throw std::logic_error("unreachable");
  };
  // Two idle kept-alive connections fill the cap.
  auto first = kept_alive();
  auto second = kept_alive();
  boost::asio::ip::tcp::socket third(ioc);
  third.connect(at);
  std::string answer;
  boost::system::error_code ec;
  boost::asio::read(third, boost::asio::dynamic_buffer(answer), ec);
  CHECK(ec == boost::asio::error::eof);
  CHECK(answer.rfind("HTTP/1.1 429", 0) == 0);
  CHECK(answer.find("application/problem+json") != std::string::npos);
  CHECK(answer.find("\"code\":\"rate_limited\"") != std::string::npos);

  // Once they leave, new connections are served again. The server learns of a close a moment
  // after the client makes it, so the first attempts may still find the cap full.
  first.close();
  second.close();
  unsigned status = 429;
  for (int attempt = 0; attempt < 1000 && status == 429; ++attempt) {
    status = server.get("/healthz", "").status;
  }
  CHECK(status == 200);
}

TEST_CASE("SIGTERM stops the server cleanly", "[e2e][operations]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"));
  CHECK(server.get("/healthz", "").status == 200);
  const int status = server.stop(SIGTERM);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(server.log().find("\"msg\":\"stopped\"") != std::string::npos);
}

}  // namespace
}  // namespace mandate::testing
