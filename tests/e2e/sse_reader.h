#pragma once

// A raw Server-Sent Events reader for the end-to-end tests: sends the request, then reads the
// events one by one, blocking until each arrives. Not thread-safe.

#include <cstdint>
#include <istream>
#include <string>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <sys/socket.h>

namespace mandate::testing {

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
    std::string request =
        "GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n";
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

}  // namespace mandate::testing
