#include "tests/e2e/server_process.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace mandate::testing {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;

std::string mandate_binary() { return MANDATE_BINARY; }

void record_request(const std::string& bytes) {
  static const char* const dir = std::getenv("MANDATE_RECORD_REQUESTS");
  if (dir == nullptr || *dir == '\0') return;
  static std::atomic<unsigned> count{0};
  const std::string name = std::string(dir) + "/" + std::to_string(::getpid()) + "-" +
                           std::to_string(count.fetch_add(1)) + ".http";
  std::ofstream(name, std::ios::binary) << bytes;
}

ServerProcess::ServerProcess(std::string data_dir, std::vector<std::string> extra_flags) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe");
  std::vector<std::string> args = {mandate_binary(), "serve",    "--data",
                                   data_dir,         "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra_flags.begin(), extra_flags.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  if (::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot start " + args[0]);
  }
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  log_fd_ = fds[0];
  log_reader_ = std::thread([this] { read_log(); });

  // The server logs its URL once it listens; a generous bound only limits a broken start.
  static const std::regex kServing(R"re("msg":"serving","url":"http://[^:]+:(\d+)/")re");
  std::unique_lock lock(mu_);
  std::smatch m;
  const bool up = cv_.wait_for(lock, std::chrono::seconds(60),
                               [&] { return exited_ || std::regex_search(log_, m, kServing); });
  if (!up || exited_) {
    const std::string log = log_;
    lock.unlock();
    stop(SIGKILL);
    throw std::runtime_error("the server did not start:\n" + log);
  }
  port_ = static_cast<uint16_t>(std::stoi(m[1].str()));
  std::ifstream token_file(data_dir + "/admin.token");
  std::getline(token_file, admin_token_);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
}

void ServerProcess::read_log() {
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::read(log_fd_, chunk, sizeof chunk);
    std::lock_guard lock(mu_);
    if (n <= 0) {
      exited_ = true;
      cv_.notify_all();
      return;
    }
    log_.append(chunk, static_cast<size_t>(n));
    cv_.notify_all();
  }
}

int ServerProcess::stop(int signal) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  if (log_reader_.joinable()) log_reader_.join();
  ::close(log_fd_);
  return status;
}

std::string ServerProcess::log() const {
  std::lock_guard lock(mu_);
  return log_;
}

bool ServerProcess::wait_log(const std::function<bool(const std::string&)>& ready) const {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, std::chrono::seconds(60), [&] { return exited_ || ready(log_); }) &&
         ready(log_);
}

HttpResult ServerProcess::request(const std::string& method, const std::string& target,
                                  const std::string& token, const std::string& body,
                                  const std::map<std::string, std::string>& headers) const {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
  if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  std::ostringstream bytes;
  bytes << req;
  record_request(bytes.str());
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  bhttp::read(stream, buffer, parser);
  auto res = parser.release();
  HttpResult out;
  out.status = res.result_int();
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = res.body();
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  return out;
}

HttpResult ServerProcess::post(const std::string& target, const std::string& token,
                               const nlohmann::json& body,
                               const std::map<std::string, std::string>& headers) const {
  return request("POST", target, token, body.dump(), headers);
}

}  // namespace mandate::testing
