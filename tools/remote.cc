#include "tools/remote.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace mandate::tools {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// A server that cannot be reached (exit code 3) is told apart from a server that refused.
core::Error unreachable(const std::string& message) {
  return core::make_error(core::ErrorCode::kInternal, message);
}

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

}  // namespace

core::Result<Remote> Remote::from_args(const Args& args) {
  Remote remote;
  remote.url_ = args.get("url", "");
  std::string rest = remote.url_;
  if (rest.rfind("http://", 0) != 0) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            "--url must be http://HOST:PORT, not " + remote.url_);
  }
  rest = rest.substr(7);
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  const size_t colon = rest.rfind(':');
  if (colon == std::string::npos || rest.find('/') != std::string::npos) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            "--url must be http://HOST:PORT, not " + remote.url_);
  }
  remote.host_ = rest.substr(0, colon);
  remote.port_ = rest.substr(colon + 1);
  if (args.has("token-file")) {
    std::ifstream in(args.get("token-file", ""));
    if (!in)
      return core::make_error(core::ErrorCode::kValidationFailed,
                              "cannot read the token file " + args.get("token-file", ""));
    std::stringstream text;
    text << in.rdbuf();
    remote.token_ = trim(text.str());
  } else if (const char* env = std::getenv("MANDATE_TOKEN"); env != nullptr) {
    remote.token_ = trim(env);
  }
  if (remote.token_.empty()) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            "--url needs a token: --token-file FILE or MANDATE_TOKEN");
  }
  return remote;
}

core::Result<Reply> Remote::call(const std::string& method, const std::string& target,
                                 const std::string& body) const {
  try {
    boost::asio::io_context io;
    tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(60));
    stream.connect(resolver.resolve(host_, port_));
    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, host_);
    request.set(http::field::authorization, "Bearer " + token_);
    request.set(http::field::user_agent, "mandate-cli");
    if (!body.empty()) request.set(http::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(1024ull * 1024 * 1024);
    http::read(stream, buffer, parser);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return Reply{parser.get().result_int(), parser.get().body()};
  } catch (const std::exception& e) {
    return unreachable(url_ + ": " + e.what());
  }
}

std::string describe_failure(const Reply& reply) {
  std::string line = std::to_string(reply.status);
  const auto problem = nlohmann::json::parse(reply.body, nullptr, false);
  if (problem.is_object()) {
    if (problem.contains("code")) line += " " + problem["code"].get<std::string>();
    if (problem.contains("detail")) line += ": " + problem["detail"].get<std::string>();
    if (problem.contains("field")) line += " (field " + problem["field"].get<std::string>() + ")";
  } else if (!reply.body.empty()) {
    line += ": " + reply.body.substr(0, 200);
  }
  return line;
}

}  // namespace mandate::tools
