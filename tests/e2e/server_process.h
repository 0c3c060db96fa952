#pragma once

// The real `mandate serve`, started on a free loopback port with its own data directory, and
// a small blocking HTTP client to talk to it. End-to-end tests use nothing else.

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <sys/types.h>

namespace mandate::testing {

struct HttpResult {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // Lowercase names.
  std::string body;

  nlohmann::json json() const { return nlohmann::json::parse(body); }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class ServerProcess {
 public:
  // Starts the server with data in `data_dir` and extra flags; waits until it listens.
  ServerProcess(std::string data_dir, std::vector<std::string> extra_flags = {});
  // Stops it with SIGTERM if still running.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  const std::string& admin_token() const { return admin_token_; }

  // One request on a fresh connection. `token` empty: no Authorization header.
  HttpResult request(const std::string& method, const std::string& target, const std::string& token,
                     const std::string& body = {},
                     const std::map<std::string, std::string>& headers = {}) const;
  HttpResult get(const std::string& target, const std::string& token) const {
    return request("GET", target, token);
  }
  HttpResult post(const std::string& target, const std::string& token, const nlohmann::json& body,
                  const std::map<std::string, std::string>& headers = {}) const;

  // Sends SIGTERM (or `signal`) and waits; returns the exit status from waitpid.
  int stop(int signal = 15);
  // Everything the server wrote to stderr so far.
  std::string log() const;
  // Waits until `ready(log())` holds, or the server exits, or a minute bounds a broken one;
  // whether it holds.
  bool wait_log(const std::function<bool(const std::string&)>& ready) const;

 private:
  void read_log();

  pid_t pid_ = -1;
  int log_fd_ = -1;
  uint16_t port_ = 0;
  std::string admin_token_;
  std::thread log_reader_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::string log_;
  bool exited_ = false;
};

// The `mandate` binary under test.
std::string mandate_binary();

// With MANDATE_RECORD_REQUESTS naming a directory, each request a test sends (its bytes as
// written to the socket) is kept there as a file, for the fuzz seeds (fuzz/README.md); otherwise
// nothing.
void record_request(const std::string& bytes);

}  // namespace mandate::testing
