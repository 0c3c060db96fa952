#include "http/connection.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>

#include "http/request_head.h"

namespace mandate::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;

namespace {
// How long a refused client may go on sending before the connection is closed anyway.
constexpr std::chrono::seconds kLingerTime{2};
}  // namespace

Connection::Connection(asio::ip::tcp::socket socket, Server& server)
    : stream_(std::move(socket)), server_(server) {
  server_.connections_.fetch_add(1);
}

Connection::~Connection() {
  if (source_) source_->cancel();
  server_.forget(this);
  server_.connections_.fetch_sub(1);
  server_.check_drained();
}

void Connection::start() {
  asio::dispatch(stream_.get_executor(),
                 beast::bind_front_handler(&Connection::do_read, shared_from_this()));
}

void Connection::refuse(unsigned status, const std::string& detail) {
  keep_alive_ = false;
  auto self = shared_from_this();
  asio::dispatch(stream_.get_executor(), [self, status, detail] {
    self->busy_ = true;
    self->do_write(self->server_.reject_(status, detail));
  });
}

void Connection::close_if_idle() {
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    if (self->source_) return self->end_stream();  // A stream never finishes by itself.
    if (!self->busy_) self->close();
  });
}

void Connection::do_read() {
  if (server_.draining_.load()) return close();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(server_.limits_.header_bytes));
  parser_->body_limit(server_.limits_.body_bytes);
  busy_ = false;
  stream_.expires_after(server_.limits_.read_timeout);
  bhttp::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&Connection::on_read, shared_from_this()));
}

void Connection::on_read(beast::error_code ec, size_t) {
  busy_ = true;
  if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
      ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
    return close();
  }
  if (ec) {
    // The request cannot be trusted any further: answer once and close.
    keep_alive_ = false;
    linger_ = true;
    if (ec == bhttp::error::header_limit) {
      return do_write(server_.reject_(431, "the request's headers are larger than 16 KiB"));
    }
    if (ec == bhttp::error::body_limit) {
      return do_write(server_.reject_(413, "the request's body is larger than 1 MiB"));
    }
    return do_write(server_.reject_(400, "malformed HTTP request: " + ec.message()));
  }
  Request request = parser_->release();
  if (auto problem = request_head_problem(request)) {
    // Where this request ends is in doubt: nothing after it is read as a request.
    keep_alive_ = false;
    linger_ = true;
    return do_write(server_.reject_(400, "malformed HTTP request: " + *problem));
  }
  keep_alive_ = request.keep_alive();
  stream_.expires_never();  // The handler may wait on a durable write; the write re-arms it.
  auto self = shared_from_this();
  beast::error_code ignored;
  const auto endpoint = stream_.socket().remote_endpoint(ignored);
  server_.handler_(std::move(request), ignored ? std::string() : endpoint.address().to_string(),
                   Respond(
                       [self](Response&& response) {
                         asio::post(self->stream_.get_executor(),
                                    [self, response = std::move(response)]() mutable {
                                      self->do_write(std::move(response));
                                    });
                       },
                       [self](Response&& head, std::shared_ptr<StreamSource> source) {
                         asio::post(
                             self->stream_.get_executor(),
                             [self, head = std::move(head), source = std::move(source)]() mutable {
                               self->start_stream(std::move(head), std::move(source));
                             });
                       }));
}

void Connection::start_stream(Response&& head, std::shared_ptr<StreamSource> source) {
  source_ = std::move(source);
  keep_alive_ = false;  // The body ends when the connection does.
  stream_head_ = std::make_unique<bhttp::response<bhttp::empty_body>>(head.result(), 11);
  for (const auto& field : head) stream_head_->set(field.name_string(), field.value());
  stream_head_->keep_alive(false);
  stream_serializer_ =
      std::make_unique<bhttp::response_serializer<bhttp::empty_body>>(*stream_head_);
  stream_.expires_after(server_.limits_.write_timeout);
  bhttp::async_write_header(stream_, *stream_serializer_,
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->end_stream();
                              self->pull();
                            });
}

void Connection::pull() {
  if (!source_) return;
  stream_.expires_never();  // Waiting for events is not a slow client.
  source_->next([self = shared_from_this()](std::optional<std::string> chunk) {
    asio::post(self->stream_.get_executor(),
               [self, chunk = std::move(chunk)]() mutable { self->on_chunk(std::move(chunk)); });
  });
}

void Connection::on_chunk(std::optional<std::string> chunk) {
  if (!source_ || !chunk) return end_stream();
  if (chunk->empty()) return pull();
  chunk_ = std::move(*chunk);
  stream_.expires_after(server_.limits_.write_timeout);
  asio::async_write(stream_, asio::buffer(chunk_),
                    [self = shared_from_this()](beast::error_code ec, size_t) {
                      if (ec) return self->end_stream();
                      self->pull();
                    });
}

void Connection::end_stream() {
  if (source_) source_->cancel();
  source_.reset();
  close();
}

void Connection::do_write(Response&& response) {
  response_ = std::move(response);
  if (server_.draining_.load()) keep_alive_ = false;
  response_.keep_alive(keep_alive_);
  response_.prepare_payload();
  stream_.expires_after(server_.limits_.write_timeout);
  bhttp::async_write(stream_, response_,
                     beast::bind_front_handler(&Connection::on_write, shared_from_this()));
}

void Connection::on_write(beast::error_code ec, size_t) {
  if (!ec && linger_) return linger();
  if (ec || !keep_alive_) return close();
  do_read();
}

void Connection::linger() {
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  stream_.expires_after(kLingerTime);
  stream_.async_read_some(asio::buffer(discard_),
                          beast::bind_front_handler(&Connection::on_linger, shared_from_this()));
}

void Connection::on_linger(beast::error_code ec, size_t) {
  if (ec) return close();  // EOF, the deadline, or the client gone.
  stream_.async_read_some(asio::buffer(discard_),
                          beast::bind_front_handler(&Connection::on_linger, shared_from_this()));
}

void Connection::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  stream_.socket().close(ignored);
}

}  // namespace mandate::http
