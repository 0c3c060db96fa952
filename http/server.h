#pragma once

// The HTTP/1.1 server: accepts connections on several threads, reads requests within limits,
// hands each to a Handler, writes its response, and keeps connections alive. It knows nothing
// of routes or JSON (http/router.h does).
//
// Thread-safety: run() blocks and serves on `threads` threads; stop() may be called from any
// thread or a signal handler's strand.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/http.hpp>

#include "core/result.h"

namespace mandate::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

// A body produced over time, such as Server-Sent Events. The connection asks for one chunk
// at a time, writes it, and asks again.
class StreamSource {
 public:
  using Deliver = std::function<void(std::optional<std::string>)>;
  virtual ~StreamSource() = default;
  // Asks for the next chunk. The source calls `deliver` exactly once, from any thread: with
  // text to send, with an empty text to be asked again, or with nullopt to end the response.
  virtual void next(Deliver deliver) = 0;
  // The client is gone or the server is stopping: a pending `deliver` gets nullopt at once.
  virtual void cancel() = 0;
};

// How a handler answers: once, with a whole response, or with a head and a stream.
class Respond {
 public:
  using Send = std::function<void(Response&&)>;
  using Stream = std::function<void(Response&&, std::shared_ptr<StreamSource>)>;

  Respond() = default;
  template <typename F, typename = std::enable_if_t<std::is_invocable_v<F&, Response&&>>>
  Respond(F send) : send_(std::move(send)) {}  // NOLINT: implicit by design
  Respond(Send send, Stream stream) : send_(std::move(send)), stream_(std::move(stream)) {}

  void operator()(Response&& response) const { send_(std::move(response)); }
  // Sends `head` and then whatever `source` produces. Without stream support, sends `head`.
  void stream(Response&& head, std::shared_ptr<StreamSource> source) const {
    if (stream_) {
      stream_(std::move(head), std::move(source));
    } else {
      send_(std::move(head));
    }
  }
  const Stream& stream_fn() const { return stream_; }

 private:
  Send send_;
  Stream stream_;
};

// Called on an I/O thread for every complete request, with the client's address ("127.0.0.1",
// "::1"). It must answer through `respond` exactly once, from any thread; work that blocks (a
// durable append) belongs on another thread.
using Handler = std::function<void(Request&&, std::string peer, Respond)>;

// Builds the answer to a request that never reached the handler (too large, malformed).
using RejectionBuilder = std::function<Response(unsigned status, const std::string& detail)>;

struct Limits {
  size_t body_bytes = 1 << 20;     // Larger bodies: 413.
  size_t header_bytes = 16 << 10;  // Larger header blocks: 431.
  // A whole request (or the wait for the next one on a kept-alive connection) must arrive
  // within this; a client that trickles bytes is cut off.
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  size_t max_connections = 1024;  // Past this, new connections get 429 and are closed.
  // How long stop() waits for in-flight requests before closing what is left.
  std::chrono::milliseconds drain_timeout{10'000};
};

class Connection;

class Server {
 public:
  Server(Limits limits, Handler handler, RejectionBuilder reject);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port (port 0 picks a free one). kInternal when the address cannot be bound.
  core::Status listen(const std::string& host, uint16_t port);
  // The bound port.
  uint16_t port() const;

  // From now on SIGTERM and SIGINT call stop() (once run() is serving) instead of killing the
  // process. Call it before telling anyone the server listens, so that no signal can come
  // between the two.
  void catch_signals();

  // Serves on `threads` threads until stop() (or SIGTERM / SIGINT when handle_signals, or after
  // catch_signals()) and every connection has drained. Returns after the last request is
  // answered.
  void run(int threads, bool handle_signals);

  // Stops accepting, lets in-flight requests finish and answer, closes idle connections.
  void stop();

  size_t open_connections() const { return connections_.load(); }

 private:
  friend class Connection;
  void do_accept();
  void begin_drain();
  void check_drained();
  void forget(Connection* connection);

  Limits limits_;
  Handler handler_;
  RejectionBuilder reject_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::signal_set signals_;
  bool catching_signals_ = false;
  boost::asio::steady_timer drain_timer_;
  std::atomic<size_t> connections_{0};
  std::atomic<bool> draining_{false};
  std::mutex live_mu_;
  // Each open connection by address, to forget it by, and weakly, to reach it by when draining.
  struct LiveConnection {
    const Connection* connection;
    std::weak_ptr<Connection> weak;
  };
  std::vector<LiveConnection> live_;
};

}  // namespace mandate::http
