#pragma once

// One client connection: do_read → on_read → (handler) → do_write → on_write → do_read, with a
// deadline on every read and write. Owned by shared_ptrs held by its pending operations.

#include <array>
#include <memory>
#include <optional>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include "http/server.h"

namespace mandate::http {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, Server& server);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start();
  // Answers `status` without reading a request, then closes (used when over capacity).
  void refuse(unsigned status, const std::string& detail);
  // Closes the connection if it is waiting for a request; a request in flight finishes first.
  void close_if_idle();

 private:
  void do_read();
  void on_read(boost::beast::error_code ec, size_t bytes);
  void do_write(Response&& response);
  void on_write(boost::beast::error_code ec, size_t bytes);
  void close();
  void start_stream(Response&& head, std::shared_ptr<StreamSource> source);
  void pull();
  void on_chunk(std::optional<std::string> chunk);
  void end_stream();
  // After refusing a request mid-body: stop sending, read and drop what the client still
  // sends for a moment, then close, so that it can read the refusal instead of a reset.
  void linger();
  void on_linger(boost::beast::error_code ec, size_t bytes);

  boost::beast::tcp_stream stream_;
  Server& server_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  Response response_;
  bool keep_alive_ = false;
  bool busy_ = false;    // A request is being handled or answered (strand-confined).
  bool linger_ = false;  // Close with linger() after the next write.
  // While streaming: the source, the head as sent, and the chunk being written.
  std::shared_ptr<StreamSource> source_;
  std::unique_ptr<boost::beast::http::response<boost::beast::http::empty_body>> stream_head_;
  std::unique_ptr<boost::beast::http::response_serializer<boost::beast::http::empty_body>>
      stream_serializer_;
  std::string chunk_;
  std::array<char, 16 * 1024> discard_{};
};

}  // namespace mandate::http
