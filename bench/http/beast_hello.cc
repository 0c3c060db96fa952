// beast_hello: the smallest asynchronous Boost.Beast HTTP/1.1 server that answers every request
// with {"ok":true}. It has the shape of Mandate's server (one io_context run by two threads, a
// strand per connection, keep-alive, a read timeout) and nothing else, so the requests/s wrk
// gets from it on a machine are the ceiling that Mandate's figures are read against.
//
//   beast_hello --listen 127.0.0.1:PORT [--threads 2]   (port 0: any free port, printed)

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::chrono::seconds kReadTimeout{30};  // Mandate's default.

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket socket) : stream_(std::move(socket)) {}

  void start() {
    // Start on the connection's strand, as every later handler runs.
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::read, shared_from_this()));
  }

 private:
  void read() {
    request_ = {};
    stream_.expires_after(kReadTimeout);
    bhttp::async_read(stream_, buffer_, request_,
                      beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return close();
    response_ = {bhttp::status::ok, request_.version()};
    response_.set(bhttp::field::server, "beast_hello");
    response_.set(bhttp::field::content_type, "application/json");
    response_.body() = R"({"ok":true})";
    response_.keep_alive(request_.keep_alive());
    response_.prepare_payload();
    bhttp::async_write(stream_, response_,
                       beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec || !response_.keep_alive()) return close();
    read();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> request_;
  bhttp::response<bhttp::string_body> response_;
};

void accept(tcp::acceptor& acceptor, asio::io_context& ioc) {
  acceptor.async_accept(asio::make_strand(ioc),
                        [&acceptor, &ioc](beast::error_code ec, tcp::socket socket) {
                          if (ec == asio::error::operation_aborted) return;
                          if (!ec) std::make_shared<Session>(std::move(socket))->start();
                          accept(acceptor, ioc);
                        });
}

int usage() {
  std::cerr << "usage: beast_hello --listen HOST:PORT [--threads N]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string listen;
  int threads = 2;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--listen" && i + 1 < argc) {
      listen = argv[++i];
    } else if (arg == "--threads" && i + 1 < argc) {
      threads = std::max(1, std::atoi(argv[++i]));
    } else {
      return usage();
    }
  }
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return usage();

  asio::io_context ioc;
  tcp::acceptor acceptor(asio::make_strand(ioc));
  try {
    const tcp::endpoint endpoint(asio::ip::make_address(listen.substr(0, colon)),
                                 static_cast<unsigned short>(std::stoi(listen.substr(colon + 1))));
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
  } catch (const std::exception& e) {
    std::cerr << "beast_hello: cannot listen on " << listen << ": " << e.what() << "\n";
    return 3;
  }

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&ioc](beast::error_code, int) { ioc.stop(); });
  accept(acceptor, ioc);
  // The runner passes port 0 and reads the port the kernel chose from this line.
  std::cerr << "beast_hello: serving on http://" << acceptor.local_endpoint().address().to_string()
            << ":" << acceptor.local_endpoint().port() << "/" << std::endl;

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
}
