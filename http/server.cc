#include "http/server.h"

#include <algorithm>
#include <thread>

#include <boost/asio/strand.hpp>

#include "http/connection.h"

namespace mandate::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

Server::Server(Limits limits, Handler handler, RejectionBuilder reject)
    : limits_(limits),
      handler_(std::move(handler)),
      reject_(std::move(reject)),
      acceptor_(asio::make_strand(ioc_)),
      signals_(ioc_),
      drain_timer_(ioc_) {}

Server::~Server() = default;

core::Status Server::listen(const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) {
    return core::make_error(core::ErrorCode::kValidationFailed, "not an IP address: " + host,
                            "listen");
  }
  const tcp::endpoint endpoint(address, port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return core::make_error(
        core::ErrorCode::kInternal,
        "cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
  }
  return core::ok_status();
}

uint16_t Server::port() const { return acceptor_.local_endpoint().port(); }

void Server::catch_signals() {
  if (catching_signals_) return;
  catching_signals_ = true;
  signals_.add(SIGTERM);
  signals_.add(SIGINT);
  signals_.async_wait([this](boost::system::error_code ec, int) {
    if (!ec) stop();
  });
}

void Server::run(int threads, bool handle_signals) {
  if (handle_signals) catch_signals();
  do_accept();
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (auto& t : pool) t.join();
}

void Server::do_accept() {
  acceptor_.async_accept(
      asio::make_strand(ioc_), [this](boost::system::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
        if (!ec) {
          auto connection = std::make_shared<Connection>(std::move(socket), *this);
          if (connections_.load() > limits_.max_connections) {
            connection->refuse(429, "too many connections; try again shortly");
          } else {
            {
              std::lock_guard lock(live_mu_);
              live_.push_back({connection.get(), connection});
            }
            connection->start();
          }
        }
        do_accept();
      });
}

void Server::stop() {
  asio::post(acceptor_.get_executor(), [this] {
    if (draining_.exchange(true)) return;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
    begin_drain();
  });
}

void Server::begin_drain() {
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(live_mu_);
    for (auto& entry : live_) {
      // Moved out, so the last reference, if this is it, is dropped after the lock.
      if (auto c = entry.weak.lock()) live.push_back(std::move(c));
    }
  }
  for (auto& c : live) c->close_if_idle();
  drain_timer_.expires_after(limits_.drain_timeout);
  drain_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) ioc_.stop();  // In-flight requests had their time; close the rest.
  });
  check_drained();
}

void Server::check_drained() {
  if (draining_.load() && connections_.load() == 0) {
    asio::post(ioc_, [this] { drain_timer_.cancel(); });
  }
}

void Server::forget(Connection* connection) {
  std::lock_guard lock(live_mu_);
  // expired(), never lock(): a shared_ptr made here could turn out to be another connection's
  // last one, and dropping it would run that connection's destructor, which forgets it under
  // this same lock (a thread deadlocked on itself, seen under wrk's closing of 64 connections).
  std::erase_if(live_, [connection](const LiveConnection& entry) {
    return entry.connection == connection || entry.weak.expired();
  });
}

}  // namespace mandate::http
